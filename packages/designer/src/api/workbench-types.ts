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

export interface KpiReport {
  asOf: string;
  baseCurrency: string;
  groupBy: string;
  groups: number;
  totals: KpiFigures;
  rows: (KpiFigures & { key: string; label: string })[];
}

export interface RiskyCustomer {
  customer: { id: string; code: string; name: string; status: string };
  score: number;
  grade: string;
  limit: string | null;
  exposure: string;
  available: string | null;
  overdue: string;
  maxDaysPastDue: number;
}

export interface ProvisionReport {
  from: string;
  to: string;
  currency: string;
  movement: Record<'opening' | 'topUp' | 'released' | 'writtenOff' | 'recovered' | 'other' | 'closing', string>;
  ledgerBalance: string;
  reconciles: boolean;
  /** The newest provisioning run's cells; `run` is null before the first run. */
  breakdown: {
    run: { id: string; asOf: string; plan: { key: string; version: number } } | null;
    cells: { items: number; stage: string; bucket: string | null; openBase: string; required: string }[];
  };
}

export interface OpenItem {
  documentId: string;
  type: string;
  number: string | null;
  customerId: string | null;
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

export interface QueueReceivable {
  id: string;
  number: string | null;
  type: string;
  customer: { id: string; code: string; name: string } | null;
  currency: string;
  amount: string;
  open: string;
  dueDate: string | null;
  documentDate: string | null;
  orderRef: string | null;
  reference: string | null;
}

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

export interface NotificationView {
  id: string;
  source: string;
  kind: string;
  title: string;
  entity: { type: string; id: string } | null;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

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

export interface RequestCheck {
  valid: boolean;
  errors: { pointer: string; reason: string }[];
  states: FieldStates;
  requiredAttachments: string[];
}

export interface RequestSummary {
  id: string;
  number: string;
  action: string;
  form: { key: string; version: number };
  customerId: string | null;
  createdAt: string;
  [k: string]: unknown;
}

export interface TimelineEntry {
  at: string;
  kind:
    | 'posted'
    | 'reversed'
    | 'settled'
    | 'settlement-reversed'
    | 'reminder'
    | 'promise'
    | 'promise-kept'
    | 'promise-broken'
    | 'promise-cancelled'
    | 'dispute'
    | 'dispute-resolved'
    | 'request'
    | 'approval'
    | 'audit';
  ref: { type: string; id: string; number?: string | null };
  by: string | null;
  amount?: string;
  currency?: string;
  detail: Record<string, unknown>;
}

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

export interface CustomerCredit {
  customer?: { id: string; code: string; name: string };
  score?: number;
  grade?: string;
  limit?: string | null;
  exposure?: string;
  available?: string | null;
  [k: string]: unknown;
}

/** GET /jobs/:id: long work followed to its end. */
export interface JobView {
  id: string;
  kind: string;
  title: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: {
    done: number;
    total: number | null;
    percent: number | null;
    phase: string | null;
    etaSeconds: number | null;
  };
  attempts: number;
  maxAttempts: number;
  cancelRequested: boolean;
  result: unknown;
  error: { type: string; message: string; errors?: { pointer: string; reason: string }[] } | null;
  createdByName: string;
  createdAt: string;
  finishedAt: string | null;
}

/** A customer's promise to pay one receivable by a date (GET /promises). */
export interface PaymentPromise {
  id: string;
  documentId: string;
  customerId: string;
  promisedDate: string;
  currency: string;
  amount: string;
  paidSince: string;
  madeOn: string;
  note: string | null;
  status: 'open' | 'kept' | 'broken' | 'cancelled';
  due: boolean;
  outcome: { asOf: string; paid: string; reason: string | null; by: string | null; at: string } | null;
  createdBy: string | null;
  createdAt: string;
}

/** A customer contesting a receivable (GET /disputes); its reminders pause while it is open. */
export interface Dispute {
  id: string;
  documentId: string;
  customerId: string;
  category: string;
  reason: string;
  currency: string;
  amount: string | null;
  openedOn: string;
  status: 'open' | 'resolved';
  resolution: { text: string; resolvedOn: string; by: string | null; at: string } | null;
  createdBy: string | null;
  createdAt: string;
}
