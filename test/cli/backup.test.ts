import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, sql } from '../../packages/server/src/store/db.ts';
import { hexiao, startServer } from './run-cli.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'hexiao-backup-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// backups copy an embedded data folder: every run here is embedded, on either suite
const embedded = (dataDir: string) => ({
  HEXIAO_DATA_DIR: dataDir,
  DATABASE_URL: undefined,
  HEXIAO_AUDIT_KEY: undefined,
});
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let root: string;
let source: string;
let backup: string;

beforeAll(() => {
  root = tempDir();
  source = join(root, 'source');
  const csv = (name: string, text: string) => {
    writeFileSync(join(root, name), text);
    return join(root, name);
  };
  for (const [connector, file] of [
    ['customers-csv', csv('customers.csv', 'code,name,currency\nK1,Kunde eins,EUR\nK2,Kunde zwei,EUR\n')],
    [
      'invoices-csv',
      csv(
        'invoices.csv',
        'invoice_no,customer_code,currency,amount,issue_date,open_amount\nR-1,K1,EUR,100.00,2024-06-03,40.00\nR-2,K2,EUR,250.00,2024-06-10,\n',
      ),
    ],
  ]) {
    const r = hexiao(['import', connector!, file!, '--json'], { ...embedded(source), HEXIAO_TENANT: 'acme' });
    expect(r.status, r.stderr).toBe(0);
  }
  backup = join(root, 'acme.tar.gz');
  const r = hexiao(['backup', '--out', backup, '--json'], embedded(source));
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ file: backup, files: expect.any(Number) });
}, 300_000);

describe('hexiao backup and restore of an embedded data folder', () => {
  it('writes one file only its owner can read (it holds the audit key), and never over an existing one', () => {
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    const again = hexiao(['backup', '--out', backup], embedded(source));
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/EEXIST|exists/);
  });

  it('restores into an empty folder: the audit log records the restore, chains and books verify, stored files come along', async () => {
    const target = join(tempDir(), 'restored');
    const r = hexiao(['restore', '--from', backup, '--reason', 'restore drill', '--json'], embedded(target));
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ dataDir: target, backupFrom: source, ok: true });
    expect(report.tenants).toEqual([
      expect.objectContaining({ tenant: 'acme', auditOk: true, booksOk: true, documents: expect.any(Number) }),
    ]);
    const verify = hexiao(['audit', 'verify', '--tenant', 'acme'], embedded(target));
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/signed head matches/);
    const db = await createDb({ dataDir: join(target, 'db') });
    try {
      // the stored import files came along, found by their sha-256 under the new folder
      const files = (await db.db.execute(sql`SELECT sha256 FROM import_files`)) as unknown as {
        rows: { sha256: string }[];
      };
      expect(files.rows).toHaveLength(2);
      for (const f of files.rows) expect(sha256(join(target, 'imports', f.sha256))).toBe(f.sha256);
      const recorded = (await db.db.execute(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit.anchor-epoch' AND after::text LIKE '%restore drill%'`,
      )) as unknown as { rows: { n: number }[] };
      expect(recorded.rows[0]!.n).toBe(1);
    } finally {
      await db.close();
    }
    const twice = hexiao(['restore', '--from', backup], embedded(target));
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/is not empty: restore into a new data folder/);
  }, 300_000);

  it('refuses a damaged backup and leaves the target folder untouched', () => {
    const bytes = readFileSync(backup);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    const damaged = join(root, 'damaged.tar.gz');
    writeFileSync(damaged, bytes);
    const target = join(tempDir(), 'never');
    const r = hexiao(['restore', '--from', damaged], embedded(target));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(target, 'db'))).toBe(false);
  }, 120_000);

  it('points PostgreSQL users to pg_dump, and will not copy a folder a running server holds', async () => {
    const pg = hexiao(['backup', '--out', join(root, 'pg.tar.gz')], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      HEXIAO_AUDIT_KEY: 'k'.repeat(64),
    });
    expect(pg.status).toBe(1);
    expect(pg.stderr).toMatch(/pg_dump/);
    const server = startServer([], embedded(source));
    try {
      await server.ready;
      const held = hexiao(['backup', '--out', join(root, 'held.tar.gz')], embedded(source));
      expect(held.status).toBe(1);
      expect(held.stderr).toMatch(/in use|lock|running/i);
      expect(existsSync(join(root, 'held.tar.gz'))).toBe(false);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 120_000);
});
