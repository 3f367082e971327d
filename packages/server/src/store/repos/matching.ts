import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';
import { matchingDecisions, matchingRuns, receiptAssignments } from '../schema/index.ts';
import { pgArray } from './imports-bulk.ts';
import { insertRows } from '../insert-rows.ts';

export interface MatchCustomerRow {
  id: string;
  code: string;
  name: string;
  tax_id: string | null;
  parent_id: string | null;
  accounts: string[] | null;
}

/** Every customer with its active payer accounts. */
export function matchCustomers(db: Executor, tenantId: string): Promise<MatchCustomerRow[]> {
  return rows<MatchCustomerRow>(
    db,
    sql`SELECT c.id, c.code, c.name, c.tax_id, c.parent_id,
          (SELECT array_agg(coalesce(b.iban, b.account_number)) FROM customer_bank_accounts b
            WHERE b.tenant_id = c.tenant_id AND b.customer_id = c.id AND b.status = 'active'
              AND coalesce(b.iban, b.account_number) IS NOT NULL) AS accounts
        FROM customers c WHERE c.tenant_id = ${tenantId}`,
  );
}

export interface MatchItemRow {
  id: string;
  customer_id: string | null;
  doc_type: string;
  side: 'debit' | 'credit';
  number: string;
  currency: string;
  amount: string;
  open_amount: string;
  document_date: string;
  due_date: string | null;
  order_ref: string | null;
  reference: string | null;
  custom: Record<string, unknown>;
}

const dateText = (col: string) => sql.raw(`to_char(${col}, 'YYYY-MM-DD')`);

/**
 * Open documents a receipt may settle (invoices and other debits, not estimates) and credits it may offset
 * (credit notes, adjustments); receipts and prepayments are the run's receipts, not candidates.
 */
export function matchOpenItems(db: Executor, tenantId: string): Promise<MatchItemRow[]> {
  return rows<MatchItemRow>(
    db,
    sql`SELECT d.id, o.customer_id, d.doc_type, o.side, d.number, o.currency, o.amount::text AS amount,
          o.open_amount::text AS open_amount, ${dateText('d.document_date')} AS document_date,
          ${dateText('d.due_date')} AS due_date, d.order_ref, d.reference, d.custom
        FROM open_items o JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
        WHERE o.tenant_id = ${tenantId} AND o.status <> 'settled' AND d.reverses_id IS NULL
          AND ((o.side = 'debit' AND d.doc_type <> 'estimate') OR (o.side = 'credit' AND d.doc_type IN ('credit-note', 'adjustment')))`,
  );
}

export interface MatchReceiptRow {
  id: string;
  number: string;
  customer_id: string | null;
  currency: string;
  amount: string;
  open_amount: string;
  document_date: string;
  value_date: string | null;
  reference: string | null;
  description: string | null;
  end_to_end_id: string | null;
  bank_reference: string | null;
  creditor_reference: string | null;
  counterparty_name: string | null;
  counterparty_account: string | null;
  remittance: string | null;
}

export interface ReceiptScope {
  customerIds?: string[];
  from?: string;
  to?: string;
  importId?: string;
  receiptIds?: string[];
}

/** The customer of a receipt: the latest assignment, else the one it was posted with. */
const effectiveCustomer = sql.raw(`coalesce((SELECT a.customer_id FROM receipt_assignments a
  WHERE a.tenant_id = d.tenant_id AND a.receipt_id = d.id ORDER BY a.created_at DESC, a.id DESC LIMIT 1), d.customer_id)`);

