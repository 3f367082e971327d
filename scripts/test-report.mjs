// Reads vitest's JSON report into the counts the suite's closing line gives, and the skipped tests by name.
import { relative } from 'node:path';

/**
 * @param {any} json vitest's JSON report
 * @param {string} root paths are printed relative to it
 * @param {{ byName?: boolean }} [o] byName: the run was filtered by test name (-t), so tests skipped without a
 *   reason were filtered out, not skipped: they are left out of the counts
 * @returns {{ passed: number, failed: number, skipped: { name: string, reason?: string }[], unlisted: number }}
 */
export function summarise(json, root, o = {}) {
  let failed = json.numFailedTests + (json.numRuntimeErrorTests ?? 0);
  if (!json.success && failed === 0) failed = 1; // a file that failed to load counts
  const skipped = [];
  for (const file of json.testResults)
    for (const t of file.assertionResults)
      if (t.status !== 'passed' && t.status !== 'failed')
        skipped.push({
          name: [relative(root, file.name), ...t.ancestorTitles, t.title].join(' › '),
          reason: t.meta?.skipReason,
        });
  if (o.byName) {
    const listed = skipped.filter((t) => t.reason);
    return { passed: json.numPassedTests, failed, skipped: listed, unlisted: 0 };
  }
  const unlisted = skipped.filter((t) => !t.reason).length;
  return { passed: json.numPassedTests, failed: failed + unlisted, skipped, unlisted };
}

/** The lines printed at the end of a suite: each skipped test and why. */
export function skippedLines(label, skipped) {
  if (skipped.length === 0) return [];
  return [
    `skipped on ${label} (${skipped.length}):`,
    ...skipped.flatMap((t) => [
      `  ${t.name}`,
      `      ${t.reason ?? 'NOT IN THE SKIP LIST (test/support/skip.ts): counted as failed'}`,
    ]),
  ];
}

/**
 * The lines naming what failed, so the end of a long log says it: each failed test with the first line of its
 * error, and each file that failed as a whole (did not load, or an error outside any test).
 * @param {any} json vitest's JSON report
 * @param {string} root
 * @returns {string[]}
 */
export function failedLines(json, root) {
  const lines = [];
  const first = (messages) =>
    String(messages?.[0] ?? '')
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim()
      .slice(0, 300) ?? '';
  for (const file of json.testResults) {
    const path = relative(root, file.name);
    const failedTests = file.assertionResults.filter((t) => t.status === 'failed');
    for (const t of failedTests)
      lines.push(`FAILED ${[path, ...t.ancestorTitles, t.title].join(' › ')}: ${first(t.failureMessages)}`);
    if (file.status === 'failed' && failedTests.length === 0)
      lines.push(`FAILED ${path} (the file itself): ${first([file.message])}`);
  }
  if (!json.success && lines.length === 0)
    lines.push('FAILED the run itself: an error outside every test file (see "Unhandled Errors" above)');
  return lines;
}
