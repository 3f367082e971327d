import type { Responses } from './responses.generated.ts';

/** Shapes of the report, queue, inbox and notification routes (mirrors packages/server views; amounts are decimal strings). */
export type LocalText = { en?: string; zh?: string };

/** The aging report and the collection plan share their shape (the collection plan without T0 and its choices). */
export type BucketReport = Responses['GET /reports/collection-plan'] &
  Partial<Pick<Responses['GET /reports/aging'], 't0' | 't0Choices'>>;
/** Where the aging report started counting, per object type and per customer contract (maps the API documents loosely). */
type Start = { t0: string; terms: string | null };
export type AgingReport = Omit<Responses['GET /reports/aging'], 'byCustomer' | 'byObjectType'> & {
  byCustomer: Record<string, Start>;
  byObjectType: Record<string, Start>;
};
export type BucketColumn = BucketReport['columns'][number];
export type BucketRow = BucketReport['rows'][number];

export type KpiFigures = Responses['GET /reports/kpis']['totals'];

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

type QueueItem = Responses['GET /matching/queue']['items'][number];

export type QueueReceipt = QueueItem['receipt'];

export interface DecisionAllocation {
  documentId: string;
  number: string | null;
  amount: string;
  currency: string;
  receiptAmount?: string;
}

/** A decision's `detail` (a JSON column the server documents only as an object): why, with what evidence. */
export interface DecisionDetail {
  reasons: string[];
  evidence: { code: string; family: string; points: number; detail: string }[];
  allocations: DecisionAllocation[];
  adjustments: { kind: string; amount: string }[];
  candidates: { documentId?: string; number?: string; score?: number; failed?: string; [k: string]: unknown }[];
  unapplied: string;
  payer: { method: string | null; confidence: number; customerId: string | null };
}

export type QueueDecision = Omit<NonNullable<QueueItem['decision']>, 'detail'> & { detail: DecisionDetail };

export type QueueEntry = Omit<QueueItem, 'decision'> & { decision: QueueDecision | null };

export type QueueReceivable = Responses['GET /matching/queue/receivables']['items'][number];

export type RunReport = Responses['POST /matching-runs'];

export type InboxItem = Responses['GET /inbox']['items'][number];
export type Person = InboxItem['request']['requestedBy'];

export type NotificationView = Responses['GET /notifications']['items'][number];

// a request's `data` and a screened row's `customer` are facts the form and the customer define (objects to the API)
export type RequestView = Omit<Responses['GET /requests/:id'], 'data'> & { data: Record<string, unknown> };

export type ApprovalView = Responses['GET /requests/:id/approval'];

export type ScreenInfo = Responses['GET /screens']['items'][number];

type ScreenRow = Responses['GET /screens/:key/candidates']['rows'][number];
export type ScreenResult = Omit<Responses['GET /screens/:key/candidates'], 'rows'> & {
  rows: (Omit<ScreenRow, 'customer'> & {
    customer: { id: string; code: string; name: string; [k: string]: unknown };
  })[];
};

export interface FieldStates {
  hidden: string[];
  required: string[];
}

export type StartedForm = Responses['POST /forms/:key/start'];

/** A published form as requesters see it: its key, title and the action it is bound to. */
export type RenderedForm = Responses['GET /forms']['items'][number];

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
