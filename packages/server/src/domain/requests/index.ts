/**
 * Requests: form submissions that an approval flow decides, and the business actions they perform.
 *
 * The contract with the approval runtime (domain/flows imports this door; this context never imports flows):
 * - `submitRequest` files a request (validated against the exact published form version, subject snapshotted)
 *   and returns a `SubmittedRequest` whose `flowData` is what guards and assignees read; the API starts the
 *   flow the form names (`flow`) in the same transaction.
 * - `performBoundAction(deps with the decision's db, ctx, { requestId, instanceId, action, input })` posts the
 *   request's write-off or debt transfer exactly once (effect key `<instanceId>:on-approved`), in the caller's
 *   transaction; a refusal throws so the decision rolls back.
 * - `reviseRequest` stores a requester's new revision after a return; `requestFlowData` reads the snapshot.
 * - `boundActions` / `flowDataSchema` (re-exported from forms) serve publish-time checks.
 */
export {
  submitRequest,
  reviseRequest,
  checkRequest,
  requesterOf,
  type SubmitInput,
  type RequestCheck,
} from './submit.ts';
export {
  startForm,
  renderForm,
  listForms,
  previewForm,
  type RenderedForm,
  type StartedForm,
  type FormPreview,
} from './render.ts';
export { performBoundAction, effectKeyOf, type BoundActionCall } from './perform.ts';
export {
  getRequest,
  listRequests,
  requestFlowData,
  listRequestAttachments,
  hasAttachment,
  type RequestFilter,
} from './queries.ts';
export type { RequestView, SubmittedRequest, RequestFlowData, AttachmentView, BoundActionResult } from './views.ts';
export { writeOffShares, type Share } from './checks.ts';
export {
  addAttachment,
  attachmentContent,
  type AttachmentDeps,
  type AttachmentPolicy,
  type AttachmentStore,
  type UploadedFile,
} from './attachments.ts';
export { requireRequestAccess } from './access.ts';
export { loadSubject, customerFacts, daysOverdue, type Subject, type ReceivableSnapshot } from './subject.ts';
export {
  boundActions,
  boundAction,
  flowDataSchema,
  publishedForm,
  type BoundActionSpec,
  type FormDocument,
} from '../forms/index.ts';
