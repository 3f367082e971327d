import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';
import { inCustomerScope, type RowScope } from './customers.ts';

export interface BankLineFilter {
  bankAccountId?: string;
  from?: string;
  to?: string;
  direction?: 'credit' | 'debit';
  /** true: credits whose receipt is fully settled; false: credits with no receipt or an open amount left. */
  matched?: boolean;
  /** Words found in the payer name or account, the remittance text or any reference (case-insensitive). */
  q?: string;
  /** Keyset paging, newest first: lines before this (booking date, id). */
  before?: { date: string; id: string };
  limit: number;
  /** Only lines whose receipt belongs to a customer in the actor's data scope. */
  scope?: RowScope;
}

export interface BankLineRow {
  id: string;
  source_key: string;
  import_id: string;
  statement_key: string | null;
  account_key: string;
  bank_account_id: string | null;
  booking_date: string;
  value_date: string | null;
  amount: string;
  currency: string;
  direction: 'credit' | 'debit';
  reversal: boolean;
  end_to_end_id: string | null;
  bank_reference: string | null;
  customer_reference: string | null;
  creditor_reference: string | null;
  counterparty_name: string | null;
  counterparty_account: string | null;
  remittance: string | null;
  transaction_code: string | null;
  extra: Record<string, unknown> | null;
  created_at: string;
  receipt_id: string | null;
  receipt_number: string | null;
  receipt_customer_id: string | null;
  receipt_amount: string | null;
  receipt_open_amount: string | null;
  returned: boolean;
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const select = sql`SELECT l.id, l.source_key, l.import_id, l.statement_key, l.account_key, l.bank_account_id,
    l.booking_date::text AS booking_date, l.value_date::text AS value_date, l.amount::text AS amount, l.currency, l.direction,
    l.reversal, l.end_to_end_id, l.bank_reference, l.customer_reference, l.creditor_reference, l.counterparty_name,
    l.counterparty_account, l.remittance, l.transaction_code, l.extra, l.created_at::text AS created_at,
    r.id AS receipt_id, r.number AS receipt_number, r.customer_id AS receipt_customer_id, o.amount::text AS receipt_amount,
    o.open_amount::text AS receipt_open_amount,
    EXISTS (SELECT 1 FROM import_documents x WHERE x.tenant_id = l.tenant_id AND x.source_type = 'bank-line'
      AND x.source_key = l.source_key AND x.role = 'reversal') AS returned
  FROM bank_lines l
  LEFT JOIN import_documents k ON k.tenant_id = l.tenant_id AND k.source_type = 'bank-line' AND k.source_key = l.source_key AND k.role = 'receipt'
  LEFT JOIN ledger_documents r ON r.tenant_id = k.tenant_id AND r.id = k.document_id
  LEFT JOIN open_items o ON o.tenant_id = k.tenant_id AND o.document_id = k.document_id`;

/** Bank lines as the bank reported them, with the receipt each credit became and what of it is still open. */
export async function listBankLineRows(db: Executor, tenantId: string, f: BankLineFilter): Promise<BankLineRow[]> {
  const conds: SQL[] = [sql`l.tenant_id = ${tenantId}`];
  if (f.bankAccountId) conds.push(sql`l.bank_account_id = ${f.bankAccountId}`);
  if (f.from) conds.push(sql`l.booking_date >= ${f.from}::date`);
  if (f.to) conds.push(sql`l.booking_date <= ${f.to}::date`);
  if (f.direction) conds.push(sql`l.direction = ${f.direction}`);
  if (f.matched === true)
    conds.push(sql`o.open_amount = 0 AND NOT EXISTS (SELECT 1 FROM import_documents x WHERE x.tenant_id = l.tenant_id
      AND x.source_type = 'bank-line' AND x.source_key = l.source_key AND x.role = 'reversal')`);
  if (f.matched === false)
    conds.push(sql`l.direction = 'credit' AND NOT l.reversal AND (o.open_amount IS NULL OR o.open_amount > 0)`);
  if (f.q) {
    const p = like(f.q);
    conds.push(sql`(l.counterparty_name ILIKE ${p} OR l.counterparty_account ILIKE ${p} OR l.remittance ILIKE ${p}
      OR l.end_to_end_id ILIKE ${p} OR l.bank_reference ILIKE ${p} OR l.customer_reference ILIKE ${p} OR l.creditor_reference ILIKE ${p})`);
  }
  if (f.before) conds.push(sql`(l.booking_date, l.id) < (${f.before.date}::date, ${f.before.id}::uuid)`);
  const scope = inCustomerScope(sql`r.customer_id`, tenantId, f.scope);
  if (scope) conds.push(scope);
  return rows<BankLineRow>(
    db,
    sql`${select} WHERE ${sql.join(conds, sql` AND `)} ORDER BY l.booking_date DESC, l.id DESC LIMIT ${f.limit}`,
  );
}

export async function findBankLineRow(
  db: Executor,
  tenantId: string,
  id: string,
  scope?: RowScope,
): Promise<BankLineRow | undefined> {
  const conds: SQL[] = [sql`l.tenant_id = ${tenantId}`, sql`l.id = ${id}::uuid`];
  const inScope = inCustomerScope(sql`r.customer_id`, tenantId, scope);
  if (inScope) conds.push(inScope);
  const [r] = await rows<BankLineRow>(db, sql`${select} WHERE ${sql.join(conds, sql` AND `)}`);
  return r;
}
