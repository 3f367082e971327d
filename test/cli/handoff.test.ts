import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexiao, startServer } from './run-cli.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// an embedded data folder on either suite: the hand-off exists for the folder lock
let root: string;
const env = () => ({
  HEXIAO_DATA_DIR: join(root, 'data'),
  DATABASE_URL: undefined,
  HEXIAO_AUDIT_KEY: undefined,
  HEXIAO_TENANT: 'acme',
});
const csv = (name: string, text: string) => {
  writeFileSync(join(root, name), text);
  return join(root, name);
};
let server: ReturnType<typeof startServer>;
let url: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hexiao-handoff-'));
  dirs.push(root);
  const first = hexiao(
    [
      'import',
      'customers-csv',
      csv('customers.csv', 'code,name,currency\nK1,Kunde eins,EUR\nK2,Kunde zwei,EUR\n'),
      '--json',
    ],
    env(),
  );
  expect(first.status, first.stderr).toBe(0);
  server = startServer([], env());
  url = (await server.ready).url;
}, 300_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
});

describe('hexiao commands beside a running embedded server hand their work to it', () => {
  it('import: the file goes to the server, which books it; the report comes back on stdout', () => {
    const file = csv(
      'invoices.csv',
      'invoice_no,customer_code,currency,amount,issue_date\nR-1,K1,EUR,100.00,2024-06-03\nR-2,K2,EUR,250.00,2024-06-10\n',
    );
    const r = hexiao(['import', 'invoices-csv', file, '--json'], env());
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ created: 2, rejected: 0 });
    // the same file again: idempotent on the server as on the folder
    const again = hexiao(['import', 'invoices-csv', file, '--json'], env());
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0 });
  }, 120_000);

  it('match: the run is a job on the server, followed to its report', () => {
    const r = hexiao(['match', '--dry-run', '--json'], env());
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ dryRun: true });
  }, 120_000);

  it('a refusal by the server is one line naming it; a tenant that does not exist is refused', () => {
    const r = hexiao(['remind', '--plan', 'no-such-plan'], env());
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/the running server refused it/);
    const other = hexiao(['match', '--dry-run', '--tenant', 'nobody'], env());
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/tenant nobody does not exist/);
  }, 120_000);

  it('only the folder owner can read the secret; a wrong one is refused; it is gone when the server stops', async () => {
    const secret = join(root, 'data', 'secrets', 'handoff.key');
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    const res = await fetch(`${url}/api/v1/customers`, { headers: { authorization: 'Bearer hxl_not-the-secret' } });
    expect(res.status).toBe(401);
    server.child.kill('SIGTERM');
    await server.exited;
    expect(existsSync(secret)).toBe(false);
    // with the server gone the command opens the folder itself again
    const r = hexiao(['match', '--dry-run', '--json'], env());
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
});
