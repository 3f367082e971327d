import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';
import { testAuditKey } from '../support/factories.ts';
import { anchorAllTenants } from '../../packages/server/src/domain/audit/index.ts';
import { sql } from '../../packages/server/src/store/db.ts';

const rows = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, unknown>[];

describe('GET /audit/verify against the anchor outside the database (issue 11, item 9)', () => {
  it('reports a tail deleted and an earlier signed head restored', async () => {
    const auditAnchorFile = join(mkdtempSync(join(tmpdir(), 'hexiao-anchor-')), 'anchors.jsonl');
    const t = await createTestApp({ config: { auditAnchorFile } });
    const db = t.deps.db;
    expect((await t.call('POST', '/api/v1/customers', { code: 'C1', name: 'One' })).status).toBe(201);
    const [earlier] = rows(
      await db.execute(
        sql`SELECT last_seq, last_hash, entry_count, signature FROM audit_heads WHERE tenant_id = ${t.tenant.id}`,
      ),
    );
    expect((await t.call('POST', '/api/v1/customers', { code: 'C2', name: 'Two' })).status).toBe(201);
    await anchorAllTenants(db, testAuditKey, auditAnchorFile);
    const before = await t.call('GET', '/api/v1/audit/verify');
    expect(before.body).toMatchObject({ ok: true, anchor: { epoch: 1 } });

    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`DELETE FROM audit_log WHERE tenant_id = ${t.tenant.id} AND seq > ${earlier!.last_seq}`);
      await tx.execute(
        sql`UPDATE audit_heads SET last_seq = ${earlier!.last_seq}, last_hash = ${earlier!.last_hash}, entry_count = ${earlier!.entry_count}, signature = ${earlier!.signature} WHERE tenant_id = ${t.tenant.id}`,
      );
    });
    const after = await t.call('GET', '/api/v1/audit/verify');
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ ok: false, anchorProblem: expect.stringMatching(/entries were removed/) });
  });
});
