#!/usr/bin/env node
// Runs the layer lint and the format check, then the whole vitest suite once, and ends with the plain line
// CI reads: "N passed, N failed" (a failed check counts as one failed test). Extra arguments are passed to
// vitest (e.g. a path filter).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const checks = [
  ['lint (layers, environment, SQL)', ['node_modules/.bin/eslint', 'packages/server/src']],
  ['lint (import boundaries)', ['node_modules/.bin/depcruise', '--config', '.dependency-cruiser.cjs', 'packages']],
  ['format (prettier --check)', ['node_modules/.bin/prettier', '--check', '--log-level', 'warn', '.']],
].map(([name, [cmd, ...args]]) => {
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
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numRuntimeErrorTests ?? 0);
  if (!json.success && failed === 0) failed = 1; // a suite that failed to load counts
} catch {
  failed = Math.max(failed, 1);
}
rmSync(dir, { recursive: true, force: true });
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`suite ${label}: ${seconds} s`);
failed += failedChecks;
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
