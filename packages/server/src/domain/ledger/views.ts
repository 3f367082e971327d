import { dec, minorUnits } from '../money/index.ts';
import { numberedNo, type LedgerDocument, type OpenItem, type Voucher } from './types.ts';

/** An amount as the API shows it: a decimal string with the currency's minor units. */
export const money = (v: string | null | undefined, currency: string): string | null =>
  v == null ? null : dec(v).toFixed(minorUnits(currency) ?? 2);

/** Fields the API shows as the ledger stores them. */
const passThrough = [
  'id',
  'adjustmentKind',
  'side',
  'number',
  'customerId',
  'bankAccountId',
  'currency',
  'documentDate',
  'postingDate',
  'valueDate',
  'dueDate',
  'period',
  'clearingAccount',
  'reversesId',
  'orderRef',
  'deliveryRef',
  'reference',
  'description',
  'reason',
  'custom',
  'voucherId',
] as const;
type PassThrough = (typeof passThrough)[number];

/** A document as the API shows it: amounts formatted to minor units, its open amount and status. */
export type DocumentView = Pick<LedgerDocument, PassThrough> & {
  type: LedgerDocument['docType'];
  objectType: string;
  amount: string;
  taxAmount: string;
  fxRate: string;
  baseCurrency: string;
  baseAmount: string;
  baseTaxAmount: string;
  openAmount: string | null;
  openBaseAmount: string | null;
  status: OpenItem['status'] | null;
};

export function documentView(d: LedgerDocument, base: string, open?: OpenItem): DocumentView {
  const kept = Object.fromEntries(passThrough.map((k) => [k, d[k]])) as Pick<LedgerDocument, PassThrough>;
  return {
    ...kept,
    type: d.docType,
    objectType: d.receivableType,
    amount: money(d.amount, d.currency)!,
    taxAmount: money(d.taxAmount, d.currency)!,
    fxRate: dec(d.fxRate).toFixed(),
    baseCurrency: base,
    baseAmount: money(d.baseAmount, base)!,
    baseTaxAmount: money(d.baseTaxAmount, base)!,
    openAmount: open ? money(open.openAmount, d.currency) : null,
    openBaseAmount: open ? money(open.openBaseAmount, base) : null,
    status: open?.status ?? null,
  };
}

/** Of a numbered voucher: only a bulk run holds vouchers without a number, and it answers with a report. */
export function voucherView(v: Voucher) {
  return {
    id: v.id,
    voucherNo: numberedNo(v),
    period: v.period,
    number: v.number!,
    voucherDate: v.voucherDate,
    sourceType: v.sourceType,
    sourceId: v.sourceId,
    description: v.description,
    currency: v.currency,
    total: money(v.total, v.currency)!,
    mapping: { key: v.mappingKey, version: v.mappingVersion },
    lines: v.lines.map((l, i) => ({
      lineNo: i + 1,
      accountCode: l.accountCode,
      accountName: l.accountName,
      debit: money(l.debit, v.currency)!,
      credit: money(l.credit, v.currency)!,
      currency: l.currency,
      amountCurrency: l.currency ? money(l.amountCurrency, l.currency) : null,
      customerId: l.customerId,
      documentId: l.documentId,
      memo: l.memo,
    })),
  };
}
export type VoucherView = ReturnType<typeof voucherView>;

const csvCell = (v: unknown): string => {
  const s = v == null ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Vouchers as CSV, one row per line (formula-looking text is neutralised for spreadsheets). */
export function vouchersCsv(vs: VoucherView[]): string {
  const head = [
    'voucher_no',
    'voucher_date',
    'period',
    'line_no',
    'account_code',
    'account_name',
    'debit',
    'credit',
    'currency',
    'amount_currency',
    'line_currency',
    'customer_id',
    'document_id',
    'description',
    'memo',
    'mapping',
  ];
  const rows = vs.flatMap((v) =>
    v.lines.map((l) => [
      v.voucherNo,
      v.voucherDate,
      v.period,
      l.lineNo,
      l.accountCode,
      l.accountName,
      l.debit,
      l.credit,
      v.currency,
      l.amountCurrency,
      l.currency,
      l.customerId,
      l.documentId,
      v.description,
      l.memo,
      `${v.mapping.key}@${v.mapping.version}`,
    ]),
  );
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
