import type { Executor } from '../../store/db.ts';
import {
  findBankLineRow,
  listBankLineRows,
  type BankLineFilter,
  type BankLineRow,
} from '../../store/repos/bank-line-views.ts';
import { HexiaoError, invalid } from '../errors.ts';
import type { RowScope } from '../identity/index.ts';
import { dec } from '../money/index.ts';

/**
 * What a credit line became: `no-receipt` (the ledger could not book it yet), `unmatched` (a receipt, nothing of it
 * settled), `partial`, `matched` (settled in full), `returned` (the bank took it back); a debit line is `debit`.
 */
export type BankLineStatus = 'no-receipt' | 'unmatched' | 'partial' | 'matched' | 'returned' | 'debit';

export interface BankLineView {
  id: string;
  sourceKey: string;
  importId: string;
  statementKey: string | null;
  account: { id: string | null; key: string };
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  direction: 'credit' | 'debit';
  reversal: boolean;
  counterparty: { name: string | null; account: string | null };
  endToEndId: string | null;
  bankReference: string | null;
  customerReference: string | null;
  creditorReference: string | null;
  remittance: string | null;
  transactionCode: string | null;
  charges: { amount: string; currency: string }[];
  receipt: { id: string; number: string; customerId: string | null; amount: string; openAmount: string } | null;
  status: BankLineStatus;
  createdAt: string;
}

function statusOf(r: BankLineRow): BankLineStatus {
  if (r.direction === 'debit') return 'debit';
  if (r.returned) return 'returned';
  if (!r.receipt_id || r.receipt_open_amount === null) return 'no-receipt';
  const open = dec(r.receipt_open_amount);
  if (open.isZero()) return 'matched';
  return open.eq(r.receipt_amount!) ? 'unmatched' : 'partial';
}

function view(r: BankLineRow): BankLineView {
  const charges = (r.extra as { charges?: { amount: string; currency: string }[] } | null)?.charges;
  return {
    id: r.id,
    sourceKey: r.source_key,
    importId: r.import_id,
    statementKey: r.statement_key,
    account: { id: r.bank_account_id, key: r.account_key },
    bookingDate: r.booking_date,
    valueDate: r.value_date,
    amount: dec(r.amount).toFixed(),
    currency: r.currency.trim(),
    direction: r.direction,
    reversal: r.reversal,
    counterparty: { name: r.counterparty_name, account: r.counterparty_account },
    endToEndId: r.end_to_end_id,
    bankReference: r.bank_reference,
    customerReference: r.customer_reference,
    creditorReference: r.creditor_reference,
    remittance: r.remittance,
    transactionCode: r.transaction_code,
    charges: Array.isArray(charges) ? charges : [],
    receipt:
      r.receipt_id && r.receipt_amount !== null
        ? {
            id: r.receipt_id,
            number: r.receipt_number!,
            customerId: r.receipt_customer_id,
            amount: dec(r.receipt_amount).toFixed(),
            openAmount: dec(r.receipt_open_amount!).toFixed(),
          }
        : null,
    status: statusOf(r),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const cursorOf = (r: BankLineRow) => Buffer.from(`${r.booking_date}|${r.id}`).toString('base64url');

function parseCursor(cursor: string): { date: string; id: string } {
  const [date, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!date || !id || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^[0-9a-f-]{36}$/i.test(id))
    throw invalid('/query/cursor', 'is not a cursor this list returned');
  return { date, id };
}

export interface BankLineQuery extends Omit<BankLineFilter, 'before' | 'scope'> {
  cursor?: string;
}

/** Bank lines newest first (booking date, then id), a page at a time: `next` is the cursor of the following page. */
export async function listBankLines(
  db: Executor,
  tenantId: string,
  q: BankLineQuery,
  scope?: RowScope,
): Promise<{ items: BankLineView[]; next: string | null }> {
  if (q.from && q.to && q.from > q.to) throw invalid('/query/to', `is before from (${q.from})`);
  const got = await listBankLineRows(db, tenantId, {
    ...q,
    limit: q.limit + 1,
    ...(q.cursor ? { before: parseCursor(q.cursor) } : {}),
    ...(scope ? { scope } : {}),
  });
  const page = got.slice(0, q.limit);
  return { items: page.map(view), next: got.length > q.limit ? cursorOf(page[page.length - 1]!) : null };
}

export async function getBankLine(db: Executor, tenantId: string, id: string, scope?: RowScope): Promise<BankLineView> {
  const r = await findBankLineRow(db, tenantId, id, scope);
  if (!r) throw new HexiaoError('not_found', `bank line ${id} does not exist`);
  return view(r);
}
