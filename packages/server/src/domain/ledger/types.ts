/** Which side of the customer's account a document sits on: debit raises what is owed, credit lowers it. */
export type Side = 'debit' | 'credit';
export const documentTypes = [
  'estimate',
  'invoice',
  'receipt',
  'prepayment',
  'refund',
  'credit-note',
  'adjustment',
] as const;
/** Documents only the ledger's own use-cases create (a write-off, the two halves of a debt transfer). */
export const derivedDocumentTypes = ['write-off', 'transfer-out', 'transfer-in'] as const;
/** The types a caller posts through postDocument. */
export type PostableType = (typeof documentTypes)[number];
export type DocumentType = PostableType | (typeof derivedDocumentTypes)[number];
export const writeOffKinds = ['bad-debt', 'small-balance', 'direct'] as const;
export type WriteOffKind = (typeof writeOffKinds)[number];
export const adjustmentKinds = ['discount', 'rebate', 'penalty', 'interest', 'rounding', 'bank-fee'] as const;
export type AdjustmentKind = (typeof adjustmentKinds)[number];

/** The side a blue (non-reversing) document of this type takes; a red document takes the other. */
export function naturalSide(type: DocumentType, kind: AdjustmentKind | null): Side {
  if (type === 'adjustment')
    return kind === 'penalty' || kind === 'interest' || kind === 'rounding' ? 'debit' : 'credit';
  return type === 'receipt' ||
    type === 'prepayment' ||
    type === 'credit-note' ||
    type === 'write-off' ||
    type === 'transfer-out'
    ? 'credit'
    : 'debit';
}

export const opposite = (s: Side): Side => (s === 'debit' ? 'credit' : 'debit');

/** Document types that may name no customer (unidentified cash). */
export const customerOptional: ReadonlySet<DocumentType> = new Set(['receipt', 'prepayment', 'refund']);
/** Document types that may carry tax. */
export const taxable: ReadonlySet<DocumentType> = new Set(['invoice', 'credit-note']);

/** A posted document; amounts are decimal strings, dates `YYYY-MM-DD`. */
export interface LedgerDocument {
  id: string;
  docType: DocumentType;
  adjustmentKind: AdjustmentKind | null;
  receivableType: string;
  side: Side;
  number: string;
  customerId: string | null;
  bankAccountId: string | null;
  currency: string;
  amount: string;
  taxAmount: string;
  fxRate: string;
  baseAmount: string;
  baseTaxAmount: string;
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
  /** A write-off's kind. */
  writeOffKind?: WriteOffKind | null;
  /** The document this one is bound to: a write-off's receivable, a transfer half's counterpart. */
  relatedId?: string | null;
}

/** The open amount of one document, in its currency and in base currency. */
export interface OpenItem {
  documentId: string;
  customerId: string | null;
  side: Side;
  currency: string;
  amount: string;
  openAmount: string;
  baseAmount: string;
  openBaseAmount: string;
  dueDate: string | null;
  status: 'open' | 'partial' | 'settled';
}

export interface VoucherLineDraft {
  accountCode: string;
  accountName: string;
  debit: string;
  credit: string;
  currency: string | null;
  amountCurrency: string | null;
  customerId: string | null;
  documentId: string | null;
  memo: string | null;
}

export interface VoucherDraft {
  voucherDate: string;
  sourceType: 'document' | 'settlement';
  sourceId: string;
  description: string;
  currency: string;
  total: string;
  mappingKey: string;
  mappingVersion: number;
  lines: VoucherLineDraft[];
}

export interface Voucher extends VoucherDraft {
  id: string;
  period: string;
  number: number;
  voucherNo: string;
}

export const voucherNo = (period: string, number: number) => `${period}-${String(number).padStart(6, '0')}`;
