import { dec, minorUnits } from '../money/index.ts';
import type { LedgerDocument, OpenItem, Voucher } from './types.ts';

/** An amount as the API shows it: a decimal string with the currency's minor units. */
export const money = (v: string | null | undefined, currency: string): string | null => (v == null ? null : dec(v).toFixed(minorUnits(currency) ?? 2));

export interface DocumentView {
  id: string;
  type: LedgerDocument['docType'];
  adjustmentKind: LedgerDocument['adjustmentKind'];
  objectType: string;
  side: LedgerDocument['side'];
  number: string;
  customerId: string | null;
  bankAccountId: string | null;
  currency: string;
  amount: string;
  taxAmount: string;
  fxRate: string;
  baseCurrency: string;
  baseAmount: string;
  baseTaxAmount: string;
  openAmount: string | null;
  openBaseAmount: string | null;
  status: OpenItem['status'] | null;
  documentDate: string;
  postingDate: string;
  valueDate: string | null;
  dueDate: string | null;
  period: string;
  clearingAccount: string;
  reversesId: string | null;
  orderRef: string | null;
  deliveryRef: string | null;
  reference: string | null;
  description: string | null;
  reason: string | null;
  custom: Record<string, unknown>;
  voucherId: string;
}

export function documentView(d: LedgerDocument, base: string, open?: OpenItem): DocumentView {
  return {
    id: d.id,
    type: d.docType,
    adjustmentKind: d.adjustmentKind,
    objectType: d.receivableType,
    side: d.side,
    number: d.number,
    customerId: d.customerId,
    bankAccountId: d.bankAccountId,
    currency: d.currency,
    amount: money(d.amount, d.currency)!,
    taxAmount: money(d.taxAmount, d.currency)!,
    fxRate: dec(d.fxRate).toFixed(),
    baseCurrency: base,
    baseAmount: money(d.baseAmount, base)!,
    baseTaxAmount: money(d.baseTaxAmount, base)!,
    openAmount: open ? money(open.openAmount, d.currency) : null,
    openBaseAmount: open ? money(open.openBaseAmount, base) : null,
    status: open?.status ?? null,
    documentDate: d.documentDate,
    postingDate: d.postingDate,
    valueDate: d.valueDate,
    dueDate: d.dueDate,
    period: d.period,
    clearingAccount: d.clearingAccount,
    reversesId: d.reversesId,
    orderRef: d.orderRef,
    deliveryRef: d.deliveryRef,
    reference: d.reference,
    description: d.description,
    reason: d.reason,
    custom: d.custom,
    voucherId: d.voucherId,
  };
}

export function voucherView(v: Voucher) {
  return {
    id: v.id,
    voucherNo: v.voucherNo,
    period: v.period,
    number: v.number,
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
  const head = ['voucher_no', 'voucher_date', 'period', 'line_no', 'account_code', 'account_name', 'debit', 'credit', 'currency', 'amount_currency', 'line_currency', 'customer_id', 'document_id', 'description', 'memo', 'mapping'];
  const rows = vs.flatMap((v) =>
    v.lines.map((l) => [v.voucherNo, v.voucherDate, v.period, l.lineNo, l.accountCode, l.accountName, l.debit, l.credit, v.currency, l.amountCurrency, l.currency, l.customerId, l.documentId, v.description, l.memo, `${v.mapping.key}@${v.mapping.version}`]),
  );
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
