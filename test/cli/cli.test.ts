import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDb, sql, type Database } from '../../packages/server/src/store/db.ts';
import { createTenant } from '../../packages/server/src/domain/identity/index.ts';
import { recordAudit } from '../../packages/server/src/domain/audit/index.ts';
import { systemActor } from '../../packages/server/src/domain/context.ts';
import { testDatabase } from '../support/test-db.ts';
import { hexiao, startServer } from './run-cli.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'hexiao-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const auditKey = 'cli-test-audit-key-0123456789abcdef';

describe('hexiao CLI', () => {
  it('prints help for every command', async () => {
    const top = hexiao(['--help']);
    expect(top.status).toBe(0);
    const { main } = await import('../../packages/server/src/cli/main.ts');
    for (const name of ['serve', 'migrate', 'seed', 'audit', 'bench', 'plugins', 'conformance']) {
      expect(top.stdout).toContain(name);
      let printed = '';
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((printed += String(chunk)), true));
      const code = await main([name, '--help']).finally(() => spy.mockRestore());
      expect(code, name).toBe(0);
      expect(printed).toMatch(/usage: hexiao/);
    }
  });

  it('runs the conformance kit on a built-in connector and a folder of samples', () => {
    const r = hexiao(['conformance', 'mt940', 'test/fixtures/samples/mt940', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ connector: 'mt940', ok: true });
    expect(report.files).toHaveLength(5);
    const unknown = hexiao(['conformance', 'nope', 'test/fixtures/samples/mt940']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown connector nope/);
  });

  it('fails with a one-line reason and a non-zero exit code', () => {
    const r = hexiao(['frobnicate', '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, error: expect.stringMatching(/unknown command/) });
  });

  it('migrates an empty data folder by itself and prints exactly one JSON document', () => {
    const dir = tempDir();
    const r = hexiao(['migrate', '--json'], { HEXIAO_DATA_DIR: dir, DATABASE_URL: undefined });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ database: 'pglite', alreadyApplied: 0 });
    expect(doc.applied).toContain('0001_core');
    const again = JSON.parse(hexiao(['migrate', '--json'], { HEXIAO_DATA_DIR: dir, DATABASE_URL: undefined }).stdout);
    expect(again.applied).toEqual([]);
  }, 120_000); // two child processes, each starting tsx and PGlite: over 30 s on a loaded 2-core machine

  it('one process per data folder: a second one fails at once naming the holder; SIGTERM closes cleanly', async () => {
    const dir = tempDir();
    const env = { HEXIAO_DATA_DIR: dir, DATABASE_URL: undefined };
    const server = startServer([], env);
    const { url } = await server.ready;
    expect((await fetch(`${url}/api/v1/ready`)).status).toBe(200);
    const second = hexiao(['migrate'], env);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`in use by process ${server.child.pid}.*hexiao serve`));
    expect(second.stderr).toContain(url);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(join(dir, 'hexiao.lock'))).toBe(false);
    const after = hexiao(['migrate', '--json'], env);
    expect(after.status, after.stderr).toBe(0);
  }, 120_000);

  it('`audit verify` passes an intact chain and reports the first broken link of an edited one, and a truncated one', async () => {
    let database: Database;
    let env: Record<string, string | undefined>;
    if (onPostgres) {
      database = await testDatabase();
      env = { DATABASE_URL: process.env.DATABASE_URL, HEXIAO_AUDIT_KEY: auditKey };
    } else {
      const dir = tempDir();
      env = { HEXIAO_DATA_DIR: dir, DATABASE_URL: undefined, HEXIAO_AUDIT_KEY: auditKey };
      expect(hexiao(['migrate'], env).status).toBe(0);
      database = await createDb({ dataDir: join(dir, 'db') });
    }
    const deps = { db: database.db, auditKey: Buffer.from(auditKey) };
    const tenant = await createTenant(deps, { slug: `cli-${Date.now().toString(36)}`, name: 'CLI test' });
    const ctx = { tenant, actor: systemActor('test') };
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++)
        await recordAudit(tx, ctx, deps.auditKey, { action: 'test.event', entityId: String(i), after: { n: i } });
    });
    // creating a tenant writes its own entries (the tenant, its published defaults): count them, don't assume
    const counted = await database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = ${tenant.id}`,
    );
    const rows = (Array.isArray(counted) ? counted : (counted as { rows: unknown[] }).rows) as { n: number }[];
    const entries = Number(rows[0]!.n);
    expect(entries).toBeGreaterThanOrEqual(5);
    const tamper = async (statement: ReturnType<typeof sql>) => {
      if (!onPostgres) database = await createDb({ dataDir: join(env.HEXIAO_DATA_DIR!, 'db') });
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        await tx.execute(statement);
      });
      if (!onPostgres) await database.close();
    };
    if (!onPostgres) await database.close();

    const ok = hexiao(['audit', 'verify', '--tenant', tenant.slug, '--json'], env);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, checked: entries });

    await tamper(sql`UPDATE audit_log SET after = '{"n": 99}'::jsonb WHERE tenant_id = ${tenant.id} AND seq = 4`);
    const edited = hexiao(['audit', 'verify', '--tenant', tenant.slug], env);
    expect(edited.status).toBe(2);
    expect(edited.stdout).toMatch(/first broken link at entry 4/);

    await tamper(sql`DELETE FROM audit_log WHERE tenant_id = ${tenant.id} AND seq >= 4`);
    const truncated = hexiao(['audit', 'verify', '--tenant', tenant.slug, '--json'], env);
    expect(truncated.status).toBe(2);
    const report = JSON.parse(truncated.stdout);
    expect(report.firstBroken).toBeUndefined();
    expect(report.headProblem).toMatch(new RegExp(`${entries} entries but 3 were found`));
  }, 120_000);
});
