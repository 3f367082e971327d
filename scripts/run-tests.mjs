#!/usr/bin/env node
// Runs the layer lint and the format check, then the whole vitest suite once; lists every skipped test with
// the reason test/support/skip.ts gives, and ends with the plain line CI reads: "N passed, N failed, N skipped"
// (a failed check counts as one failed test, and so does a skip that is not in the skip list). Extra arguments
// are passed to vitest (e.g. a path filter).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failedLines, skippedLines, summarise } from './test-report.mjs';

const checkList = [
  ['lint (layers, environment, SQL)', ['node_modules/.bin/eslint', 'packages/server/src']],
  ['lint (import boundaries)', ['node_modules/.bin/depcruise', '--config', '.dependency-cruiser.cjs', 'packages']],
  ['format (prettier --check)', ['node_modules/.bin/prettier', '--check', '--log-level', 'warn', '.']],
];
const checkNames = checkList.map(([name]) => name);
const checks = checkList.map(([name, [cmd, ...args]]) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  console.log(`check ${name}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
  return r.status === 0;
});
const failedChecks = checks.filter((ok) => !ok).length;

const dir = mkdtempSync(join(tmpdir(), 'hexiao-tests-'));
const report = join(dir, 'report.json');
const started = Date.now();
const label = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: process.env },
);
let passed = 0;
let failed = 0;
let skipped = [];
let failures = [];
try {
  const byName = process.argv.slice(2).some((a) => a === '-t' || a.startsWith('--testNamePattern'));
  const json = JSON.parse(readFileSync(report, 'utf8'));
  ({ passed, failed, skipped } = summarise(json, process.cwd(), { byName }));
  failures = failedLines(json, process.cwd());
} catch {
  failed = 1;
  failures = ['FAILED the run itself: vitest wrote no report'];
}
rmSync(dir, { recursive: true, force: true });
const seconds = ((Date.now() - started) / 1000).toFixed(1);
for (const line of skippedLines(label, skipped)) console.log(line);
checks.forEach((ok, i) => ok || failures.push(`FAILED check: ${checkNames[i]} (its output is above)`));
for (const t of skipped) if (!t.reason) failures.push(`FAILED skipped outside the skip list: ${t.name}`);
for (const line of failures) console.log(line);
console.log(`suite ${label}: ${seconds} s`);
failed += failedChecks;
console.log(`${passed} passed, ${failed} failed, ${skipped.length} skipped`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
