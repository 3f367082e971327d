import { randomBytes } from 'node:crypto';
import * as repo from '../../store/repos/requests.ts';
import { findCurrentDefinition } from '../../store/repos/definitions.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { contentHash, type DefinitionVersion } from '../definitions/index.ts';
import type { DomainDeps, Executor } from '../deps.ts';
import { HexiaoError, invalid, type FieldError } from '../errors.ts';
import {
  boundAction,
  checkSubmission,
  fieldStates,
  parseFormRef,
  publishedForm,
  requiredAttachments,
  type BoundActionSpec,
  type FieldStates,
  type FormDocument,
} from '../forms/index.ts';
import { newId } from '../ids.ts';
import { dec } from '../money/index.ts';
import { todayIn } from '../ledger/index.ts';
import { checkDebtTransfer, checkWriteOff } from './checks.ts';
import { checkOverride, type OverrideInput } from './override.ts';
import { loadSubject, type LoadedSubject } from './subject.ts';
import { flowDataOf, requestView, type SubmittedRequest } from './views.ts';

export interface SubmitInput {
  /** The form it was rendered from: `key@version` (the exact published version), or `key` for the current one. */
  form: string;
  data: unknown;
  /** Attachments uploaded beforehand (POST /attachments) to file with the request. */
  attachments?: string[];
}

/** Who a request is by: a user (or a system actor such as the demo seed). */
export const requesterOf = (ctx: ActionCtx) => ({
  id: ctx.actor.userId ?? ctx.actor.id,
  email: (ctx.actor.user?.email as string | undefined) ?? null,
  name: ctx.actor.name,
  roles: ctx.actor.roles,
});

const refuse = (message: string, errors: FieldError[]) =>
  new HexiaoError('invalid_data', `${message}: ${errors.map((e) => `${e.pointer} ${e.reason}`).join('; ')}`, {
    errors,
  });

interface Prepared {
  data: Record<string, unknown>;
  subject: LoadedSubject;
  requester: ReturnType<typeof requesterOf>;
}

/**
 * Everything a submission must pass, in the caller's transaction, writing nothing: the form version's
 * schema and conditions (hidden fields dropped), the subject (receivables that exist, are visible to the
 * actor and belong to one customer), then the action's own check against the ledger as it stands.
 */
async function prepare(
  tx: Executor,
  ctx: ActionCtx,
  form: DefinitionVersion<FormDocument>,
  action: BoundActionSpec,
  submitted: unknown,
): Promise<Prepared> {
  const subject = await loadSubject(tx, ctx, action.subject, submitted);
  const requester = requesterOf(ctx);
  const facts = { customer: subject.customer, subject: subject.subject, requester };
  const checked = checkSubmission(form.document, form.contentHash, submitted, facts);
  const errors = [
    ...subject.errors,
    ...checked.errors.filter((e) => !subject.errors.some((s) => s.pointer === e.pointer)),
  ];
  if (errors.length) throw refuse(`the submission does not fit form ${form.key} v${form.version}`, errors);
  const d = checked.data;
  // ids are stored as the ledger writes them, so the flow, the action and the ledger compare them as equal
  if (Array.isArray(d.receivableIds)) d.receivableIds = d.receivableIds.map((s) => String(s).toLowerCase());
  if (typeof d.receivableId === 'string') d.receivableId = d.receivableId.toLowerCase();
  if (typeof d.customerId === 'string') d.customerId = d.customerId.toLowerCase();
  if (typeof d.receiptId === 'string') d.receiptId = d.receiptId.toLowerCase();
  const postingDate = d.postingDate as string | undefined;
  if (action.name === 'bad-debt-write-off' || action.name === 'small-balance-write-off')
    await checkWriteOff(tx, ctx.tenant, {
      kind: action.name === 'bad-debt-write-off' ? 'bad-debt' : 'small-balance',
      receivableIds: d.receivableIds as string[],
      amount: d.amount as string | undefined,
      postingDate,
    });
  else if (action.name === 'credit-limit-change') {
    const limit = dec(d.creditLimit as string);
    if (limit.isNegative() || limit.decimalPlaces() > 4 || limit.gte('1e16'))
      throw invalid('/data/creditLimit', 'must be an amount from 0 with at most 4 decimals');
  } else if (action.name === 'settlement-override')
    d.amount = await checkOverride(tx, ctx.tenant, {
      receiptId: (d.receiptId as string).toLowerCase(),
      receivableIds: d.receivableIds as string[],
      amount: d.amount as string | undefined,
      adjustmentKind: d.adjustmentKind as OverrideInput['adjustmentKind'],
    });
  else if (action.name === 'debt-transfer')
    await checkDebtTransfer(tx, ctx.tenant, {
      receivableId: d.receivableId as string,
      amount: d.amount as string | undefined,
      toCustomerId: d.toCustomerId as string | undefined,
      toObjectType: d.toObjectType as string | undefined,
      postingDate,
    });
  return { data: d, subject, requester };
}

