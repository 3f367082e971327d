import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { inCustomerScope, type RowScope } from './customers.ts';

export interface OpenItemsAsOfFilter {
  /** End of this day; today's open amounts when absent. */
  asOf?: string;
  customerId?: string;
  side?: 'debit' | 'credit';
  currency?: string;
  docTypes?: string[];
  dueFrom?: string;
  dueTo?: string;
  /** Only cash no customer has been found for. */
  unidentified?: boolean;
  /** Include items with nothing open. */
  settled?: boolean;
  /** Keyset: the last row of the previous page. */
  after?: { dueDate: string | null; documentId: string };
  limit: number;
  scope?: RowScope;
}

export interface OpenItemAsOfRow {
  documentId: string;
  docType: string;
  number: string;
  customerId: string | null;
  customerCode: string | null;
  customerName: string | null;
  side: string;
  currency: string;
  amount: string;
  openAmount: string;
  openBaseAmount: string;
  dueDate: string | null;
  documentDate: string;
  postingDate: string;
}

const rowsOf = <T = never>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? [])) as T[];

/**
 * The open part of every document as it stood at the end of `asOf`: documents posted by then, with the
 * settlement lines posted after it added back to today's open amounts (so the past is exact without replaying
 * the ledger). Ordered by due date (no due date last), then document id.
 */
function asOfItems(tenantId: string, f: Omit<OpenItemsAsOfFilter, 'limit' | 'after'>): SQL {
  const conds = [sql`o.tenant_id = ${tenantId}`];
  if (f.asOf) conds.push(sql`d.posting_date <= ${f.asOf}::date`);
  if (f.customerId) conds.push(sql`o.customer_id = ${f.customerId}`);
  if (f.side) conds.push(sql`o.side = ${f.side}`);
  if (f.currency) conds.push(sql`o.currency = ${f.currency}`);
  if (f.docTypes?.length)
    conds.push(
      sql`d.doc_type IN (${sql.join(
        f.docTypes.map((t) => sql`${t}`),
        sql`, `,
      )})`,
    );
  if (f.dueFrom) conds.push(sql`o.due_date >= ${f.dueFrom}::date`);
  if (f.dueTo) conds.push(sql`o.due_date <= ${f.dueTo}::date`);
  if (f.unidentified) conds.push(sql`o.customer_id IS NULL AND o.side = 'credit'`);
  // today's open items only: what open_items_due_ix holds, so a page is read in due-date order, not sorted
  if (!f.asOf && !f.settled) conds.push(sql`o.open_amount <> 0`);
  const scope = inCustomerScope(sql.raw('o.customer_id'), tenantId, f.scope);
  if (scope) conds.push(scope);
  const later = f.asOf
    ? sql`(SELECT sum(sl.sign * CASE WHEN sl.debit_document_id = o.document_id THEN sl.debit_amount ELSE sl.credit_amount END) AS amt,
              sum(sl.sign * CASE WHEN sl.debit_document_id = o.document_id THEN sl.debit_base_amount ELSE sl.credit_base_amount END) AS base
         FROM settlement_lines sl JOIN settlements s ON s.tenant_id = sl.tenant_id AND s.id = sl.settlement_id
         WHERE sl.tenant_id = o.tenant_id AND s.posting_date > ${f.asOf}::date
           AND (sl.debit_document_id = o.document_id OR sl.credit_document_id = o.document_id))`
    : sql`(SELECT 0::numeric AS amt, 0::numeric AS base)`;
  return sql`
    SELECT o.document_id::text AS "documentId", d.doc_type AS "docType", d.number, o.customer_id::text AS "customerId",
      o.side, o.currency::text AS currency, o.amount::text AS amount,
      (o.open_amount + coalesce(l.amt, 0)) AS open, (o.open_base_amount + coalesce(l.base, 0)) AS open_base,
      o.due_date::text AS "dueDate", d.document_date::text AS "documentDate", d.posting_date::text AS "postingDate",
      o.due_date AS due_key, o.document_id AS doc_key
    FROM open_items o
    JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
    LEFT JOIN LATERAL ${later} l ON true
    WHERE ${sql.join(conds, sql` AND `)}`;
}

