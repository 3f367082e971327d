import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConnectorConformance } from './conformance.ts';
import { defineConnector } from './define-connector.ts';
import type { BankLineRecord, ParseOutput } from './records.ts';

const dir = mkdtempSync(join(tmpdir(), 'hexiao-kit-'));
const file = join(dir, 'three.txt');
writeFileSync(file, 'a\nb\nc\n');
writeFileSync(join(dir, 'README.md'), 'not a sample');

const line = (i: number, extra: Partial<BankLineRecord> = {}): BankLineRecord => ({
  type: 'bank-line',
  sourceKey: `ACC|${i}`,
  account: { number: 'ACC' },
  bookingDate: '2024-01-0' + (i + 1),
  amount: '1.00',
  currency: 'EUR',
  direction: 'credit',
  ordinal: i,
  position: { index: i, line: i + 1 },
  ...extra,
});

function connector(outputs: (call: number) => ParseOutput[], count = 3) {
  let calls = 0;
  return defineConnector({
    id: 'fake',
    kind: 'bank-feed',
    version: '0.0.1',
    configSchema: { type: 'object', properties: { x: { type: 'integer' } }, additionalProperties: false },
    async *parse() {
      yield* outputs(calls++);
    },
    count: async () => count,
  });
}

describe('runConnectorConformance', () => {
  it('passes a correct connector and skips *.md in a folder', async () => {
    const report = await runConnectorConformance({
      connector: connector(() => [line(0), line(1), { rejected: { position: { index: 2, line: 3 }, reason: 'bad' } }]),
      samples: dir,
    });
    expect(report.ok).toBe(true);
    expect(report.files).toMatchObject([
      { file: 'three.txt', records: 2, rejections: 1, items: 3, byType: { 'bank-line': 2 }, problems: [] },
    ]);
  });

  it('finds every kind of problem', async () => {
    const bad = connector((call) => [
      line(0, { amount: 1.5 as unknown as string }),
      line(1, { sourceKey: 'ACC|0', currency: 'ZZZ', bookingDate: `2024-01-0${call + 1}` }),
    ]);
    const report = await runConnectorConformance({ connector: bad, samples: [file], config: { x: 'no' } as never });
    const tests = report.files[0]!.problems.map((p) => p.test);
    expect(new Set(tests)).toEqual(
      new Set(['config', 'schema', 'exact-decimals', 'unique-source-keys', 'deterministic', 'complete']),
    );
    expect(report.files[0]!.problems.find((p) => p.test === 'complete')?.message).toMatch(
      /items 2 were neither yielded nor rejected/,
    );
    expect(report.files[0]!.problems.find((p) => p.test === 'schema' && p.pointer === '/currency')).toBeDefined();
    expect(report.ok).toBe(false);
  });

  it('reports a parse that throws, and honours skips by name', async () => {
    const throwing = defineConnector({
      id: 'boom',
      kind: 'bank-feed',
      version: '1',
      configSchema: {},
      async *parse() {
        yield line(0);
        throw new Error('kaput');
      },
    });
    const report = await runConnectorConformance({
      connector: throwing,
      samples: [file],
      skip: [{ reason: 'no item count for this format', tests: ['complete'] }],
    });
    expect(report.files[0]!.problems).toEqual([{ test: 'no-throw', message: expect.stringMatching(/kaput/) }]);
    expect(report.notChecked).toEqual([]);
    const unskipped = await runConnectorConformance({ connector: throwing, samples: [file] });
    expect(unskipped.notChecked).toEqual([{ file: 'three.txt', test: 'complete', why: expect.any(String) }]);
  });

  it('checks declared counts given by the caller', async () => {
    const report = await runConnectorConformance({
      connector: connector(() => [line(0), line(1), line(2)]),
      samples: [file],
      expect: { 'three.txt': { records: 4, rejections: 0 } },
    });
    expect(report.files[0]!.problems.map((p) => p.message)).toEqual(['expected 4 records, got 3']);
  });
});