/** The form version a submission names, its bound action, and the flow it starts (which must be published). */
async function formAndAction(db: Executor, tenantId: string, ref: string) {
  if (typeof ref !== 'string') throw invalid('/form', 'must be a form key, or key@version');
  const { key, version } = parseFormRef(ref);
  const form = await publishedForm(db, tenantId, key, version);
  const action = boundAction(form.document.action)!;
  if (!action.performable)
    throw new HexiaoError(
      'not_allowed',
      `form ${key} is bound to ${action.name}, which no approval can perform yet: it takes no submissions`,
      { pointer: '/form' },
    );
  const flow = form.document.flow;
  if (flow && !(await findCurrentDefinition(db, tenantId, 'flow', flow)))
    throw new HexiaoError(
      'unexpected_state',
      `form ${key} v${form.version} starts flow ${flow}, which has no published version (archived or never published): it takes no submissions`,
      { pointer: '/form' },
    );
  return { form, action };
}

/** The uploaded attachments a submission names (the requester's own, not yet filed) and the evidence it lacks. */
async function attachmentErrors(
  tx: Executor,
  ctx: ActionCtx,
  form: FormDocument,
  p: Pick<Prepared, 'data' | 'subject' | 'requester'>,
  ids: readonly string[],
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const found = new Map((await repo.findAttachments(tx, ctx.tenant.id, [...ids])).map((a) => [a.id, a]));
  ids.forEach((id, k) => {
    const a = found.get(id);
    if (!a || a.uploadedBy !== p.requester.id)
      errors.push({
        pointer: `/attachments/${k}`,
        reason: `attachment ${id} does not exist or was uploaded by someone else`,
      });
    else if (a.requestId)
      errors.push({ pointer: `/attachments/${k}`, reason: `attachment ${id} is already filed with a request` });
  });
  const facts = { customer: p.subject.customer, subject: p.subject.subject, requester: p.requester };
  const labels = new Set([...found.values()].map((a) => a.label));
  for (const l of requiredAttachments(form, p.data, facts))
    if (!labels.has(l)) errors.push({ pointer: '/attachments', reason: `needs an attachment labelled ${l}` });
  return errors;
}

const requestNumber = (ctx: ActionCtx) =>
  `RQ-${todayIn(ctx.tenant.timeZone).replace(/-/g, '')}-${randomBytes(4).toString('hex').toUpperCase()}`;

/**
 * Files a request: a submission validated against the exact published form version it was rendered from,
 * its subject snapshotted (hash stored), its uploaded attachments linked. Refused with pointers, writing
 * nothing, when anything does not fit. The caller (the API) starts the form's flow in the same transaction.
 */
