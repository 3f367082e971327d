import { api, csrf, problemOf } from './client.ts';
import type { Page } from './types.ts';
import type { Responses } from './responses.generated.ts';
import type {
  AgingReport,
  ApprovalView,
  BucketReport,
  CustomerCredit,
  DocumentDetail,
  InboxItem,
  KpiReport,
  NotificationView,
  OpenItem,
  ProvisionReport,
  QueueEntry,
  QueueReceivable,
  RequestCheck,
  RequestSummary,
  RequestView,
  ScreenInfo,
  ScreenResult,
  StartedForm,
  RenderedForm,
  TimelineEntry,
  RiskyCustomer,
  RunReport,
  JobView,
  Dispute,
  PaymentPromise,
} from './workbench-types.ts';

const seg = encodeURIComponent;
type Query = Record<string, string | number | undefined>;

/** The workbench's calls: reports, the clerk's matching queue, the approver's inbox, notifications. */
export const reports = {
  aging: (q: Query) => api.get<AgingReport>('/reports/aging', { query: q }),
  collectionPlan: (q: Query) => api.get<BucketReport>('/reports/collection-plan', { query: q }),
  kpis: (q: Query) => api.get<KpiReport>('/reports/kpis', { query: q }),
  risky: (limit = 10) =>
    api.get<{ asOf: string; items: RiskyCustomer[] }>('/reports/risky-customers', { query: { limit } }),
  provisions: () => api.get<ProvisionReport>('/reports/provisions'),
  /** Where the browser downloads a report file (the session cookie goes with the link). */
  fileUrl: (path: string, q: Query) =>
    `/api/v1${path}?${new URLSearchParams(
      Object.entries(q).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
    )}`,
};

/** Collections: promises to pay and disputes, per customer or receivable. */
export const collectionsApi = {
  promises: (q: { customerId?: string; documentId?: string }) =>
    api.get<{ items: PaymentPromise[] }>('/promises', { query: q }),
  disputes: (q: { customerId?: string; documentId?: string }) =>
    api.get<{ items: Dispute[] }>('/disputes', { query: q }),
  promise: (documentId: string, body: { promisedDate: string; amount?: string; note?: string }) =>
    api.post<PaymentPromise>(`/receivables/${seg(documentId)}/promises`, body),
  cancelPromise: (id: string, reason: string) => api.post<PaymentPromise>(`/promises/${seg(id)}/cancel`, { reason }),
  dispute: (documentId: string, body: { category: string; reason: string; amount?: string }) =>
    api.post<Dispute>(`/receivables/${seg(documentId)}/disputes`, body),
  resolve: (id: string, resolution: string) => api.post<Dispute>(`/disputes/${seg(id)}/resolve`, { resolution }),
};

export const receivableApi = {
  get: (id: string) => api.get<DocumentDetail>(`/receivables/${seg(id)}`),
  timeline: (id: string) => api.get<{ entries: TimelineEntry[] }>(`/receivables/${seg(id)}/timeline`),
  /** Undo a settlement: a reversing settlement with the reason (the posted one stays). */
  undoSettlement: (settlementId: string, reason: string) =>
    api.post<unknown>(`/settlements/${seg(settlementId)}/reversal`, { reason }),
};

export const customerApi = {
  credit: (id: string) => api.get<CustomerCredit>(`/customers/${seg(id)}/credit`),
  scores: (id: string, limit = 12) =>
    api.get<Responses['GET /credit-scores']>('/credit-scores', { query: { customerId: id, limit } }),
  statementUrl: (id: string, lang: 'en' | 'zh', format: 'html' | 'pdf' = 'html') =>
    `/api/v1/customers/${seg(id)}/statement?format=${format}&lang=${lang}`,
};

export const openItems = {
  list: (q: Query) => api.get<Page<OpenItem> & { asOf: string | null }>('/open-items', { query: q }),
};

export const matching = {
  queue: (q: Query) => api.get<Page<QueueEntry>>('/matching/queue', { query: q }),
  receivables: (q: Query) => api.get<Page<QueueReceivable>>('/matching/queue/receivables', { query: q }),
  /** A run as a job: answered at once (202), followed through its progress events. */
  runAsJob: () => api.post<JobView>('/matching-runs', {}, { headers: { prefer: 'respond-async' } }),
  accept: (decisionId: string) => api.post<unknown>(`/matching-decisions/${seg(decisionId)}/accept`, {}),
  reject: (decisionId: string, reason: string) =>
    api.post<unknown>(`/matching-decisions/${seg(decisionId)}/reject`, { reason }),
  assign: (receiptId: string, customerId: string, reason: string) =>
    api.post<unknown>(`/receipts/${seg(receiptId)}/assignment`, { customerId, reason }),
  allocate: (body: {
    customerId?: string;
    reason?: string;
    lines: { debitDocumentId: string; creditDocumentId: string; amount: string; creditAmount?: string }[];
  }) => api.post<unknown>('/settlements', body),
};

