import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { skipList } from './skip.ts';
// @ts-expect-error plain JavaScript module of the test runner, without types
import { failedLines, skippedLines, summarise } from '../../scripts/test-report.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist') return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? testFiles(path) : e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const testSources = () =>
  ['test', 'packages', 'examples']
    .flatMap((d) => testFiles(join(root, d)))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

describe('the skip list', () => {
  it('names only tests that exist, each with a reason', () => {
    const sources = testSources();
    for (const [title, entry] of Object.entries(skipList)) {
      expect(sources, title).toContain(`'${title}'`);
      expect(entry.reason.length, title).toBeGreaterThan(20);
    }
  });

  it('the suite counts skipped tests, prints each with its reason, and fails one skipped outside the list', () => {
    const report = {
      success: true,
      numPassedTests: 2,
      numFailedTests: 0,
      testResults: [
        {
          name: join(root, 'test/a.test.ts'),
          assertionResults: [
            { ancestorTitles: ['a'], title: 'one', status: 'passed' },
            { ancestorTitles: ['a'], title: 'two', status: 'passed' },
            {
              ancestorTitles: ['a'],
              title: 'listed',
              status: 'skipped',
              meta: { skipReason: 'on PGlite: one connection' },
            },
            { ancestorTitles: ['a'], title: 'hidden', status: 'skipped', meta: {} },
            { ancestorTitles: ['a'], title: 'later', status: 'todo', meta: {} },
          ],
        },
      ],
    };
    const summary = summarise(report, root);
    expect([summary.passed, summary.failed, summary.skipped.length, summary.unlisted]).toEqual([2, 2, 3, 2]);
    expect(skippedLines('pglite', summary.skipped)).toEqual([
      'skipped on pglite (3):',
      '  test/a.test.ts › a › listed',
      '      on PGlite: one connection',
      '  test/a.test.ts › a › hidden',
      '      NOT IN THE SKIP LIST (test/support/skip.ts): counted as failed',
      '  test/a.test.ts › a › later',
      '      NOT IN THE SKIP LIST (test/support/skip.ts): counted as failed',
    ]);
    expect(summarise({ ...report, testResults: [], success: false }, root).failed).toBe(1);
    const byName = summarise(report, root, { byName: true }); // -t filtered the unlisted ones out
    expect([byName.passed, byName.failed, byName.skipped.length]).toEqual([2, 0, 1]);
  });

  it('the suite names each failure in one line, with the first line of its error, so the end of the log says it', () => {
    const report = {
      success: false,
      testResults: [
        {
          name: join(root, 'test/a.test.ts'),
          status: 'failed',
          assertionResults: [
            { ancestorTitles: ['a'], title: 'one', status: 'passed' },
            {
              ancestorTitles: ['a'],
              title: 'two',
              status: 'failed',
              failureMessages: ['\nAssertionError: 1 !== 2\n  at x'],
            },
          ],
        },
        { name: join(root, 'test/b.test.ts'), status: 'failed', message: 'SyntaxError: nope', assertionResults: [] },
        { name: join(root, 'test/c.test.ts'), status: 'passed', assertionResults: [] },
      ],
    };
    expect(failedLines(report, root)).toEqual([
      'FAILED test/a.test.ts › a › two: AssertionError: 1 !== 2',
      'FAILED test/b.test.ts (the file itself): SyntaxError: nope',
    ]);
    expect(failedLines({ success: false, testResults: [] }, root)).toEqual([
      'FAILED the run itself: an error outside every test file (see "Unhandled Errors" above)',
    ]);
    expect(failedLines({ success: true, testResults: report.testResults.slice(2) }, root)).toEqual([]);
  });
});
