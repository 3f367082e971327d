import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';
import { customers, provisioningLines, provisioningRuns } from '../schema/index.ts';
import type { CustomerRow } from './customers.ts';

/** A receivable open at the end of `asOf`, with what a provision plan's rules read of it. */
export interface ReceivableAsOf {
  documentId: string;
  customerId: string | null;
  number: string;
  docType: string;
  receivableType: string;
  objectType: string | null;
  currency: string;
  amount: string;
  documentDate: string;
  postingDate: string;
  dueDate: string | null;
  custom: Record<string, unknown>;
  open: string;
  openBase: string;
}

/**
 * Debit items open at the end of `asOf` by posting date (the document posted by then, less the settlements
 * posted by then): today's open amounts with the settlements posted after `asOf` added back.
 */
export async function receivablesAsOf(db: Executor, tenantId: string, asOf: string): Promise<ReceivableAsOf[]> {
  return rows<ReceivableAsOf>(
    db,
    sql`
    WITH later AS (
      SELECT sl.debit_document_id AS id, sum(sl.sign * sl.debit_amount) AS amt, sum(sl.sign * sl.debit_base_amount) AS base
      FROM settlements s JOIN settlement_lines sl ON sl.tenant_id = s.tenant_id AND sl.settlement_id = s.id
      WHERE s.tenant_id = ${tenantId} AND s.posting_date > ${asOf}::date
      GROUP BY sl.debit_document_id
    )
    SELECT * FROM (
      SELECT d.id AS "documentId", o.customer_id AS "customerId", d.number, d.doc_type AS "docType",
        d.receivable_type AS "receivableType", d.object_type AS "objectType", d.currency, d.amount::text AS amount,
        d.document_date::text AS "documentDate", d.posting_date::text AS "postingDate", d.due_date::text AS "dueDate",
        d.custom, (o.open_amount + coalesce(l.amt, 0))::text AS open,
        (o.open_base_amount + coalesce(l.base, 0))::text AS "openBase"
      FROM open_items o
      JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
      LEFT JOIN later l ON l.id = o.document_id
      WHERE o.tenant_id = ${tenantId} AND o.side = 'debit' AND d.posting_date <= ${asOf}::date
        AND (o.status <> 'settled' OR l.id IS NOT NULL)
    ) t
    WHERE t.open::numeric <> 0`,
  );
}

export async function customersByIds(db: Executor, tenantId: string, ids: string[]): Promise<CustomerRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, ids)));
}

/** The allowance carried per customer at the end of `asOf`: the credit balance of the allowance account's lines. */
export async function allowanceByCustomer(
  db: Executor,
  tenantId: string,
  accountCode: string,
  asOf: string,
): Promise<Map<string | null, string>> {
  const found = await rows<{ customerId: string | null; balance: string }>(
    db,
    sql`SELECT vl.customer_id AS "customerId", sum(vl.credit - vl.debit)::text AS balance
      FROM voucher_lines vl JOIN vouchers v ON v.tenant_id = vl.tenant_id AND v.id = vl.voucher_id
      WHERE vl.tenant_id = ${tenantId} AND vl.account_code = ${accountCode} AND v.voucher_date <= ${asOf}::date
      GROUP BY vl.customer_id`,
  );
  return new Map(found.map((r) => [r.customerId, r.balance]));
}

export type ProvisioningRunRow = typeof provisioningRuns.$inferSelect;
export type ProvisioningLineRow = typeof provisioningLines.$inferSelect;

export async function insertProvisioningRun(
  tx: Executor,
  run: typeof provisioningRuns.$inferInsert,
  lines: (typeof provisioningLines.$inferInsert)[],
): Promise<void> {
  await tx.insert(provisioningRuns).values(run);
  for (let i = 0; i < lines.length; i += 2000) await tx.insert(provisioningLines).values(lines.slice(i, i + 2000));
}

export async function findProvisioningRun(
  db: Executor,
  tenantId: string,
  by: { id: string } | { planKey: string; planVersion: number; asOf: string },
): Promise<ProvisioningRunRow | undefined> {
  const cond =
    'id' in by
      ? eq(provisioningRuns.id, by.id)
      : and(
          eq(provisioningRuns.planKey, by.planKey),
          eq(provisioningRuns.planVersion, by.planVersion),
          eq(provisioningRuns.asOf, by.asOf),
        );
  const [r] = await db
    .select()
    .from(provisioningRuns)
    .where(and(eq(provisioningRuns.tenantId, tenantId), cond));
  return r;
}

export async function listProvisioningLines(
  db: Executor,
  tenantId: string,
  runId: string,
  limit: number,
): Promise<ProvisioningLineRow[]> {
  return db
    .select()
    .from(provisioningLines)
    .where(and(eq(provisioningLines.tenantId, tenantId), eq(provisioningLines.runId, runId)))
    .orderBy(provisioningLines.lineNo)
    .limit(limit);
}

export async function listProvisioningRuns(
  db: Executor,
  tenantId: string,
  o: { before?: string; limit: number },
): Promise<ProvisioningRunRow[]> {
  const conds = [eq(provisioningRuns.tenantId, tenantId)];
  if (o.before) conds.push(lt(provisioningRuns.id, o.before));
  return db
    .select()
    .from(provisioningRuns)
    .where(and(...conds))
    .orderBy(desc(provisioningRuns.id))
    .limit(o.limit);
}

/** The as-of date of the newest run of a plan (any version) before `asOf`: where the next sales window starts. */
export async function previousRunAsOf(
  db: Executor,
  tenantId: string,
  planKey: string,
  asOf: string,
): Promise<string | null> {
  const [r] = await rows<{ asOf: string }>(
    db,
    sql`SELECT max(as_of)::text AS "asOf" FROM provisioning_runs
        WHERE tenant_id = ${tenantId} AND plan_key = ${planKey} AND as_of < ${asOf}::date`,
  );
  return r?.asOf ?? null;
}

/** Credit sales in base currency: invoices (less their reversals) posted in [from, to]. */
export async function creditSales(db: Executor, tenantId: string, from: string, to: string): Promise<string> {
  const [r] = await rows<{ sales: string }>(
    db,
    sql`SELECT coalesce(sum(CASE WHEN reverses_id IS NULL THEN base_amount ELSE -base_amount END), 0)::text AS sales
        FROM ledger_documents
        WHERE tenant_id = ${tenantId} AND doc_type = 'invoice' AND posting_date BETWEEN ${from}::date AND ${to}::date`,
  );
  return r?.sales ?? '0';
}
