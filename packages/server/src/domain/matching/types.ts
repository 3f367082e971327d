import type { MatchStage, RuleSetDocument } from './rule-set-schema.ts';

/** A customer as the matcher sees it. */
export interface MatchCustomer {
  id: string;
  code: string;
  name: string;
  taxId: string | null;
  parentId: string | null;
  /** Active payer accounts (IBAN or account number), as stored. */
  accounts: readonly string[];
}

/** An open document of a customer: an invoice (debit) or a credit note / prepayment (credit). */
export interface MatchItem {
  id: string;
  customerId: string | null;
  docType: string;
  side: 'debit' | 'credit';
  number: string;
  currency: string;
  amount: string;
  /** The amount still open, in the document currency. */
  open: string;
  documentDate: string;
  dueDate: string | null;
  orderRef: string | null;
  /** A reference the company issued with the document (structured creditor reference, payment request id). */
  reference: string | null;
  custom?: Record<string, unknown>;
}

/** A receipt still wholly open, with what its bank line said. */
export interface MatchReceipt {
  id: string;
  number: string;
  customerId: string | null;
  currency: string;
  amount: string;
  documentDate: string;
  valueDate: string | null;
  endToEndId: string | null;
  bankReference: string | null;
  creditorReference: string | null;
  payerName: string | null;
  payerAccount: string | null;
  /** Remittance text, the receipt's own reference and description. */
  text: string | null;
}

/** A receipt already settled, for the duplicate-payment guard. */
export interface SettledReceipt {
  id: string;
  number: string;
  customerId: string | null;
  payerAccount: string | null;
  currency: string;
  amount: string;
  text: string | null;
}

export interface MatchSnapshot {
  customers: readonly MatchCustomer[];
  items: readonly MatchItem[];
  receipts: readonly MatchReceipt[];
  settledReceipts?: readonly SettledReceipt[];
  /** Per receipt, the document sets a person rejected as its settlement: never proposed for it again. */
  rejected?: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** The rate to convert `from` into `to` on a day (the latest on or before it), or null. */
  rate?: (from: string, to: string, date: string) => string | null;
}

export interface RuleSetRef {
  key: string;
  version: number;
  contentHash?: string;
  document: RuleSetDocument;
}

export type EvidenceFamily = 'reference' | 'party' | 'amount';

export interface Evidence {
  /** The independent kind of evidence it is, or null (a penalty, a rule's own points, an implied payer). */
  family: EvidenceFamily | null;
  code: string;
  points: number;
  detail: string;
}

export interface Allocation {
  documentId: string;
  number: string;
  customerId: string | null;
  /** In the document's currency. */
  amount: string;
  currency: string;
  /** In the receipt's currency (differs from amount only across currencies). */
  receiptAmount: string;
}

/** A credit document of the payer offset in the same settlement (a credit note, a prepayment). */
export interface CreditUse {
  documentId: string;
  number: string;
  customerId: string | null;
  amount: string;
  currency: string;
}

export interface AdjustmentUse {
  kind: 'bank-fee' | 'discount' | 'rebate' | 'rounding';
  amount: string;
  currency: string;
  /** The customer whose account the adjustment is booked on. */
  customerId: string | null;
  /** The document it settles (a shortfall) or nothing (a rounding excess). */
  documentId: string | null;
}

export interface CandidateView {
  receivables: string[];
  customerId: string | null;
  amount: string;
  score: number;
  rule: string;
  failed: string;
}

export type Outcome = 'auto' | 'suggested' | 'unmatched' | 'held';

export interface Decision {
  receiptId: string;
  outcome: Outcome;
  rule: string | null;
  stage: MatchStage | 'guard' | null;
  score: number;
  /** The payer the engine settled for (the receipt's customer, or the one it identified). */
  customerId: string | null;
  payer: { customerId: string | null; method: string | null; confidence: number };
  evidence: Evidence[];
  reasons: string[];
  allocations: Allocation[];
  credits: CreditUse[];
  adjustments: AdjustmentUse[];
  /** Left open on the receipt (an overpayment, or a partial allocation's rest). */
  unapplied: string;
  /** Top three candidates with the gate each failed (unmatched and held receipts). */
  candidates: CandidateView[];
  /** The receipt this one duplicates (held). */
  duplicateOf?: string;
}

export interface StageCount {
  rule: string;
  stage: string;
  auto: number;
  suggested: number;
}

export interface MatchResult {
  ruleSet: { key: string; version: number; contentHash?: string };
  decisions: Decision[];
  counts: { receipts: number; auto: number; suggested: number; unmatched: number; held: number };
  byRule: StageCount[];
  /** Subset searches that stopped at their node budget. */
  gaveUp: number;
}
