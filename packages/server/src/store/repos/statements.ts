import { sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];

/** Per currency, the customer's debit documents less its credit documents posted before `before`. */
export async function customerBalances(
  db: Executor,
  tenantId: string,
  customerId: string,
  before: string,
): Promise<{ currency: string; balance: string }[]> {
  return rowsOf(
    await db.execute(sql`SELECT currency::text AS currency,
        sum(CASE WHEN side = 'debit' THEN amount ELSE -amount END)::text AS balance
      FROM ledger_documents
      WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND posting_date < ${before}::date
      GROUP BY currency ORDER BY currency`),
  );
}

export interface StatementDocumentRow {
  id: string;
  number: string;
  docType: string;
  side: 'debit' | 'credit';
  currency: string;
  amount: string;
  documentDate: string;
  postingDate: string;
  dueDate: string | null;
  reference: string | null;
  description: string | null;
  reversesNumber: string | null;
}

/** The customer's documents posted from `from` to `to` (inclusive), in posting order. */
export async function customerDocumentsBetween(
  db: Executor,
  tenantId: string,
  customerId: string,
  from: string,
  to: string,
): Promise<StatementDocumentRow[]> {
  return rowsOf(
    await db.execute(sql`SELECT d.id, d.number, d.doc_type AS "docType", d.side, d.currency::text AS currency,
        d.amount::text AS amount, d.document_date::text AS "documentDate", d.posting_date::text AS "postingDate",
        d.due_date::text AS "dueDate", d.reference, d.description, r.number AS "reversesNumber"
      FROM ledger_documents d
      LEFT JOIN ledger_documents r ON r.tenant_id = d.tenant_id AND r.id = d.reverses_id
      WHERE d.tenant_id = ${tenantId} AND d.customer_id = ${customerId}
        AND d.posting_date BETWEEN ${from}::date AND ${to}::date
      ORDER BY d.posting_date, d.created_at, d.number`),
  );
}

export interface StatementSettlementRow {
  postingDate: string;
  kind: string;
  debitNumber: string;
  creditNumber: string;
  currency: string;
  amount: string;
  sign: number;
}

/** Allocations between the customer's documents posted from `from` to `to`, with both documents' numbers. */
export async function customerSettlementsBetween(
  db: Executor,
  tenantId: string,
  customerId: string,
  from: string,
  to: string,
): Promise<StatementSettlementRow[]> {
  const rows = rowsOf<StatementSettlementRow>(
    await db.execute(sql`SELECT s.posting_date::text AS "postingDate", s.kind, dd.number AS "debitNumber",
        cd.number AS "creditNumber", dd.currency::text AS currency, sl.debit_amount::text AS amount, sl.sign
      FROM settlements s
      JOIN settlement_lines sl ON sl.tenant_id = s.tenant_id AND sl.settlement_id = s.id
      JOIN ledger_documents dd ON dd.tenant_id = sl.tenant_id AND dd.id = sl.debit_document_id
      JOIN ledger_documents cd ON cd.tenant_id = sl.tenant_id AND cd.id = sl.credit_document_id
      WHERE s.tenant_id = ${tenantId} AND dd.customer_id = ${customerId}
        AND s.posting_date BETWEEN ${from}::date AND ${to}::date
      ORDER BY s.posting_date, s.created_at, sl.line_no`),
  );
  return rows.map((r) => ({ ...r, sign: Number(r.sign) }));
}
