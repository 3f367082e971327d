import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const bin = fileURLToPath(new URL('../../packages/server/bin/hexiao.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

type Env = Record<string, string | undefined>;

/** A fixed audit key for CLI runs on PostgreSQL, where the server refuses to start without one. */
const testAuditKeyHex = 'a1'.repeat(32);

/** The child's environment: on PostgreSQL an audit key is provided unless the caller (or CI) gave one. */
export function cliEnv(env: Env = {}): Env {
  const inherited: Env = { ...process.env };
  const callerNamesKey = 'HEXIAO_AUDIT_KEY' in env || 'HEXIAO_AUDIT_KEY_FILE' in env;
  // a key the caller names replaces the inherited one (HEXIAO_AUDIT_KEY and _FILE together are refused)
  if (callerNamesKey) {
    delete inherited.HEXIAO_AUDIT_KEY;
    delete inherited.HEXIAO_AUDIT_KEY_FILE;
  }
  const merged: Env = { ...inherited, LOG_LEVEL: 'warn', ...env };
  if (!callerNamesKey && merged.DATABASE_URL && !merged.HEXIAO_AUDIT_KEY && !merged.HEXIAO_AUDIT_KEY_FILE)
    merged.HEXIAO_AUDIT_KEY = testAuditKeyHex;
  return merged;
}

/** Runs `hexiao …` in a child process with the given environment overrides. */
export function hexiao(args: string[], env: Env = {}): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: cliEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `hexiao serve` and resolves once it prints its URL. */
export function startServer(args: string[], env: Env) {
  const child = spawn(process.execPath, [bin, 'serve', '--json', '--port', '0', ...args], {
    env: cliEnv(env),
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const ready = new Promise<{ url: string }>((resolve, reject) => {
    // the document that names the address (printed over several lines), not a log line printed before or after it
    child.stdout.on('data', (d) => {
      stdout += d;
      for (let start = stdout.startsWith('{') ? 0 : stdout.indexOf('\n{') + 1; start > 0 || stdout.startsWith('{');) {
        const end = stdout.indexOf('\n}', start);
        if (end === -1) return;
        try {
          const parsed = JSON.parse(stdout.slice(start, end + 2)) as { url?: unknown };
          if (typeof parsed.url === 'string') return resolve(parsed as { url: string });
        } catch {
          /* a one-line log document: look further */
        }
        const next = stdout.indexOf('\n{', start + 1);
        if (next === -1) return;
        start = next + 1;
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, stderr: () => stderr };
}
