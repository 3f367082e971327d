import * as repo from '../../store/repos/requests.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, isHexiaoError } from '../errors.ts';
import { actorPermissions } from '../identity/index.ts';
import { requireRequestAccess } from './access.ts';
import { requesterOf } from './submit.ts';
import { formFields, type FormField } from './form-fields.ts';
import {
  attachmentView,
  flowDataOf,
  requestView,
  type AttachmentView,
  type RequestFlowData,
  type RequestView,
} from './views.ts';

async function visibleRow(db: Executor, ctx: ActionCtx, id: string) {
  const r = await repo.findRequest(db, ctx.tenant.id, id);
  if (!r) throw new HexiaoError('not_found', `request ${id} does not exist`);
  await requireRequestAccess(db, ctx, r);
  return r;
}

/** One request with its attachments and what its action did (to its requester, approvers and auditors). */
export async function getRequest(
  db: Executor,
  ctx: ActionCtx,
  id: string,
): Promise<RequestView & { fields: FormField[] }> {
  const r = await visibleRow(db, ctx, id);
  const [attachments, action, fields] = await Promise.all([
    repo.listAttachments(db, ctx.tenant.id, id),
    repo.findRequestAction(db, ctx.tenant.id, id),
    formFields(db, ctx.tenant.id, r.formKey, r.formVersion),
  ]);
  return { ...requestView(r, attachments, action), fields };
}

/** What a flow bound to the request reads (form, customer, subject, requester), as snapshotted. */
export async function requestFlowData(db: Executor, tenantId: string, id: string): Promise<RequestFlowData> {
  const r = await repo.findRequest(db, tenantId, id);
  if (!r) throw new HexiaoError('not_found', `request ${id} does not exist`);
  return flowDataOf(r);
}

export type RequestFilter = repo.RequestFilter & { mine?: boolean };

/**
 * Requests, newest first: a requester sees their own; approvers and auditors those whose customer is in
 * their data scope.
 */
export async function listRequests(db: Executor, ctx: ActionCtx, f: RequestFilter): Promise<RequestView[]> {
  const p = actorPermissions(ctx.actor);
  const everyone = p.has('writeoff.approve') || p.has('audit.read');
  const rows = await repo.listRequests(db, ctx.tenant.id, {
    ...f,
    ...(f.mine || !everyone ? { requestedBy: requesterOf(ctx).id } : {}),
  });
  const out: RequestView[] = [];
  for (const r of rows) {
    try {
      await requireRequestAccess(db, ctx, r);
    } catch (e) {
      if (isHexiaoError(e) && e.type === 'not_found') continue;
      throw e;
    }
    out.push(
      requestView(
        r,
        await repo.listAttachments(db, ctx.tenant.id, r.id),
        await repo.findRequestAction(db, ctx.tenant.id, r.id),
      ),
    );
  }
  return out;
}

export async function listRequestAttachments(
  db: Executor,
  ctx: ActionCtx,
  requestId: string,
): Promise<AttachmentView[]> {
  await visibleRow(db, ctx, requestId);
  return (await repo.listAttachments(db, ctx.tenant.id, requestId)).map(attachmentView);
}

/** True when the request has an attachment with this label (a flow step's `requires: ["attachment:<label>"]`). */
export async function hasAttachment(
  db: Executor,
  tenantId: string,
  requestId: string,
  label: string,
): Promise<boolean> {
  return (await repo.listAttachments(db, tenantId, requestId)).some((a) => a.label === label);
}
