import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cliEnv } from '../cli/run-cli.ts';
import { describe, expect, it, onTestFinished } from 'vitest';
import { repoRoot } from './support.ts';
import { testDbKind } from '../support/test-db.ts';

const bin = join(repoRoot, 'packages/server/bin/hexiao.js');
/** Three batches of stored lines, and the kill comes after the first: atomicity is at stake, whatever the size. */
const batch = 1_000;
const entries = 2_500;
/** The generator makes every fourth entry a debit. */
const credits = entries - Math.floor(entries / 4);

async function statement(dir: string) {
  const { writeCamt053 } = (await import('../../packages/plugins/bench/camt-parse.ts')) as {
    writeCamt053(p: string, n: number): Promise<number>;
  };
  const path = join(dir, 'big.xml');
  await writeCamt053(path, entries);
  return path;
}

/** Starts `hexiao import`, waits until it has stored a first batch (uncommitted), and SIGKILLs it. */
function killMidImport(env: NodeJS.ProcessEnv, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'import', 'camt053', file, '--json'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (/bank lines stored/.test(err)) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(err) : reject(new Error(`import ended before it was killed (${code}): ${err}`)),
    );
  });
}

const run = (env: NodeJS.ProcessEnv, file: string) => {
  const r = spawnSync(process.execPath, [bin, 'import', 'camt053', file, '--json'], {
    env,
    encoding: 'utf8',
    timeout: 170_000,
  });
  return {
    status: r.status,
    stderr: r.stderr,
    report:
      r.status === 0
        ? (JSON.parse(r.stdout) as { read: number; created: number; duplicates: number; receipts: { posted: number } })
        : undefined,
  };
};

describe(`an import killed half way leaves its whole batch or none (${testDbKind()})`, () => {
  it('SIGKILL mid-import, then the rerun completes it exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hexiao-kill-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = await statement(dir);
    const env = cliEnv({
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      HEXIAO_DATA_DIR: join(dir, 'data'),
      HEXIAO_TENANT: `k-${randomBytes(4).toString('hex')}`,
      HEXIAO_BASE_CURRENCY: 'EUR',
      HEXIAO_IMPORT_BATCH: String(batch),
    });
    await killMidImport(env, file);
    const again = run(env, file);
    expect(again.stderr.split('\n').filter((l) => l.startsWith('hexiao'))).toEqual([]);
    expect(again.status).toBe(0);
    expect([
      again.report!.read,
      again.report!.created,
      again.report!.duplicates,
      again.report!.receipts.posted,
    ]).toEqual([entries, entries, 0, credits]);
    const third = run(env, file);
    expect([third.report!.created, third.report!.duplicates, third.report!.receipts.posted]).toEqual([0, entries, 0]);
  }, 400_000);
});
