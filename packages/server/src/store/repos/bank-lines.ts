import { sql, rows, type Executor } from '../db.ts';
import { copyInto, type Cell } from './imports-bulk.ts';

/** Columns of a staged bank line, in COPY order. */
export const stagedLineColumns = [
  'id',
  'source_key',
  'file_id',
  'pos_index',
  'pos_line',
  'pos_xpath',
  'statement_key',
  'account_key',
  'booking_date',
  'value_date',
  'amount',
  'currency',
  'direction',
  'reversal',
  'end_to_end_id',
  'bank_reference',
  'customer_reference',
  'creditor_reference',
  'counterparty_name',
  'counterparty_account',
  'remittance',
  'transaction_code',
  'extra',
  'bank_account_id',
] as const;

const stage = 'import_stage_lines';

/** The per-transaction staging table (dropped at commit). */
export async function createLineStage(tx: Executor): Promise<void> {
  await tx.execute(
    sql.raw(`CREATE TEMP TABLE IF NOT EXISTS ${stage} (
    id uuid, source_key text, file_id uuid, pos_index integer, pos_line integer, pos_xpath text, statement_key text, account_key text,
    booking_date date, value_date date, amount numeric, currency char(3), direction text, reversal boolean, end_to_end_id text,
    bank_reference text, customer_reference text, creditor_reference text, counterparty_name text, counterparty_account text,
    remittance text, transaction_code text, extra jsonb, bank_account_id uuid) ON COMMIT DROP`),
  );
  await tx.execute(sql.raw(`TRUNCATE ${stage}`));
}

export const stageLines = (tx: Executor, kind: 'pglite' | 'postgres', batch: Cell[][]) =>
  copyInto(tx, kind, stage, [...stagedLineColumns], batch);

export interface LineTotals {
  currency: string;
  direction: 'credit' | 'debit';
  n: number;
  total: string;
}

/** Moves the staged batch into bank_lines, skipping source keys already stored (ON CONFLICT DO NOTHING), and empties the stage. */
export async function moveStagedLines(tx: Executor, tenantId: string, importId: string): Promise<void> {
  const cols = stagedLineColumns.join(', ');
  await tx.execute(sql`INSERT INTO bank_lines (tenant_id, import_id, ${sql.raw(cols)})
    SELECT ${tenantId}::uuid, ${importId}::uuid, ${sql.raw(cols)} FROM import_stage_lines
    ON CONFLICT (tenant_id, source_key) DO NOTHING`);
  await tx.execute(sql.raw('TRUNCATE import_stage_lines'));
}

/** Count and sum of the lines an import created, per currency and direction. */
export async function importLineTotals(tx: Executor, tenantId: string, importId: string): Promise<LineTotals[]> {
  const r = await rows<{ currency: string; direction: 'credit' | 'debit'; n: string; total: string }>(
    tx,
    sql`SELECT currency, direction, count(*)::text AS n, sum(amount)::text AS total FROM bank_lines
        WHERE tenant_id = ${tenantId} AND import_id = ${importId} GROUP BY currency, direction`,
  );
  return r.map((x) => ({ currency: x.currency, direction: x.direction, n: Number(x.n), total: x.total }));
}

export interface NewCreditLine {
  id: string;
  source_key: string;
  file_id: string;
  pos_index: number;
  amount: string;
  currency: string;
  booking_date: string;
  value_date: string | null;
  bank_account_id: string | null;
  end_to_end_id: string | null;
  creditor_reference: string | null;
  remittance: string | null;
  counterparty_name: string | null;
  /** The one customer whose active payer account is the counterparty's, when exactly one matches. */
  customer_id: string | null;
  /** Charges the bank or payment service took from this line (PSP fees). */
  charges: { amount: string; currency: string }[] | null;
}

/**
 * Credit lines this import created, with the payer matched to a customer by bank account when unambiguous; with
 * `waiting`, instead the credit lines of earlier imports that have no receipt yet because the ledger refused it
 * then (an import that kept bank lines only, `receipts: 'none'`, tried none, and its lines stay without one).
 */
