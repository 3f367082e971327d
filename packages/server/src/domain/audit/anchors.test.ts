import { mkdtempSync, appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../../test/support/test-db.ts';
import { createTestTenant, systemCtx, testAuditKey } from '../../../../../test/support/factories.ts';
import { sql } from '../../store/db.ts';
import { anchorAllTenants, listAuditEntries, recordAudit, startAnchorEpoch, verifyAudit } from './index.ts';

const anchorFile = () => join(mkdtempSync(join(tmpdir(), 'hexiao-anchor-')), 'data.audit-anchors.jsonl');

async function setup(n: number) {
  const database = await testDatabase();
  const tenant = await createTestTenant(database);
  const deps = { db: database.db, auditKey: testAuditKey };
  const add = (count: number) =>
    database.db.transaction(async (tx) => {
      for (let i = 0; i < count; i++)
        await recordAudit(tx, systemCtx(tenant), testAuditKey, { action: 'test.action', after: { i } });
    });
  await add(n);
  return { database, tenant, deps, add, file: anchorFile() };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** What an attacker with the database but not the key can do: keep a signed head, let the chain grow, put it back. */
async function rollBack({ database, tenant }: Setup, head: Record<string, unknown>, keep: number) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`DELETE FROM audit_log WHERE tenant_id = ${tenant.id} AND seq > ${keep}`);
    await tx.execute(
      sql`UPDATE audit_heads SET last_seq = ${head.last_seq}, last_hash = ${head.last_hash}, entry_count = ${head.entry_count}, signature = ${head.signature} WHERE tenant_id = ${tenant.id}`,
    );
  });
}

async function savedHead({ database, tenant }: Setup) {
  const r = (await database.db.execute(
    sql`SELECT last_seq, last_hash, entry_count, signature FROM audit_heads WHERE tenant_id = ${tenant.id}`,
  )) as unknown;
  const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, unknown>[];
  return rows[0]!;
}

const roundOf = (rounds: Awaited<ReturnType<typeof anchorAllTenants>>, tenantId: string) =>
  rounds.find((r) => r.tenantId === tenantId);

describe('audit anchors outside the database', () => {
  it('catches a tail deleted and an earlier signed head restored, which the chain alone cannot', async () => {
    const s = await setup(4);
    const earlier = await savedHead(s);
    await s.add(2);
    expect(roundOf(await anchorAllTenants(s.database.db, testAuditKey, s.file), s.tenant.id)).toEqual({
      tenantId: s.tenant.id,
      anchored: 6,
    });
    await rollBack(s, earlier, 4);

    expect(await verifyAudit(s.deps, s.tenant.id)).toMatchObject({ ok: true, checked: 4 });
    const report = await verifyAudit(s.deps, s.tenant.id, { anchorFile: s.file });
    expect(report.ok).toBe(false);
    expect(report.anchor).toMatchObject({ epoch: 1, entryCount: 6 });
    expect(report.anchorProblem).toMatch(/records 6 entries but the chain has 4/);

    const next = roundOf(await anchorAllTenants(s.database.db, testAuditKey, s.file), s.tenant.id);
    expect(next?.refused).toMatch(/6 entries but the chain has 4/);
    expect((await verifyAudit(s.deps, s.tenant.id, { anchorFile: s.file })).ok).toBe(false);
  });

  it('catches a rolled-back chain that has grown past its anchor again', async () => {
    const s = await setup(3);
    const earlier = await savedHead(s);
    await s.add(2);
    await anchorAllTenants(s.database.db, testAuditKey, s.file);
    await rollBack(s, earlier, 3);
    await s.add(4);

    const report = await verifyAudit(s.deps, s.tenant.id, { anchorFile: s.file });
    expect(report).toMatchObject({ ok: false, checked: 7 });
    expect(report.anchorProblem).toMatch(/entry 5 with another hash/);
    expect(roundOf(await anchorAllTenants(s.database.db, testAuditKey, s.file), s.tenant.id)?.refused).toMatch(
      /another hash/,
    );
  });

  it('anchors only what moved, and a grown chain still holds its older anchors', async () => {
    const s = await setup(2);
    await anchorAllTenants(s.database.db, testAuditKey, s.file);
    expect(roundOf(await anchorAllTenants(s.database.db, testAuditKey, s.file), s.tenant.id)).toEqual({
      tenantId: s.tenant.id,
      unchanged: true,
    });
    await s.add(3);
    expect(roundOf(await anchorAllTenants(s.database.db, testAuditKey, s.file), s.tenant.id)?.anchored).toBe(5);
    await s.add(1);
    const report = await verifyAudit(s.deps, s.tenant.id, { anchorFile: s.file });
    expect(report).toMatchObject({ ok: true, checked: 6, anchor: { epoch: 1, entryCount: 5 }, anchorLinesIgnored: 0 });
  });

  it('ignores and counts anchor lines it cannot trust: torn, unsigned, another key, edited', async () => {
    const s = await setup(3);
    await anchorAllTenants(s.database.db, testAuditKey, s.file);
    const good = JSON.parse(readFileSync(s.file, 'utf8').trim().split('\n').at(-1)!) as Record<string, unknown>;
    const forged = { ...good, entryCount: 99, lastSeq: 99 };
    appendFileSync(s.file, `${JSON.stringify(forged)}\n{"v":1,"tenantId":\n${JSON.stringify({ ...good, sig: 'x' })}\n`);
    const report = await verifyAudit(s.deps, s.tenant.id, { anchorFile: s.file });
    expect(report).toMatchObject({ ok: true, anchor: { entryCount: 3 }, anchorLinesIgnored: 3 });
  });

  it('starts a new, audited epoch after a deliberate restore, and only with a reason', async () => {
    const s = await setup(4);
    const earlier = await savedHead(s);
    await s.add(2);
    await anchorAllTenants(s.database.db, testAuditKey, s.file);
    await rollBack(s, earlier, 4);
    const ctx = systemCtx(s.tenant);

    await expect(startAnchorEpoch(s.database.db, testAuditKey, s.file, ctx, '  ')).rejects.toMatchObject({
      type: 'invalid_data',
      errors: [{ pointer: '/reason' }],
    });
    const started = await startAnchorEpoch(s.database.db, testAuditKey, s.file, ctx, 'restored backup of 1 Dec');
    expect(started).toMatchObject({ epoch: 2, entryCount: 5, superseded: { epoch: 1, entryCount: 6 } });

    const report = await verifyAudit(s.deps, s.tenant.id, { anchorFile: s.file });
    expect(report).toMatchObject({ ok: true, checked: 5, anchor: { epoch: 2, entryCount: 5 } });
    const [last] = await listAuditEntries(s.database.db, s.tenant.id, { limit: 1 });
    expect(last).toMatchObject({
      action: 'audit.anchor-epoch',
      before: { epoch: 1, entryCount: 6 },
      after: { epoch: 2, reason: 'restored backup of 1 Dec', entriesBefore: 4 },
    });
  });

  it('refuses a new epoch on a chain that does not verify on its own', async () => {
    const s = await setup(3);
    await s.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`UPDATE audit_log SET after = '{"i":9}'::jsonb WHERE tenant_id = ${s.tenant.id} AND seq = 2`);
    });
    await expect(
      startAnchorEpoch(s.database.db, testAuditKey, s.file, systemCtx(s.tenant), 'restore'),
    ).rejects.toMatchObject({ type: 'conflict' });
  });
});