export async function submitRequest(deps: DomainDeps, ctx: ActionCtx, input: SubmitInput): Promise<SubmittedRequest> {
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    const { form, action } = await formAndAction(tx, tenantId, input.form);
    const p = await prepare(tx, ctx, form, action, input.data);
    const ids = input.attachments ?? [];
    const errors = await attachmentErrors(tx, ctx, form.document, p, ids);
    if (errors.length) throw refuse('the attachments do not fit', errors);
    const stored = { customer: p.subject.customer, subject: p.subject.subject, requester: p.requester };
    const row = await repo.insertRequest(tx, {
      tenantId,
      id: newId(),
      number: requestNumber(ctx),
      formKey: form.key,
      formVersion: form.version,
      formHash: form.contentHash,
      action: action.name,
      flowKey: form.document.flow ?? null,
      customerId: p.subject.customerId,
      data: p.data,
      subject: stored,
      subjectHash: contentHash(stored),
      requestedBy: p.requester.id,
      requestedByName: ctx.actor.name,
    });
    await repo.linkAttachments(tx, tenantId, row.id, ids);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'request.submit',
      entityType: 'request',
      entityId: row.id,
      after: {
        number: row.number,
        action: action.name,
        customerId: row.customerId,
        data: p.data,
        subjectHash: row.subjectHash,
        attachments: ids,
      },
      definitions: [{ kind: 'form', key: form.key, version: form.version, contentHash: form.contentHash }],
    });
    const attachments = await repo.listAttachments(tx, tenantId, row.id);
    return { ...requestView(row, attachments), flowData: flowDataOf(row) };
  });
}

/**
 * A requester's new revision of a returned request (flows call it on resubmit): checked like a new
 * submission against the same form version, the subject snapshotted again; the earlier revision is kept.
 */
export async function reviseRequest(
  deps: DomainDeps,
  ctx: ActionCtx,
  requestId: string,
  submitted: unknown,
): Promise<SubmittedRequest> {
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    const current = await repo.findRequest(tx, tenantId, requestId, true);
    if (!current) throw new HexiaoError('not_found', `request ${requestId} does not exist`);
    if (current.requestedBy !== requesterOf(ctx).id)
      throw new HexiaoError('not_allowed', `only the requester may revise request ${current.number}`);
    if (await repo.findRequestAction(tx, tenantId, requestId))
      throw new HexiaoError('unexpected_state', `request ${current.number} was performed; it cannot be revised`);
    const form = await publishedForm(tx, tenantId, current.formKey, current.formVersion);
    const p = await prepare(tx, ctx, form, boundAction(current.action)!, submitted);
    if (p.subject.customerId !== current.customerId)
      throw invalid('/data', 'names another customer than the request: file a new request instead');
    const stored = { customer: p.subject.customer, subject: p.subject.subject, requester: p.requester };
    const row = await repo.reviseRequest(
      tx,
      current,
      { data: p.data, subject: stored, subjectHash: contentHash(stored) },
      ctx.actor.name,
    );
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'request.revise',
      entityType: 'request',
      entityId: row.id,
      before: { revision: current.revision, data: current.data, subjectHash: current.subjectHash },
      after: { revision: row.revision, data: row.data, subjectHash: row.subjectHash },
      definitions: [{ kind: 'form', key: form.key, version: form.version, contentHash: form.contentHash }],
    });
    return { ...requestView(row, await repo.listAttachments(tx, tenantId, row.id)), flowData: flowDataOf(row) };
  });
}

export interface RequestCheck {
  valid: boolean;
  errors: FieldError[];
  states: FieldStates;
  requiredAttachments: string[];
}

/**
 * Checks a submission as `submitRequest` would, writing nothing: the errors it would be refused with, and
 * the fields the form's conditions hide and require for these values (what a client shows while filling).
 */
export async function checkRequest(deps: DomainDeps, ctx: ActionCtx, input: SubmitInput): Promise<RequestCheck> {
  return deps.db.transaction(async (tx) => {
    const { form, action } = await formAndAction(tx, ctx.tenant.id, input.form);
    const subject = await loadSubject(tx, ctx, action.subject, input.data);
    const facts = { customer: subject.customer, subject: subject.subject, requester: requesterOf(ctx) };
    const data = typeof input.data === 'object' && input.data !== null ? (input.data as Record<string, unknown>) : {};
    let errors: FieldError[] = [];
    try {
      const p = await prepare(tx, ctx, form, action, input.data);
      errors = await attachmentErrors(tx, ctx, form.document, p, input.attachments ?? []);
    } catch (e) {
      if (!(e instanceof HexiaoError) || e.type !== 'invalid_data') throw e;
      errors = e.errors;
    }
    return {
      valid: errors.length === 0,
      errors,
      states: fieldStates(form.document, data, facts),
      requiredAttachments: requiredAttachments(form.document, data, facts),
    };
  });
}