export async function newCreditLines(
  tx: Executor,
  tenantId: string,
  importId: string,
  reversal: boolean,
  waiting = false,
): Promise<NewCreditLine[]> {
  const which = waiting
    ? sql`l.import_id <> ${importId} AND NOT EXISTS (SELECT 1 FROM import_documents d WHERE d.tenant_id = l.tenant_id
          AND d.source_type = 'bank-line' AND d.source_key = l.source_key AND d.role = 'receipt')
          AND EXISTS (SELECT 1 FROM imports i WHERE i.tenant_id = l.tenant_id AND i.id = l.import_id
            AND (i.report->'receipts'->>'notPosted')::int > 0)`
    : sql`l.import_id = ${importId}`;
  // the tenant's active payer accounts by key (IBAN without spaces, or account number), each with its customer
  // when only one customer holds that key. Read apart and joined here: in one statement the planner, its
  // statistics not yet showing the lines this import just stored, chose a nested loop that aggregated the
  // accounts again for every line (minutes at 100k lines)
  const payers = await rows<{ k: string; customer_id: string | null }>(
    tx,
    sql`WITH keyed AS (
          SELECT replace(upper(c.iban), ' ', '') AS k, c.customer_id FROM customer_bank_accounts c
          WHERE c.tenant_id = ${tenantId} AND c.status = 'active' AND c.iban IS NOT NULL
          UNION ALL
          SELECT c.account_number, c.customer_id FROM customer_bank_accounts c
          WHERE c.tenant_id = ${tenantId} AND c.status = 'active' AND c.account_number IS NOT NULL
        )
        SELECT k, CASE WHEN count(DISTINCT customer_id) = 1 THEN min(customer_id::text) END AS customer_id
        FROM keyed GROUP BY k`,
  );
  const payer = new Map(payers.map((p) => [p.k, p.customer_id]));
  const lines = await rows<Omit<NewCreditLine, 'customer_id'> & { counterparty_account: string | null }>(
    tx,
    sql`SELECT l.id, l.source_key, l.file_id, l.pos_index, l.amount::text AS amount, l.currency, l.booking_date::text AS booking_date,
          l.value_date::text AS value_date, l.bank_account_id, l.end_to_end_id, l.creditor_reference, l.remittance, l.counterparty_name,
          l.extra->'charges' AS charges, l.counterparty_account
        FROM bank_lines l
        WHERE l.tenant_id = ${tenantId} AND ${which} AND l.direction = 'credit' AND l.reversal = ${reversal}
        ORDER BY ${waiting ? sql`l.booking_date, ` : sql``}l.file_id, l.pos_index`,
  );
  return lines.map(({ counterparty_account: account, ...line }) => ({
    ...line,
    customer_id: (account && payer.get(account)) || null,
  }));
}

/** New reversal/return lines (a debit that undoes an earlier credit) of this import. */
export async function newReversalLines(tx: Executor, tenantId: string, importId: string) {
  return rows<{
    id: string;
    source_key: string;
    file_id: string;
    pos_index: number;
    end_to_end_id: string | null;
    extra: { returnInfo?: { originalReference?: string; originalEndToEndId?: string; reason?: string } } | null;
    amount: string;
    currency: string;
    booking_date: string;
  }>(
    tx,
    sql`SELECT id, source_key, file_id, pos_index, end_to_end_id, extra, amount::text AS amount, currency, booking_date::text AS booking_date
        FROM bank_lines WHERE tenant_id = ${tenantId} AND import_id = ${importId} AND reversal AND direction = 'debit' ORDER BY file_id, pos_index`,
  );
}

/** The receipt document of the credit line a return refers to (by end-to-end id or bank reference). */
export async function findOriginalReceipt(
  tx: Executor,
  tenantId: string,
  ref: { endToEndId?: string | null; bankReference?: string | null; amount: string; currency: string },
) {
  const r = await rows<{ document_id: string; source_key: string }>(
    tx,
    sql`SELECT d.document_id, l.source_key FROM bank_lines l
        JOIN import_documents d ON d.tenant_id = l.tenant_id AND d.source_type = 'bank-line' AND d.source_key = l.source_key AND d.role = 'receipt'
        WHERE l.tenant_id = ${tenantId} AND l.direction = 'credit' AND NOT l.reversal AND l.currency = ${ref.currency} AND l.amount = ${ref.amount}::numeric
          AND ((${ref.endToEndId ?? null}::text IS NOT NULL AND l.end_to_end_id = ${ref.endToEndId ?? null})
            OR (${ref.bankReference ?? null}::text IS NOT NULL AND l.bank_reference = ${ref.bankReference ?? null}))
          AND NOT EXISTS (SELECT 1 FROM import_documents x WHERE x.tenant_id = l.tenant_id AND x.source_type = 'bank-line' AND x.source_key = l.source_key AND x.role = 'reversal')
        ORDER BY l.booking_date, l.pos_index LIMIT 1`,
  );
  return r[0];
}
