import type { AttachmentRow, RequestActionRow, RequestRow } from '../../store/repos/requests.ts';
import type { Subject } from './subject.ts';

/** What flows and guards read of a request: the submission, its customer, its subject and the requester. */
export interface RequestFlowData {
  form: Record<string, unknown>;
  customer: Record<string, unknown>;
  subject: Subject['subject'];
  requester: Record<string, unknown>;
  [key: string]: unknown;
}

export interface AttachmentView {
  id: string;
  requestId: string | null;
  label: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

/** What a request's bound action did (posted documents and vouchers), once. */
export interface BoundActionResult {
  action: string;
  requestId: string;
  requestNumber: string;
  effectKey: string;
  /** True when this call found the action already performed under the same effect key (nothing posted). */
  replayed: boolean;
  documents: { id: string; number: string; type: string; amount: string; currency: string }[];
  vouchers: string[];
  /** What an action that posts nothing changed (a credit limit: the customer and its new limit). */
  changes?: Record<string, unknown>;
  performedBy: string;
  performedAt: string;
}

export interface RequestView {
  id: string;
  number: string;
  form: { key: string; version: number; contentHash: string };
  action: string;
  /** The flow the form names (its current published version started when the request was submitted). */
  flow: string | null;
  customerId: string | null;
  data: Record<string, unknown>;
  customer: Record<string, unknown>;
  subject: Subject['subject'];
  subjectHash: string;
  revision: number;
  requestedBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  attachments: AttachmentView[];
  performed: BoundActionResult | null;
}

/** A request as `flows` starts an instance from it: its view plus what guards and assignees read. */
export interface SubmittedRequest extends RequestView {
  flowData: RequestFlowData;
}

interface StoredSubject extends Subject {
  requester: Record<string, unknown>;
}

const iso = (v: string) => new Date(v).toISOString();

export const attachmentView = (a: AttachmentRow): AttachmentView => ({
  id: a.id,
  requestId: a.requestId,
  label: a.label,
  name: a.name,
  contentType: a.contentType,
  size: a.size,
  sha256: a.sha256,
  uploadedBy: a.uploadedBy,
  createdAt: iso(a.createdAt),
});

export const actionResult = (a: RequestActionRow, replayed: boolean): BoundActionResult => ({
  ...(a.result as Omit<BoundActionResult, 'replayed' | 'performedBy' | 'performedAt'>),
  replayed,
  performedBy: a.performedBy,
  performedAt: iso(a.performedAt),
});

export function requestView(r: RequestRow, attachments: AttachmentRow[], action?: RequestActionRow): RequestView {
  const s = r.subject as StoredSubject;
  return {
    id: r.id,
    number: r.number,
    form: { key: r.formKey, version: r.formVersion, contentHash: r.formHash },
    action: r.action,
    flow: r.flowKey,
    customerId: r.customerId,
    data: r.data as Record<string, unknown>,
    customer: s.customer,
    subject: s.subject,
    subjectHash: r.subjectHash,
    revision: r.revision,
    requestedBy: { id: r.requestedBy, name: r.requestedByName },
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    attachments: attachments.map(attachmentView),
    performed: action ? actionResult(action, false) : null,
  };
}

/** The data a flow bound to this request reads. */
export function flowDataOf(r: RequestRow): RequestFlowData {
  const s = r.subject as StoredSubject;
  return { form: r.data as Record<string, unknown>, customer: s.customer, subject: s.subject, requester: s.requester };
}
