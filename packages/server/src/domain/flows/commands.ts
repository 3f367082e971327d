import * as repo from '../../store/repos/flows.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { enforce, writeOffApprovalRefusal } from '../identity/index.ts';
import { newId } from '../ids.ts';
import * as requests from '../requests/index.ts';
import { notify } from '../notifications/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { FlowCommand } from './reducer.ts';
import { apply, evidenceOf, lockInstance, nowOf, type Applied, type FlowDeps, type Locked } from './runtime.ts';
import { requireInstanceAccess } from './access.ts';
import { loadDirectory } from './people.ts';
import { instanceView, taskView, type InstanceView, type TaskView } from './views.ts';

export type TaskAction =
  | { type: 'approve' | 'reject'; comment?: string }
  | { type: 'return'; to: string; comment?: string }
  | { type: 'delegate'; to: string; comment?: string }
  | { type: 'add-signer'; user: string; comment?: string };

export interface Decided {
  task: TaskView;
  approval: InstanceView;
  /** What the onApproved action posted, when this decision completed the approval. */
  performed: requests.BoundActionResult | null;
}

/** Decisions are made by users (a token acts for its user); a system actor holds no task. */
export function userOf(ctx: ActionCtx): string {
  if (!ctx.actor.userId)
    throw new HexiaoError('not_allowed', 'approval tasks are decided by users; this actor is not one');
  return ctx.actor.userId;
}

const view = (l: Locked, a: Applied, now: string) =>
  instanceView(a.row, l.flow, a.result.state, l.request, a.directory, now);

/**
 * Acts on a task: approve, reject, return, delegate it, or add a signer to its step. Under the instance lock,
 * so of two simultaneous clicks one decides and the other is told (409) which decision won. Only the task's
 * holder may act, and the requester never approves their own request (the segregation policy).
 */
export async function actOnTask(deps: FlowDeps, ctx: ActionCtx, taskId: string, action: TaskAction): Promise<Decided> {
  const user = userOf(ctx);
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    const found = await repo.findTask(tx, tenantId, taskId);
    if (!found) throw new HexiaoError('not_found', `task ${taskId} does not exist`);
    const l = await lockInstance(tx, tenantId, found.instanceId);
    if (action.type === 'approve') enforce(writeOffApprovalRefusal({ requestedBy: l.state.requester, approver: user }));
    const base = { taskId, by: user, comment: action.comment };
    const cmd = await commandOf(tx, tenantId, l, user, taskId, action);
    const a = await apply(tx, deps, ctx, l, cmd, { action: `flow.${action.type}` });
    const now = nowOf(deps);
    const task = a.result.state.tasks.find((t) => t.id === taskId)!;
    return {
      task: taskView(l.flow.document, task, a.directory, now),
      approval: view(l, a, now),
      performed: a.performed,
    };
  });
}

async function commandOf(
  tx: Executor,
  tenantId: string,
  l: Locked,
  by: string,
  taskId: string,
  action: TaskAction,
): Promise<FlowCommand> {
  const comment = action.comment;
  switch (action.type) {
    case 'approve':
      return { type: 'approve', taskId, by, comment, evidence: await evidenceOf(tx, tenantId, l.request.id) };
    case 'reject':
      return { type: 'reject', taskId, by, comment };
    case 'return':
      return { type: 'return', taskId, by, comment, to: action.to };
    case 'delegate':
      return { type: 'delegate', taskId, by, comment, to: action.to };
    case 'add-signer':
      return { type: 'add-signer', taskId, by, comment, user: action.user };
  }
}

async function onInstance(
  deps: FlowDeps,
  ctx: ActionCtx,
  instanceId: string,
  work: (tx: Executor, l: Locked) => Promise<FlowCommand>,
  action: string,
): Promise<InstanceView> {
  return deps.db.transaction(async (tx) => {
    const l = await lockInstance(tx, ctx.tenant.id, instanceId);
    await requireInstanceAccess(tx, ctx, l.row, l.request);
    const cmd = await work(tx, l);
    const a = await apply(tx, deps, ctx, l, cmd, { action });
    return view(l, a, nowOf(deps));
  });
}