function receiptQuery(tenantId: string, where: SQL[]) {
  return sql`SELECT d.id, d.number, ${effectiveCustomer} AS customer_id, d.currency, d.amount::text AS amount,
          o.open_amount::text AS open_amount, ${dateText('d.document_date')} AS document_date,
          ${dateText('d.value_date')} AS value_date, d.reference, d.description,
          l.end_to_end_id, l.bank_reference, l.creditor_reference, l.counterparty_name, l.counterparty_account, l.remittance
        FROM ledger_documents d
        JOIN open_items o ON o.tenant_id = d.tenant_id AND o.document_id = d.id
        LEFT JOIN import_documents i ON i.tenant_id = d.tenant_id AND i.document_id = d.id AND i.source_type = 'bank-line' AND i.role = 'receipt'
        LEFT JOIN bank_lines l ON l.tenant_id = i.tenant_id AND l.source_key = i.source_key
        WHERE d.tenant_id = ${tenantId} AND d.doc_type IN ('receipt', 'prepayment') AND d.reverses_id IS NULL
          AND ${sql.join(where, sql` AND `)}
        ORDER BY d.id`;
}

/** Receipts nobody has touched yet (wholly open), in the run's scope, with what their bank line said. */
export function matchReceiptsInScope(db: Executor, tenantId: string, s: ReceiptScope): Promise<MatchReceiptRow[]> {
  const where: SQL[] = [sql`o.status = 'open'`, sql`o.open_amount = o.amount`];
  if (s.from) where.push(sql`d.document_date >= ${s.from}`);
  if (s.to) where.push(sql`d.document_date <= ${s.to}`);
  if (s.customerIds?.length) where.push(sql`${effectiveCustomer} = ANY(${pgArray(s.customerIds)}::uuid[])`);
  if (s.receiptIds?.length) where.push(sql`d.id = ANY(${pgArray(s.receiptIds)}::uuid[])`);
  if (s.importId)
    where.push(
      sql`EXISTS (SELECT 1 FROM import_documents x WHERE x.tenant_id = d.tenant_id AND x.document_id = d.id AND x.import_id = ${s.importId})`,
    );
  return rows<MatchReceiptRow>(db, receiptQuery(tenantId, where));
}

/** Receipts settled (wholly or in part) since a date: the duplicate-payment guard compares with them. */
export function settledReceiptsSince(db: Executor, tenantId: string, since: string): Promise<MatchReceiptRow[]> {
  return rows<MatchReceiptRow>(
    db,
    receiptQuery(tenantId, [sql`o.open_amount < o.amount`, sql`d.document_date >= ${since}`]),
  );
}

export type RunRow = typeof matchingRuns.$inferInsert;
export type DecisionRow = typeof matchingDecisions.$inferSelect;
export type DecisionInsert = typeof matchingDecisions.$inferInsert;

export async function insertRun(tx: Executor, row: RunRow): Promise<void> {
  await tx.insert(matchingRuns).values(row);
}

export async function insertDecisions(tx: Executor, decisions: DecisionInsert[]): Promise<void> {
  await insertRows(tx, matchingDecisions, decisions, 1000);
}

/** Open suggestions of these receipts from earlier runs give way to the new run's decisions. */
export async function supersedeOpenSuggestions(tx: Executor, tenantId: string, receiptIds: string[], by: string) {
  for (let i = 0; i < receiptIds.length; i += 5000)
    await tx
      .update(matchingDecisions)
      .set({ status: 'superseded', decidedBy: by, decidedAt: sql`now()` })
      .where(
        and(
          eq(matchingDecisions.tenantId, tenantId),
          eq(matchingDecisions.status, 'open'),
          inArray(matchingDecisions.receiptId, receiptIds.slice(i, i + 5000)),
        ),
      );
}

export async function getRun(db: Executor, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(matchingRuns)
    .where(and(eq(matchingRuns.tenantId, tenantId), eq(matchingRuns.id, id)));
  return r;
}

export async function listRuns(db: Executor, tenantId: string, f: { before?: string; limit: number }) {
  return db
    .select()
    .from(matchingRuns)
    .where(and(eq(matchingRuns.tenantId, tenantId), f.before ? lt(matchingRuns.id, f.before) : undefined))
    .orderBy(desc(matchingRuns.id))
    .limit(f.limit);
}

export async function decisionsOfRun(db: Executor, tenantId: string, runId: string): Promise<DecisionRow[]> {
  return db
    .select()
    .from(matchingDecisions)
    .where(and(eq(matchingDecisions.tenantId, tenantId), eq(matchingDecisions.runId, runId)))
    .orderBy(matchingDecisions.id);
}

