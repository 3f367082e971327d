/** Which side of the customer's account a document sits on: debit raises what is owed, credit lowers it. */
export type Side = 'debit' | 'credit';
/** The types a caller posts through postDocument. */
export type PostableType = 'estimate' | 'invoice' | 'receipt' | 'prepayment' | 'refund' | 'credit-note' | 'adjustment';
/** Documents only the ledger's own use-cases create (a write-off, the two halves of a debt transfer). */
export type DerivedDocumentType = 'write-off' | 'transfer-out' | 'transfer-in' | 'recovery';
export type DocumentType = PostableType | DerivedDocumentType;
export type WriteOffKind = 'bad-debt' | 'small-balance' | 'direct';
export type AdjustmentKind =
  | 'discount'
  | 'rebate'
  | 'penalty'
  | 'interest'
  | 'rounding'
  | 'bank-fee'
  /** The part of an invoice brought over from another system that was already paid there. */
  | 'opening-balance';

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
  sourceType: 'document' | 'settlement' | 'provisioning-run' | 'fx-revaluation';
  sourceId: string;
  description: string;
  currency: string;
  total: string;
  mappingKey: string;
  mappingVersion: number;
  lines: VoucherLineDraft[];
}

/** A voucher as stored: its number within the period; the displayed voucher number is the domain's. */
export interface StoredVoucherHead extends VoucherDraft {
  id: string;
  period: string;
  number: number;
}

/** One allocation between a debit and a credit document; a reversal repeats it with sign -1. */
export interface SettlementLine {
  lineNo: number;
  debitDocumentId: string;
  creditDocumentId: string;
  sign: 1 | -1;
  debitAmount: string;
  creditAmount: string;
  debitBaseAmount: string;
  creditBaseAmount: string;
  fxDifference: string;
}
