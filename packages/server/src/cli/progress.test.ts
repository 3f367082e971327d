import { describe, expect, it } from 'vitest';
import { cliProgress } from './progress.ts';

const sink = (isTTY: boolean) => {
  const lines: string[] = [];
  return { isTTY, lines, write: (t: string) => lines.push(t) };
};

describe('CLI progress on stderr', () => {
  it('redraws one bar in place on a terminal, ending with a newline', async () => {
    const s = sink(true);
    const p = cliProgress('matching', s);
    await p.report({ done: 0, total: 200, phase: 'deciding' });
    await p.report({ done: 50, total: 200, phase: 'deciding' }); // within 100 ms: not redrawn
    await p.report({ done: 200, total: 200, phase: 'deciding' });
    p.end();
    expect(s.lines).toHaveLength(3);
    expect(s.lines[0]).toBe('\r\x1b[Kmatching: deciding [........................] 0% 0 / 200');
    expect(s.lines[1]).toBe('\r\x1b[Kmatching: deciding [########################] 100% 200 / 200');
    expect(s.lines[2]).toBe('\n');
  });

  it('writes plain lines elsewhere: a new phase and each tenth of the way', async () => {
    const s = sink(false);
    const p = cliProgress('import', s);
    for (let done = 0; done <= 1000; done += 50) await p.report({ done, total: 1000, phase: 'posting' });
    await p.report({ done: 3, phase: 'reading' });
    p.end();
    expect(s.lines.map((l) => l.split(' (')[0])).toEqual([
      ...Array.from({ length: 11 }, (_, i) => `import: posting ${i * 10}%`),
      'import: reading',
    ]);
    expect(s.lines.every((l) => l.endsWith('\n'))).toBe(true);
    expect(s.lines.at(-1)).toBe('import: reading (3)\n');
  });
});