export const inbox = {
  list: (status: 'open' | 'done' = 'open') =>
    api.get<{ items: InboxItem[] }>('/inbox', { query: { status, limit: 100 } }),
  approval: (id: string) => api.get<ApprovalView>(`/approvals/${seg(id)}`),
  request: (id: string) => api.get<RequestView>(`/requests/${seg(id)}`),
  decide: (taskId: string, action: 'approve' | 'reject', comment: string) =>
    api.post<unknown>(`/tasks/${seg(taskId)}/${action}`, comment ? { comment } : {}),
  /** Back to an earlier step, or to the requester with `$initiator`. */
  giveBack: (taskId: string, to: string, comment: string) =>
    api.post<unknown>(`/tasks/${seg(taskId)}/return`, { to, ...(comment ? { comment } : {}) }),
  /** Hand the task to another user (an e-mail or user id), one level deep. */
  delegate: (taskId: string, to: string, comment: string) =>
    api.post<unknown>(`/tasks/${seg(taskId)}/delegate`, { to, ...(comment ? { comment } : {}) }),
};

export const requestsApi = {
  screens: () => api.get<{ items: ScreenInfo[] }>('/screens'),
  candidates: (key: string) => api.get<ScreenResult>(`/screens/${seg(key)}/candidates`),
  start: (key: string, receivableIds: string[]) =>
    api.post<StartedForm>(
      `/screens/${seg(key)}/start`,
      { receivableIds },
      { headers: { 'idempotency-key': crypto.randomUUID() } },
    ),
  forms: () => api.get<{ items: RenderedForm[] }>('/forms'),
  /** A form for a selection of receivables (and, for a settlement override, the receipt that settles them). */
  startForm: (key: string, receivableIds: string[], receiptId?: string) =>
    api.post<StartedForm>(
      `/forms/${seg(key)}/start`,
      { receivableIds, ...(receiptId ? { receiptId } : {}) },
      { headers: { 'idempotency-key': crypto.randomUUID() } },
    ),
  check: (form: string, data: Record<string, unknown>, attachments: string[]) =>
    api.post<RequestCheck>('/requests/check', { form, data, attachments }),
  submit: (form: string, data: Record<string, unknown>, attachments: string[], key: string) =>
    api.post<RequestSummary & { approval: ApprovalView }>(
      '/requests',
      { form, data, ...(attachments.length ? { attachments } : {}) },
      { headers: { 'idempotency-key': key } },
    ),
  /** Evidence uploaded before the request that names it (multipart: file and label). */
  upload: async (file: File, label: string): Promise<{ id: string; name: string; label: string }> => {
    const form = new FormData();
    form.append('label', label);
    form.append('file', file, file.name);
    const token = csrf();
    const res = await fetch('/api/v1/attachments', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'idempotency-key': crypto.randomUUID(),
        ...(token ? { 'x-csrf-token': token } : {}),
      },
      body: form,
    });
    if (!res.ok) throw await problemOf(res);
    return (await res.json()) as { id: string; name: string; label: string };
  },
  mine: () => api.get<{ items: RequestSummary[] }>('/requests', { query: { mine: 'true', limit: 100 } }),
  approval: (requestId: string) => api.get<ApprovalView>(`/requests/${seg(requestId)}/approval`),
};

export const notifications = {
  list: () => api.get<{ items: NotificationView[]; unread: number }>('/notifications', { query: { limit: 20 } }),
  markRead: (ids: string[]) => api.post<unknown>('/notifications/read', { ids }),
};

export const jobs = {
  list: (q: Query = {}) => api.get<{ jobs: JobView[] }>('/jobs', { query: q }),
  get: (id: string) => api.get<JobView>(`/jobs/${seg(id)}`),
  cancel: (id: string) => api.post<JobView>(`/jobs/${seg(id)}/cancel`, {}),
  eventsUrl: (id: string) => `/api/v1/jobs/${seg(id)}/events`,
};