/** The requester takes the request back before anyone decided (or while it is back with them). */
export function withdrawRequest(deps: FlowDeps, ctx: ActionCtx, instanceId: string, body: { comment?: string } = {}) {
  const by = requests.requesterOf(ctx).id;
  return onInstance(
    deps,
    ctx,
    instanceId,
    async () => ({ type: 'withdraw', by, comment: body.comment }),
    'flow.withdraw',
  );
}

/**
 * The requester sends a returned request again, from the first step, in a new round (earlier decisions kept
 * in history). With `data`, the request is revised first: checked like a new submission against the same
 * form version, its subject snapshotted again, and the guards read the new snapshot.
 */
export function resubmitRequest(
  deps: FlowDeps,
  ctx: ActionCtx,
  instanceId: string,
  body: { data?: unknown; comment?: string } = {},
) {
  const by = requests.requesterOf(ctx).id;
  return onInstance(
    deps,
    ctx,
    instanceId,
    async (tx, l) => {
      if (by !== l.state.requester) throw new HexiaoError('not_allowed', 'only the requester can resubmit a request');
      if (l.state.status !== 'returned')
        throw new HexiaoError(
          'unexpected_state',
          `only a request returned to its requester can be resubmitted (it is ${l.state.status})`,
        );
      if (body.data === undefined) return { type: 'resubmit', by, comment: body.comment };
      const revised = await requests.reviseRequest({ db: tx, auditKey: deps.auditKey }, ctx, l.request.id, body.data);
      return { type: 'resubmit', by, comment: body.comment, data: revised.flowData };
    },
    'flow.resubmit',
  );
}

/**
 * A comment on an approval, by its requester or anyone who can see it, optionally on one of its tasks; the
 * requester and the holders of open tasks are told (not the author).
 */
export async function addComment(
  deps: FlowDeps,
  ctx: ActionCtx,
  instanceId: string,
  body: { body: string; taskId?: string },
): Promise<InstanceView> {
  const author = requests.requesterOf(ctx).id;
  const text = typeof body.body === 'string' ? body.body.trim() : '';
  if (!text) throw invalid('/body', 'is required: the comment');
  if (text.length > 4000) throw invalid('/body', 'is longer than 4000 characters');
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    const l = await lockInstance(tx, tenantId, instanceId);
    await requireInstanceAccess(tx, ctx, l.row, l.request);
    if (body.taskId !== undefined && !l.state.tasks.some((t) => t.id === body.taskId))
      throw invalid('/taskId', `task ${body.taskId} is not a task of this approval`);
    const c = await repo.insertComment(tx, {
      tenantId,
      id: newId(),
      instanceId,
      taskId: body.taskId ?? null,
      round: l.state.round,
      author,
      authorName: ctx.actor.name,
      body: text,
    });
    const to = new Set([l.state.requester, ...l.state.tasks.filter((t) => t.status === 'open').map((t) => t.assignee)]);
    to.delete(author);
    await notify(
      tx,
      tenantId,
      [...to].map((recipient) => ({
        recipient,
        source: 'flows',
        kind: 'comment',
        title: `${ctx.actor.name} commented on ${l.request.number}: ${text.slice(0, 120)}`,
        titleZh: `${ctx.actor.name} 评论了 ${l.request.number}：${text.slice(0, 120)}`,
        entityType: 'request',
        entityId: l.request.id,
        payload: { requestId: l.request.id, requestNumber: l.request.number, instanceId, commentId: c.id },
      })),
    );
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'flow.comment',
      entityType: 'flow-instance',
      entityId: instanceId,
      after: { commentId: c.id, taskId: c.taskId, round: c.round, body: text },
      definitions: [{ kind: 'flow', key: l.flow.key, version: l.flow.version, contentHash: l.flow.contentHash }],
    });
    const [events, comments] = await Promise.all([
      repo.listEvents(tx, tenantId, instanceId),
      repo.listComments(tx, tenantId, instanceId),
    ]);
    const now = nowOf(deps);
    const directory = await loadDirectory(tx, tenantId, now.slice(0, 10));
    return instanceView(l.row, l.flow, l.state, l.request, directory, now, { events, comments });
  });
}
