import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchServerNodeArgs, childProcessEnv } from '../config/config.ts';

const bin = fileURLToPath(new URL('../../bin/hexiao.js', import.meta.url));

/**
 * `hexiao serve` in a child process, as an operator runs it: the load generator measures the server over
 * loopback, not a handler called in the same process (which would share its event loop).
 */
export async function startServeProcess(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [...benchServerNodeArgs(), bin, 'serve', '--json', '--port', '0'], {
    env: childProcessEnv({ LOG_LEVEL: 'warn', HEXIAO_REMIND_EVERY: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const { url } = await new Promise<{ url: string }>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      try {
        resolve(JSON.parse(stdout) as { url: string });
      } catch {
        /* not complete yet */
      }
    });
    void exited.then((code) => reject(new Error(`hexiao serve exited ${code}: ${stderr.slice(-2000)}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