export async function listOpenItemsAsOf(
  db: Executor,
  tenantId: string,
  f: OpenItemsAsOfFilter,
): Promise<OpenItemAsOfRow[]> {
  const keyset = f.after
    ? f.after.dueDate === null
      ? sql`AND i.due_key IS NULL AND i.doc_key > ${f.after.documentId}::uuid`
      : sql`AND (i.due_key IS NULL OR (i.due_key, i.doc_key) > (${f.after.dueDate}::date, ${f.after.documentId}::uuid))`
    : sql``;
  // the page first, then its customers' names (a page's worth of lookups, never the whole book's)
  const r = await db.execute(sql`
    SELECT p.*, c.code AS "customerCode", c.name AS "customerName" FROM (
      SELECT i."documentId", i."docType", i.number, i."customerId", i.side, i.currency, i.amount, i."dueDate",
        i."documentDate", i."postingDate", i.open::text AS "openAmount", i.open_base::text AS "openBaseAmount",
        i.due_key, i.doc_key
      FROM (${asOfItems(tenantId, f)}) i
      WHERE ${f.settled ? sql`true` : sql`i.open <> 0`} ${keyset}
      ORDER BY i.due_key NULLS LAST, i.doc_key
      LIMIT ${f.limit}
    ) p
    LEFT JOIN customers c ON c.tenant_id = ${tenantId} AND c.id = p."customerId"::uuid
    ORDER BY p.due_key NULLS LAST, p.doc_key`);
  return rowsOf(r);
}

export interface BalanceRow {
  currency: string;
  side: string;
  count: number;
  open: string;
  openBase: string;
}

/** A customer's open amounts per currency and side at the end of `asOf`. */
export async function customerOpenTotals(
  db: Executor,
  tenantId: string,
  customerId: string,
  asOf: string | undefined,
): Promise<BalanceRow[]> {
  const r = await db.execute(sql`
    SELECT i.currency, i.side, count(*)::int AS count, sum(i.open)::text AS open, sum(i.open_base)::text AS "openBase"
    FROM (${asOfItems(tenantId, { customerId, asOf })}) i
    WHERE i.open <> 0
    GROUP BY i.currency, i.side ORDER BY i.currency, i.side`);
  return rowsOf<BalanceRow>(r).map((x) => ({ ...x, count: Number(x.count) }));
}

export interface AccountMovementRow {
  accountCode: string;
  accountName: string;
  openingDebit: string;
  openingCredit: string;
  debit: string;
  credit: string;
}

/** Every account's totals before `period` and within it, from the posted vouchers (base currency). */
export async function accountMovements(db: Executor, tenantId: string, period: string): Promise<AccountMovementRow[]> {
  const r = await db.execute(sql`
    SELECT l.account_code AS "accountCode", max(l.account_name) AS "accountName",
      coalesce(sum(l.debit) FILTER (WHERE v.period < ${period}), 0)::text AS "openingDebit",
      coalesce(sum(l.credit) FILTER (WHERE v.period < ${period}), 0)::text AS "openingCredit",
      coalesce(sum(l.debit) FILTER (WHERE v.period = ${period}), 0)::text AS debit,
      coalesce(sum(l.credit) FILTER (WHERE v.period = ${period}), 0)::text AS credit
    FROM voucher_lines l JOIN vouchers v ON v.tenant_id = l.tenant_id AND v.id = l.voucher_id
    WHERE l.tenant_id = ${tenantId} AND v.period <= ${period}
    GROUP BY l.account_code ORDER BY l.account_code`);
  return rowsOf(r);
}

/** The open base amounts per clearing account at the end of `asOf` (debit items positive, credit negative). */
export async function openBaseByClearingAccount(
  db: Executor,
  tenantId: string,
  asOf: string,
): Promise<{ accountCode: string; openBase: string }[]> {
  const r = await db.execute(sql`
    SELECT d.clearing_account AS "accountCode",
      sum(CASE WHEN i.side = 'debit' THEN i.open_base ELSE -i.open_base END)::text AS "openBase"
    FROM (${asOfItems(tenantId, { asOf })}) i
    JOIN ledger_documents d ON d.tenant_id = ${tenantId} AND d.id = i."documentId"::uuid
    GROUP BY d.clearing_account ORDER BY 1`);
  return rowsOf(r);
}
