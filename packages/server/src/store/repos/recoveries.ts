import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';

/** What the standing (not reversed) recoveries of a write-off took, in its currency and in base. */
export async function recoveredOf(
  db: Executor,
  tenantId: string,
  writeOffId: string,
): Promise<{ amount: string; base: string }> {
  const [r] = await rows<{ amount: string; base: string }>(
    db,
    sql`
    SELECT coalesce(sum(d.amount), 0)::text AS amount, coalesce(sum(d.base_amount), 0)::text AS base
    FROM ledger_documents d
    WHERE d.tenant_id = ${tenantId} AND d.doc_type = 'recovery' AND d.related_id = ${writeOffId}
      AND NOT EXISTS (SELECT 1 FROM ledger_documents x WHERE x.tenant_id = d.tenant_id AND x.reverses_id = d.id)`,
  );
  return { amount: r?.amount ?? '0', base: r?.base ?? '0' };
}

export interface RecoverableWriteOff {
  writeOffId: string;
  number: string;
  customerId: string;
  receivableId: string;
  currency: string;
  writtenOff: string;
  recovered: string;
  postingDate: string;
}

/**
 * Bad-debt and direct write-offs with something left to recover, per customer (the matching engine's
 * recovery proposals and the write-off views read them), oldest first.
 */
export async function recoverableWriteOffs(
  db: Executor,
  tenantId: string,
  customerIds: string[],
): Promise<RecoverableWriteOff[]> {
  if (customerIds.length === 0) return [];
  return rows<RecoverableWriteOff>(
    db,
    sql`
    WITH rec AS (
      SELECT d.related_id AS id, sum(d.amount) AS amount
      FROM ledger_documents d
      WHERE d.tenant_id = ${tenantId} AND d.doc_type = 'recovery'
        AND NOT EXISTS (SELECT 1 FROM ledger_documents x WHERE x.tenant_id = d.tenant_id AND x.reverses_id = d.id)
      GROUP BY d.related_id
    )
    SELECT w.id AS "writeOffId", w.number, w.customer_id AS "customerId", w.related_id AS "receivableId",
      w.currency, w.amount::text AS "writtenOff", coalesce(rec.amount, 0)::text AS recovered,
      w.posting_date::text AS "postingDate"
    FROM ledger_documents w LEFT JOIN rec ON rec.id = w.id
    WHERE w.tenant_id = ${tenantId} AND w.doc_type = 'write-off' AND w.write_off_kind IN ('bad-debt', 'direct')
      AND w.reverses_id IS NULL AND w.customer_id IN (${sql.join(
        customerIds.map((c) => sql`${c}`),
        sql`, `,
      )})
      AND NOT EXISTS (SELECT 1 FROM ledger_documents x WHERE x.tenant_id = w.tenant_id AND x.reverses_id = w.id)
      AND w.amount > coalesce(rec.amount, 0)
    ORDER BY w.posting_date, w.number`,
  );
}