export async function getDecision(db: Executor, tenantId: string, id: string, forUpdate = false) {
  const q = db
    .select()
    .from(matchingDecisions)
    .where(and(eq(matchingDecisions.tenantId, tenantId), eq(matchingDecisions.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r;
}

export async function setDecisionStatus(
  tx: Executor,
  tenantId: string,
  id: string,
  set: { status: string; decidedBy: string; settlementId?: string | null },
): Promise<void> {
  await tx
    .update(matchingDecisions)
    .set({ ...set, decidedAt: sql`now()` })
    .where(and(eq(matchingDecisions.tenantId, tenantId), eq(matchingDecisions.id, id)));
}

export async function insertAssignment(tx: Executor, row: typeof receiptAssignments.$inferInsert): Promise<void> {
  await tx.insert(receiptAssignments).values(row);
}

export async function updateRunSummary(
  tx: Executor,
  tenantId: string,
  id: string,
  set: { counts: unknown; summary: unknown },
): Promise<void> {
  await tx
    .update(matchingRuns)
    .set({ ...set, finishedAt: sql`now()` })
    .where(and(eq(matchingRuns.tenantId, tenantId), eq(matchingRuns.id, id)));
}

export interface QueueFilter {
  /** suggested: an open suggestion; held: a suspected duplicate; unmatched: neither; unidentified: no customer. */
  status?: 'suggested' | 'held' | 'unmatched' | 'unidentified';
  customerId?: string;
  from?: string;
  to?: string;
  currency?: string;
  minAmount?: string;
  maxAmount?: string;
  q?: string;
  /** Keyset: the last row of the previous page (document date, id). */
  after?: { date: string; id: string };
  limit: number;
}

export interface QueueRow extends MatchReceiptRow {
  customer_code: string | null;
  customer_name: string | null;
  status: string;
  decision_id: string | null;
  decision_outcome: string | null;
  decision_status: string | null;
  decision_rule_set_key: string | null;
  decision_rule_set_version: number | null;
  decision_rule: string | null;
  decision_stage: string | null;
  decision_score: number | null;
  decision_detail: unknown;
  decision_run_id: string | null;
}

/**
 * Receipts with money still open (oldest first), each with its latest matching decision: the clerk's queue.
 * The customer is the latest assignment, else the one the receipt was posted with.
 */
export function queueReceipts(db: Executor, tenantId: string, f: QueueFilter): Promise<QueueRow[]> {
  const where: SQL[] = [sql`o.open_amount > 0`];
  if (f.from) where.push(sql`d.document_date >= ${f.from}`);
  if (f.to) where.push(sql`d.document_date <= ${f.to}`);
  if (f.currency) where.push(sql`d.currency = ${f.currency}`);
  if (f.minAmount) where.push(sql`d.amount >= ${f.minAmount}::numeric`);
  if (f.maxAmount) where.push(sql`d.amount <= ${f.maxAmount}::numeric`);
  if (f.customerId) where.push(sql`${effectiveCustomer} = ${f.customerId}::uuid`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(d.number ILIKE ${like} OR d.reference ILIKE ${like} OR d.description ILIKE ${like}
      OR l.counterparty_name ILIKE ${like} OR l.counterparty_account ILIKE ${like} OR l.remittance ILIKE ${like}
      OR l.end_to_end_id ILIKE ${like} OR l.bank_reference ILIKE ${like})`);
  }
  if (f.after) where.push(sql`(d.document_date, d.id) > (${f.after.date}::date, ${f.after.id}::uuid)`);
  const status = sql.raw(`CASE WHEN m.outcome = 'suggested' AND m.status = 'open' THEN 'suggested'
    WHEN m.outcome = 'held' AND m.status = 'none' THEN 'held' ELSE 'unmatched' END`);
  const outer: SQL[] = [];
  if (f.status === 'unidentified') outer.push(sql`q.customer_id IS NULL`);
  else if (f.status) outer.push(sql`q.status = ${f.status}`);
  return rows<QueueRow>(
    db,
    sql`SELECT q.*, c.code AS customer_code, c.name AS customer_name FROM (
        SELECT d.id, d.number, ${effectiveCustomer} AS customer_id, d.currency, d.amount::text AS amount,
          o.open_amount::text AS open_amount, ${dateText('d.document_date')} AS document_date,
          ${dateText('d.value_date')} AS value_date, d.reference, d.description,
          l.end_to_end_id, l.bank_reference, l.creditor_reference, l.counterparty_name, l.counterparty_account,
          l.remittance, ${status} AS status,
          m.id AS decision_id, m.outcome AS decision_outcome, m.status AS decision_status,
          m.rule_set_key AS decision_rule_set_key, m.rule_set_version AS decision_rule_set_version,
          m.rule AS decision_rule, m.stage AS decision_stage, m.score AS decision_score,
          m.detail AS decision_detail, m.run_id AS decision_run_id
        FROM ledger_documents d
        JOIN open_items o ON o.tenant_id = d.tenant_id AND o.document_id = d.id
        LEFT JOIN import_documents i ON i.tenant_id = d.tenant_id AND i.document_id = d.id AND i.source_type = 'bank-line' AND i.role = 'receipt'
        LEFT JOIN bank_lines l ON l.tenant_id = i.tenant_id AND l.source_key = i.source_key
        LEFT JOIN LATERAL (SELECT * FROM matching_decisions x WHERE x.tenant_id = d.tenant_id AND x.receipt_id = d.id
          ORDER BY x.created_at DESC, x.id DESC LIMIT 1) m ON true
        WHERE d.tenant_id = ${tenantId} AND d.doc_type IN ('receipt', 'prepayment') AND d.reverses_id IS NULL
          AND ${sql.join(where, sql` AND `)}
        ORDER BY d.document_date, d.id
      ) q LEFT JOIN customers c ON c.tenant_id = ${tenantId} AND c.id = q.customer_id
      ${outer.length ? sql`WHERE ${sql.join(outer, sql` AND `)}` : sql``}
      ORDER BY q.document_date, q.id LIMIT ${f.limit}`,
  );
}

/** The customer a receipt has now: its latest assignment, else the one it was posted with. */
export async function receiptCustomer(db: Executor, tenantId: string, receiptId: string): Promise<string | null> {
  const [r] = await rows<{ customer_id: string | null }>(
    db,
    sql`SELECT ${effectiveCustomer} AS customer_id FROM ledger_documents d WHERE d.tenant_id = ${tenantId} AND d.id = ${receiptId}`,
  );
  return r?.customer_id ?? null;
}

// ---- backtest: a period of history as it stood before anyone settled it ---------------------------------

const periodReceipts = (tenantId: string, from: string, to: string) =>
  sql`SELECT d.id FROM ledger_documents d WHERE d.tenant_id = ${tenantId} AND d.doc_type IN ('receipt', 'prepayment')
        AND d.reverses_id IS NULL AND d.document_date BETWEEN ${from}::date AND ${to}::date
        AND NOT EXISTS (SELECT 1 FROM ledger_documents r WHERE r.tenant_id = d.tenant_id AND r.reverses_id = d.id)`;

/** The period's receipts (settled or not, never reversed) with their whole amount as open. */
export function historyReceipts(db: Executor, tenantId: string, from: string, to: string) {
  return rows<MatchReceiptRow>(db, receiptQuery(tenantId, [sql`d.id IN (${periodReceipts(tenantId, from, to)})`])).then(
    (rs) => rs.map((r) => ({ ...r, open_amount: r.amount })),
  );
}

/**
 * Open items as they stood before the period's receipts were settled: today's open amount plus what those
 * receipts took from each document (net of reversals); documents issued after the period are left out.
 */
export function historyOpenItems(db: Executor, tenantId: string, from: string, to: string): Promise<MatchItemRow[]> {
  return rows<MatchItemRow>(
    db,
    sql`WITH back AS (
          SELECT l.debit_document_id AS id, sum(l.sign * l.debit_amount) AS amt
          FROM settlement_lines l WHERE l.tenant_id = ${tenantId}
            AND l.credit_document_id IN (${periodReceipts(tenantId, from, to)})
          GROUP BY l.debit_document_id)
        SELECT d.id, o.customer_id, d.doc_type, o.side, d.number, o.currency, o.amount::text AS amount,
          (o.open_amount + coalesce(b.amt, 0))::text AS open_amount, ${dateText('d.document_date')} AS document_date,
          ${dateText('d.due_date')} AS due_date, d.order_ref, d.reference, d.custom
        FROM open_items o JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
        LEFT JOIN back b ON b.id = d.id
        WHERE o.tenant_id = ${tenantId} AND d.reverses_id IS NULL AND d.document_date <= ${to}::date
          AND (o.status <> 'settled' OR coalesce(b.amt, 0) > 0)
          AND ((o.side = 'debit' AND d.doc_type NOT IN ('estimate', 'adjustment')) OR (o.side = 'credit' AND d.doc_type IN ('credit-note', 'adjustment')))`,
  );
}

/** What people (and runs they let stand) actually settled with each of the period's receipts: net per document. */
export function historyAllocations(db: Executor, tenantId: string, from: string, to: string) {
  return rows<{ receipt_id: string; document_id: string; number: string }>(
    db,
    sql`SELECT l.credit_document_id AS receipt_id, l.debit_document_id AS document_id, d.number
        FROM settlement_lines l JOIN ledger_documents d ON d.tenant_id = l.tenant_id AND d.id = l.debit_document_id
        WHERE l.tenant_id = ${tenantId} AND d.doc_type <> 'adjustment'
          AND l.credit_document_id IN (${periodReceipts(tenantId, from, to)})
        GROUP BY l.credit_document_id, l.debit_document_id, d.number HAVING sum(l.sign * l.debit_amount) > 0`,
  );
}

export interface HandSettledAccountRow {
  account: string;
  customer_id: string;
  receipts: number;
}

/**
 * Payer accounts of receipts people settled by hand (not a run's posted decision, not reversed) in a period,
 * with the customer of the documents they settled: what the matcher can learn from clerks.
 */
export function handSettledPayerAccounts(db: Executor, tenantId: string, from: string, to: string) {
  return rows<HandSettledAccountRow>(
    db,
    sql`SELECT l.counterparty_account AS account, dd.customer_id, count(DISTINCT r.id)::int AS receipts
        FROM settlement_lines sl
        JOIN settlements s ON s.tenant_id = sl.tenant_id AND s.id = sl.settlement_id AND s.kind = 'allocation'
        JOIN ledger_documents r ON r.tenant_id = sl.tenant_id AND r.id = sl.credit_document_id
          AND r.doc_type IN ('receipt', 'prepayment')
        JOIN ledger_documents dd ON dd.tenant_id = sl.tenant_id AND dd.id = sl.debit_document_id AND dd.customer_id IS NOT NULL
        JOIN import_documents i ON i.tenant_id = r.tenant_id AND i.document_id = r.id AND i.source_type = 'bank-line' AND i.role = 'receipt'
        JOIN bank_lines l ON l.tenant_id = i.tenant_id AND l.source_key = i.source_key
        WHERE sl.tenant_id = ${tenantId} AND r.document_date BETWEEN ${from}::date AND ${to}::date
          AND l.counterparty_account IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM settlements x WHERE x.tenant_id = s.tenant_id AND x.reverses_id = s.id)
          AND NOT EXISTS (SELECT 1 FROM matching_decisions m WHERE m.tenant_id = s.tenant_id AND m.settlement_id = s.id AND m.status = 'posted')
        GROUP BY l.counterparty_account, dd.customer_id`,
  );
}

export interface HandSettledTextRow {
  receipt_id: string;
  remittance: string | null;
  reference: string | null;
  description: string | null;
  creditor_reference: string | null;
  number: string;
}

/**
 * What the receipts people settled by hand (not a run's posted decision, not reversed) in a period said, with the
 * number of each document they settled: how payers write references the matcher does not read yet.
 */
export function handSettledTexts(db: Executor, tenantId: string, from: string, to: string) {
  return rows<HandSettledTextRow>(
    db,
    sql`SELECT DISTINCT r.id AS receipt_id, l.remittance, r.reference, r.description, l.creditor_reference, dd.number
        FROM settlement_lines sl
        JOIN settlements s ON s.tenant_id = sl.tenant_id AND s.id = sl.settlement_id AND s.kind = 'allocation'
        JOIN ledger_documents r ON r.tenant_id = sl.tenant_id AND r.id = sl.credit_document_id
          AND r.doc_type IN ('receipt', 'prepayment')
        JOIN ledger_documents dd ON dd.tenant_id = sl.tenant_id AND dd.id = sl.debit_document_id
        LEFT JOIN import_documents i ON i.tenant_id = r.tenant_id AND i.document_id = r.id AND i.source_type = 'bank-line' AND i.role = 'receipt'
        LEFT JOIN bank_lines l ON l.tenant_id = i.tenant_id AND l.source_key = i.source_key
        WHERE sl.tenant_id = ${tenantId} AND r.document_date BETWEEN ${from}::date AND ${to}::date
          AND NOT EXISTS (SELECT 1 FROM settlements x WHERE x.tenant_id = s.tenant_id AND x.reverses_id = s.id)
          AND NOT EXISTS (SELECT 1 FROM matching_decisions m WHERE m.tenant_id = s.tenant_id AND m.settlement_id = s.id AND m.status = 'posted')
        ORDER BY r.id, dd.number`,
  );
}

/** Settlements people rejected, per receipt: the documents of each rejected suggestion. */
export function rejectedSuggestions(db: Executor, tenantId: string) {
  return rows<{ receipt_id: string; documents: string[] | null }>(
    db,
    sql`SELECT receipt_id, (SELECT array_agg(a->>'documentId') FROM jsonb_array_elements(detail->'allocations') a) AS documents
        FROM matching_decisions WHERE tenant_id = ${tenantId} AND status = 'rejected'`,
  );
}

export interface QueueReceivableRow {
  id: string;
  number: string;
  doc_type: string;
  side: 'debit' | 'credit';
  customer_id: string;
  customer_code: string;
  customer_name: string;
  currency: string;
  amount: string;
  open_amount: string;
  document_date: string;
  due_date: string;
  order_ref: string | null;
  reference: string | null;
}

/**
 * Open documents a clerk may allocate a receipt of these customers to (invoices and other debits, credit notes and
 * credit adjustments), oldest due first, keyset-paged by (due date, id).
 */
export function queueReceivables(
  db: Executor,
  tenantId: string,
  f: { customerIds: string[]; currency?: string; q?: string; after?: { date: string; id: string }; limit: number },
) {
  const where: SQL[] = [sql`o.customer_id = ANY(${pgArray(f.customerIds)}::uuid[])`];
  if (f.currency) where.push(sql`o.currency = ${f.currency}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(d.number ILIKE ${like} OR d.order_ref ILIKE ${like} OR d.reference ILIKE ${like})`);
  }
  const due = sql.raw('coalesce(d.due_date, d.document_date)');
  if (f.after) where.push(sql`(${due}, d.id) > (${f.after.date}::date, ${f.after.id}::uuid)`);
  return rows<QueueReceivableRow>(
    db,
    sql`SELECT d.id, d.number, d.doc_type, o.side, o.customer_id, c.code AS customer_code, c.name AS customer_name,
          o.currency, o.amount::text AS amount, o.open_amount::text AS open_amount,
          ${dateText('d.document_date')} AS document_date, to_char(${due}, 'YYYY-MM-DD') AS due_date,
          d.order_ref, d.reference
        FROM open_items o JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
        JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id
        WHERE o.tenant_id = ${tenantId} AND o.status <> 'settled' AND d.reverses_id IS NULL
          AND ((o.side = 'debit' AND d.doc_type <> 'estimate') OR (o.side = 'credit' AND d.doc_type IN ('credit-note', 'adjustment')))
          AND ${sql.join(where, sql` AND `)}
        ORDER BY ${due}, d.id LIMIT ${f.limit}`,
  );
}
