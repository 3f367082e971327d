import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';

/** Approval flows in a status (running; returned to the requester, a draft again) started on or before `endsOn`. */
export async function pendingApprovals(
  db: Executor,
  tenantId: string,
  endsOn: string,
  status: 'running' | 'returned',
): Promise<{ count: number; ids: string[] }> {
  const found = await rows<{ id: string }>(
    db,
    sql`SELECT request_id AS id FROM flow_instances
        WHERE tenant_id = ${tenantId} AND status = ${status}
          AND created_at < (${endsOn}::date + 1)
        ORDER BY created_at LIMIT 1001`,
  );
  return { count: found.length, ids: found.map((r) => r.id) };
}

/** Receipts dated in the period with more than `above` (base currency) still unapplied. */
export async function unmatchedReceipts(
  db: Executor,
  tenantId: string,
  startsOn: string,
  endsOn: string,
  above: string,
): Promise<{ count: number; openBase: string }> {
  const [r] = await rows<{ count: number; openBase: string }>(
    db,
    sql`SELECT count(*)::int AS count, coalesce(sum(o.open_base_amount), 0)::text AS "openBase"
        FROM open_items o JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
        WHERE o.tenant_id = ${tenantId} AND o.side = 'credit' AND d.doc_type IN ('receipt', 'prepayment')
          AND d.reverses_id IS NULL AND o.open_amount > 0 AND o.open_base_amount > ${above}::numeric
          AND d.posting_date BETWEEN ${startsOn}::date AND ${endsOn}::date`,
  );
  return r ?? { count: 0, openBase: '0' };
}

/** Posted provisioning runs with an as-of date in the period. */
export async function provisioningRunsIn(
  db: Executor,
  tenantId: string,
  startsOn: string,
  endsOn: string,
): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM provisioning_runs
        WHERE tenant_id = ${tenantId} AND as_of BETWEEN ${startsOn}::date AND ${endsOn}::date`,
  );
  return r?.n ?? 0;
}

/** Open debit and credit items whose open amount is above zero and at most `upTo` in their currency. */
export async function smallOpenItems(
  db: Executor,
  tenantId: string,
  thresholds: { currency: string; upTo: string }[],
  o: { postingDate: string; customerId?: string; limit: number },
): Promise<{ documentId: string; currency: string; openAmount: string; side: string; number: string }[]> {
  if (thresholds.length === 0) return [];
  const byCurrency = sql.join(
    thresholds.map((t) => sql`(o.currency = ${t.currency} AND o.open_amount <= ${t.upTo}::numeric)`),
    sql` OR `,
  );
  return rows(
    db,
    sql`SELECT o.document_id AS "documentId", o.currency, o.open_amount::text AS "openAmount", o.side, d.number
        FROM open_items o JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
        WHERE o.tenant_id = ${tenantId} AND o.open_amount > 0 AND (${byCurrency})
          AND d.reverses_id IS NULL AND d.posting_date <= ${o.postingDate}::date
          AND (
            (o.side = 'debit' AND d.doc_type IN ('invoice', 'adjustment', 'transfer-in'))
            OR (o.side = 'credit' AND o.customer_id IS NOT NULL)
          )
          ${o.customerId ? sql`AND o.customer_id = ${o.customerId}` : sql``}
        ORDER BY o.customer_id, d.posting_date, o.document_id
        LIMIT ${o.limit}`,
  );
}
