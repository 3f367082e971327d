import * as repo from '../../store/repos/flows.ts';
import { findRequest } from '../../store/repos/requests.ts';
import type { ActionCtx } from '../context.ts';
import type { DefinitionVersion } from '../definitions/index.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import * as requests from '../requests/index.ts';
import { requireInstanceAccess } from './access.ts';
import type { FlowDocument } from './flow-schema.ts';
import { loadDirectory } from './people.ts';
import { stateOf, taskOf } from './persist.ts';
import { pinnedFlow } from './runtime.ts';
import { instanceView, personOf, taskView, type InstanceView, type Person, type TaskView } from './views.ts';

/** One approval with its tasks, full history (guards' explain traces included) and comments. */
export async function getInstance(db: Executor, ctx: ActionCtx, id: string, now: string): Promise<InstanceView> {
  const tenantId = ctx.tenant.id;
  const row = await repo.findInstance(db, tenantId, id);
  if (!row) throw new HexiaoError('not_found', `approval ${id} does not exist`);
  const request = (await findRequest(db, tenantId, row.requestId))!;
  await requireInstanceAccess(db, ctx, row, request);
  const [flow, tasks, events, comments, directory] = await Promise.all([
    pinnedFlow(db, tenantId, row.flowKey, row.flowVersion),
    repo.listTasks(db, tenantId, id),
    repo.listEvents(db, tenantId, id),
    repo.listComments(db, tenantId, id),
    loadDirectory(db, tenantId, now.slice(0, 10)),
  ]);
  return instanceView(row, flow, stateOf(row, tasks), request, directory, now, { events, comments });
}

/** The approval of a request (404 when the request has none or is not visible). */
export async function getRequestApproval(
  db: Executor,
  ctx: ActionCtx,
  requestId: string,
  now: string,
): Promise<InstanceView> {
  const row = await repo.findInstanceByRequest(db, ctx.tenant.id, requestId);
  if (!row) throw new HexiaoError('not_found', `request ${requestId} has no approval`);
  return getInstance(db, ctx, row.id, now);
}

export interface InboxQuery {
  status?: 'open' | 'done' | 'all';
  flow?: string;
  step?: string;
  customerId?: string;
  overdue?: boolean;
  limit: number;
  offset?: number;
}

export interface InboxItem {
  task: TaskView;
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

/** The actor's tasks: open ones (default) overdue first, then by due time; or decided/closed ones, newest first. */
export async function listInbox(
  db: Executor,
  ctx: ActionCtx,
  q: InboxQuery,
  now: string,
): Promise<{ items: InboxItem[] }> {
  const tenantId = ctx.tenant.id;
  const me = requests.requesterOf(ctx).id;
  const rows = await repo.listInbox(db, tenantId, {
    assignee: me,
    status: q.status ?? 'open',
    flowKey: q.flow,
    step: q.step,
    customerId: q.customerId,
    overdueOnly: q.overdue,
    now,
    limit: q.limit,
    offset: q.offset ?? 0,
  });
  const flows = new Map<string, Promise<DefinitionVersion<FlowDocument>>>();
  const flowOf = (key: string, version: number) => {
    const k = `${key}@${version}`;
    if (!flows.has(k)) flows.set(k, pinnedFlow(db, tenantId, key, version));
    return flows.get(k)!;
  };
  const directory = rows.length ? await loadDirectory(db, tenantId, now.slice(0, 10)) : null;
  const items: InboxItem[] = [];
  for (const r of rows) {
    const flow = await flowOf(r.instance.flowKey, r.instance.flowVersion);
    const data = r.request.data as Record<string, unknown>;
    const subject = (r.request.subject as { subject?: { currency?: string | null } }).subject;
    items.push({
      task: taskView(flow.document, taskOf(r.task), directory, now),
      approval: {
        id: r.instance.id,
        status: r.instance.status,
        flow: { key: r.instance.flowKey, version: r.instance.flowVersion },
        round: r.instance.round,
      },
      request: {
        id: r.request.id,
        number: r.request.number,
        action: r.request.action,
        customer: r.request.customerId ? { id: r.request.customerId, name: r.customerName } : null,
        amount: typeof data.amount === 'string' ? data.amount : null,
        currency: subject?.currency ?? null,
        requestedBy: directory?.users.some((u) => u.id === r.request.requestedBy)
          ? personOf(directory, r.request.requestedBy)!
          : { id: r.request.requestedBy, name: r.request.requestedByName, email: null },
        createdAt: new Date(r.request.createdAt).toISOString(),
      },
    });
  }
  return { items };
}
