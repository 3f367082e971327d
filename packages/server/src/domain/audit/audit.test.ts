import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../../test/support/test-db.ts';
import { createTestTenant, systemCtx, testAuditKey } from '../../../../../test/support/factories.ts';
import { recordAudit, verifyAudit, batchDigest } from './index.ts';
import { sql } from '../../store/db.ts';

async function tenantWithEntries(n: number) {
  const database = await testDatabase();
  const tenant = await createTestTenant(database);
  const deps = { db: database.db, auditKey: testAuditKey };
  await database.db.transaction(async (tx) => {
    for (let i = 1; i <= n; i++)
      await recordAudit(tx, systemCtx(tenant), testAuditKey, {
        action: 'test.action',
        entityType: 'thing',
        entityId: String(i),
        after: { amount: `${i}.00`, nested: { b: 1, a: [1, 'x'] } },
      });
  });
  return { database, tenant, deps };
}

describe('audit chain', () => {
  it('verifies an intact chain, including one bulk entry', async () => {
    const { database, tenant, deps } = await tenantWithEntries(5);
    await database.db.transaction((tx) =>
      recordAudit(tx, systemCtx(tenant), testAuditKey, {
        action: 'import.batch',
        batchSha256: batchDigest([{ a: 1 }, { a: 2 }]),
        recordCount: 2,
      }),
    );
    const report = await verifyAudit(deps, tenant.id);
    expect(report).toMatchObject({ ok: true, checked: 6 });
  });

  it('verifies entries whatever depth they store (canonical JSON is iterative)', async () => {
    const { database, tenant, deps } = await tenantWithEntries(1);
    let deep: unknown = { '==': [{ var: 'customer.region' }, 'East'] };
    for (let i = 0; i < 1500; i++) deep = { and: [deep] };
    await database.db.transaction((tx) =>
      recordAudit(tx, systemCtx(tenant), testAuditKey, { action: 'role.save', entityType: 'role', after: deep }),
    );
    expect(await verifyAudit(deps, tenant.id)).toMatchObject({ ok: true, checked: 2 });
  });

  it('refuses UPDATE and DELETE on the audit table', async () => {
    const { database, tenant } = await tenantWithEntries(1);
    await expect(
      database.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE tenant_id = ${tenant.id}`),
    ).rejects.toThrow();
    await expect(database.db.execute(sql`DELETE FROM audit_log WHERE tenant_id = ${tenant.id}`)).rejects.toThrow();
  });

  it('reports the first broken link of an edited chain', async () => {
    const { database, tenant, deps } = await tenantWithEntries(6);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`); // a superuser bypassing the triggers
      await tx.execute(
        sql`UPDATE audit_log SET after = '{"amount":"999.00"}'::jsonb WHERE tenant_id = ${tenant.id} AND seq = 3`,
      );
    });
    const report = await verifyAudit(deps, tenant.id);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ seq: 3, reason: expect.stringMatching(/edited/) });
  });

  it('detects a truncated chain through the signed head', async () => {
    const { database, tenant, deps } = await tenantWithEntries(6);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`DELETE FROM audit_log WHERE tenant_id = ${tenant.id} AND seq > 4`);
    });
    const report = await verifyAudit(deps, tenant.id);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toBeUndefined();
    expect(report.headProblem).toMatch(/6 entries but 4 were found/);
  });

  it('detects a forged head (re-pointed without the key)', async () => {
    const { database, tenant, deps } = await tenantWithEntries(3);
    await database.db.execute(sql`UPDATE audit_heads SET entry_count = 2 WHERE tenant_id = ${tenant.id}`);
    const report = await verifyAudit(deps, tenant.id);
    expect(report.headProblem).toMatch(/signature/);
  });
});
