import type { Responses } from './responses.generated.ts';

/** Shapes of the report, queue, inbox and notification routes (mirrors packages/server views; amounts are decimal strings). */
export type LocalText = { en: string; zh: string };

export interface BucketColumn {
  id: string;
  label: LocalText;
  from: number | null;
  to: number | null;
}

export interface BucketRow {
  key: string;
  label: string;
  count: number;
  buckets: string[];
  total: string;
}

export interface BucketReport {
  asOf: string;
  baseCurrency: string;
  groupBy: string;
  t0?: string;
  /** The aging report's: what it can start from (document dates, then the object types' custom date fields). */
  t0Choices?: { value: string; title: string | null }[];
  columns: BucketColumn[];
  totals: { count: number; buckets: string[]; total: string };
  groups: number;
  rows: BucketRow[];
  page: number;
  limit: number;
}

export interface KpiFigures {
  open: string;
  overdue: string;
  overdueRatio: string | null;
  sales90: string;
  dso: string | null;
  sales365: string;
  badDebts365: string;
  badDebtRatio: string | null;
}

export type KpiReport = Responses['GET /reports/kpis'];

export type RiskyCustomer = Responses['GET /reports/risky-customers']['items'][number];

export type ProvisionReport = Responses['GET /reports/provisions'];

export interface OpenItem {
  documentId: string;
  type: string;
  number: string | null;
  customerId: string | null;
  customer: { code: string; name: string } | null;
  side: 'debit' | 'credit';
  currency: string;
  amount: string;
  openAmount: string;
  openBaseAmount: string;
  dueDate: string | null;
  documentDate: string | null;
  postingDate: string;
  status: string;
}

export interface QueueReceipt {
  id: string;
  number: string;
  customer: { id: string; code: string; name: string } | null;
  currency: string;
  amount: string;
  open: string;
  documentDate: string | null;
  valueDate: string | null;
  endToEndId: string | null;
  bankReference: string | null;
  payerName: string | null;
  payerAccount: string | null;
  text: string | null;
}

export interface DecisionAllocation {
  documentId: string;
  number: string | null;
  amount: string;
  currency: string;
  receiptAmount?: string;
}

export interface QueueDecision {
  id: string;
  runId: string;
  outcome: string;
  status: string;
  ruleSet: { key: string; version: number };
  rule: string | null;
  stage: string | null;
  score: number;
  detail: {
    reasons: string[];
    evidence: { code: string; family: string; points: number; detail: string }[];
    allocations: DecisionAllocation[];
    adjustments: { kind: string; amount: string }[];
    candidates: { documentId?: string; number?: string; score?: number; failed?: string; [k: string]: unknown }[];
    unapplied: string;
    payer: { method: string | null; confidence: number; customerId: string | null };
  };
}

export interface QueueEntry {
  receipt: QueueReceipt;
  status: 'suggested' | 'held' | 'unmatched' | 'unidentified';
  decision: QueueDecision | null;
  recovery: { writeOffId: string; amount: string; left?: string; [k: string]: unknown } | null;
}

export type QueueReceivable = Responses['GET /matching/queue/receivables']['items'][number];

export interface RunReport {
  runId: string;
  dryRun: boolean;
  ruleSet: { key: string; version: number };
  counts: { receipts: number; auto: number; suggested: number; unmatched: number; held: number };
}

export interface Person {
  id: string;
  name: string;
  email: string | null;
}

export interface InboxItem {
  task: {
    id: string;
    step: string;
    stepTitle: LocalText | null;
    status: string;
    createdAt: string;
    dueAt: string | null;
    overdue: boolean;
    actions: string[];
    returnTo: string[];
    requires: string[];
  };
  approval: { id: string; status: string; flow: { key: string; version: number }; round: number };
  request: {
    id: string;
    number: string;
    action: string;
    customer: { id: string; name: string | null } | null;
    amount: string | null;
    currency: string | null;
    requestedBy: Person;
    createdAt: string;
  };
}

export type NotificationView = Responses['GET /notifications']['items'][number];

export interface RequestView {
  id: string;
  number: string;
  form: { key: string; version: number };
  action: string;
  flow: string | null;
  customerId: string | null;
  data: Record<string, unknown>;
  requestedBy: { id: string; name: string };
  createdAt: string;
  attachments: { id: string; name?: string; fileName?: string; [k: string]: unknown }[];
  /** The filed form version's visible fields in its order, with their titles. */
  fields: { name: string; title: string | null }[];
}

export interface ApprovalView {
  id: string;
  flow: { key: string; version: number; title: LocalText | null };
  status: string;
  round: number;
  openSteps: string[];
  tasks: (InboxItem['task'] & { assignee: Person; decidedAt: string | null; comment: string | null })[];
  history?: { seq: number; type: string; step: string | null; by: Person | null; at: string; detail: unknown }[];
  comments?: { id: string; author: Person; body: string; createdAt: string }[];
  /** The pinned flow version's steps (the one-request view). */
  diagram?: Responses['GET /requests/:id/approval']['diagram'];
}

export interface ScreenInfo {
  key: string;
  version: number;
  status: string;
  title: LocalText | string | null;
  form: string;
}

export interface ScreenResult {
  screen: { key: string; version: number };
  title: LocalText | null;
  form: string;
  asOf: string;
  matched: number;
  truncated: boolean;
  rows: {
    item: {
      id: string;
      number: string | null;
      currency: string;
      amount: string;
      openAmount: string;
      dueDate: string | null;
      daysOverdue: number;
    };
    customer: { id: string; code: string; name: string; [k: string]: unknown };
  }[];
}

export interface FieldStates {
  hidden: string[];
  required: string[];
}

export interface StartedForm {
  form: {
    ref: string;
    key: string;
    version: number;
    title: LocalText | string | null;
    description: string | null;
    schema: Record<string, unknown>;
    uiSchema: Record<string, unknown>;
    attachments: { label: string; title?: LocalText; required?: unknown }[];
  };
  data: Record<string, unknown>;
  states: FieldStates;
  requiredAttachments: string[];
  notes: string[];
}

export type RequestCheck = Responses['POST /requests/check'];

export type RequestSummary = Responses['GET /requests']['items'][number];

// `detail` differs by kind: the schema says only that it is an object
export type TimelineEntry = Omit<Responses['GET /receivables/:id/timeline']['entries'][number], 'detail'> & {
  detail: Record<string, unknown>;
};

export interface DocumentDetail {
  id: string;
  type: string;
  number: string | null;
  customerId: string | null;
  currency: string;
  amount: string;
  openAmount: string | null;
  status: string | null;
  documentDate: string | null;
  postingDate: string;
  dueDate: string | null;
  description: string | null;
  orderRef: string | null;
  reference: string | null;
}

export type CustomerCredit = Responses['GET /customers/:id/credit'];

/** GET /jobs/:id: long work followed to its end. */
export type JobView = Responses['GET /jobs/:id'];

/** A customer's promise to pay one receivable by a date (GET /promises). */
export type PaymentPromise = Responses['GET /promises']['items'][number];

/** A customer contesting a receivable (GET /disputes); its reminders pause while it is open. */
export type Dispute = Responses['GET /disputes']['items'][number];
