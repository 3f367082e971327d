import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import {
  customers,
  flowComments,
  flowDelegations,
  flowDue,
  flowEvents,
  flowInstances,
  flowTasks,
  requests,
} from '../schema/index.ts';

export type FlowInstanceRow = typeof flowInstances.$inferSelect;
export type FlowInstanceInsert = typeof flowInstances.$inferInsert;
export type FlowTaskRow = typeof flowTasks.$inferSelect;
export type FlowTaskInsert = typeof flowTasks.$inferInsert;
export type FlowEventRow = typeof flowEvents.$inferSelect;
export type FlowEventInsert = typeof flowEvents.$inferInsert;
export type FlowCommentRow = typeof flowComments.$inferSelect;
export type FlowDueRow = typeof flowDue.$inferSelect;
export type FlowDelegationRow = typeof flowDelegations.$inferSelect;

export async function insertInstance(tx: Executor, row: FlowInstanceInsert): Promise<FlowInstanceRow> {
  const [r] = await tx.insert(flowInstances).values(row).returning();
  return r!;
}

/** The instance row, locked for the rest of the transaction when `forUpdate` (every command takes it first). */
export async function findInstance(
  db: Executor,
  tenantId: string,
  id: string,
  forUpdate = false,
): Promise<FlowInstanceRow | undefined> {
  const q = db
    .select()
    .from(flowInstances)
    .where(and(eq(flowInstances.tenantId, tenantId), eq(flowInstances.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r;
}

export async function findInstanceByRequest(
  db: Executor,
  tenantId: string,
  requestId: string,
): Promise<FlowInstanceRow | undefined> {
  const [r] = await db
    .select()
    .from(flowInstances)
    .where(and(eq(flowInstances.tenantId, tenantId), eq(flowInstances.requestId, requestId)));
  return r;
}

export async function listInstances(
  db: Executor,
  tenantId: string,
  f: { flowKey?: string; status?: string[]; limit: number },
): Promise<FlowInstanceRow[]> {
  const conds = [eq(flowInstances.tenantId, tenantId)];
  if (f.flowKey) conds.push(eq(flowInstances.flowKey, f.flowKey));
  if (f.status?.length) conds.push(inArray(flowInstances.status, f.status));
  return db
    .select()
    .from(flowInstances)
    .where(and(...conds))
    .orderBy(desc(flowInstances.createdAt))
    .limit(f.limit);
}

/** Saves a command's result; 0 rows when another command changed the instance since `version` was read. */
export async function updateInstance(
  tx: Executor,
  tenantId: string,
  id: string,
  version: number,
  patch: Partial<
    Pick<
      FlowInstanceRow,
      'status' | 'round' | 'data' | 'dataHash' | 'state' | 'eventCount' | 'endedAt' | 'flowVersion' | 'flowHash'
    >
  >,
): Promise<number> {
  const r = await tx
    .update(flowInstances)
    .set({ ...patch, version: version + 1, updatedAt: sql`now()` })
    .where(and(eq(flowInstances.tenantId, tenantId), eq(flowInstances.id, id), eq(flowInstances.version, version)))
    .returning({ id: flowInstances.id });
  return r.length;
}

export async function listTasks(db: Executor, tenantId: string, instanceId: string): Promise<FlowTaskRow[]> {
  return db
    .select()
    .from(flowTasks)
    .where(and(eq(flowTasks.tenantId, tenantId), eq(flowTasks.instanceId, instanceId)))
    .orderBy(asc(flowTasks.createdAt), asc(flowTasks.id));
}

export async function findTask(db: Executor, tenantId: string, id: string): Promise<FlowTaskRow | undefined> {
  const [r] = await db
    .select()
    .from(flowTasks)
    .where(and(eq(flowTasks.tenantId, tenantId), eq(flowTasks.id, id)));
  return r;
}

export async function insertTasks(tx: Executor, rows: FlowTaskInsert[]): Promise<void> {
  if (rows.length) await tx.insert(flowTasks).values(rows);
}

/** Changes a task that is still open; 0 rows when it is not (it was decided or closed meanwhile). */
export async function updateOpenTask(
  tx: Executor,
  tenantId: string,
  id: string,
  patch: Partial<
    Pick<
      FlowTaskRow,
      'status' | 'decidedAt' | 'comment' | 'closedBy' | 'reminded' | 'escalated' | 'returnedTo' | 'step'
    >
  >,
): Promise<number> {
  const r = await tx
    .update(flowTasks)
    .set(patch)
    .where(and(eq(flowTasks.tenantId, tenantId), eq(flowTasks.id, id), eq(flowTasks.status, 'open')))
    .returning({ id: flowTasks.id });
  return r.length;
}

export async function insertEvents(tx: Executor, rows: FlowEventInsert[]): Promise<void> {
  if (rows.length) await tx.insert(flowEvents).values(rows);
}

export async function listEvents(db: Executor, tenantId: string, instanceId: string): Promise<FlowEventRow[]> {
  return db
    .select()
    .from(flowEvents)
    .where(and(eq(flowEvents.tenantId, tenantId), eq(flowEvents.instanceId, instanceId)))
    .orderBy(asc(flowEvents.seq));
}

export async function insertComment(tx: Executor, row: typeof flowComments.$inferInsert): Promise<FlowCommentRow> {
  const [r] = await tx.insert(flowComments).values(row).returning();
  return r!;
}

export async function listComments(db: Executor, tenantId: string, instanceId: string): Promise<FlowCommentRow[]> {
  return db
    .select()
    .from(flowComments)
    .where(and(eq(flowComments.tenantId, tenantId), eq(flowComments.instanceId, instanceId)))
    .orderBy(asc(flowComments.createdAt), asc(flowComments.id));
}

export async function insertDue(tx: Executor, rows: (typeof flowDue.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(flowDue).values(rows);
}

/** Timers due by `now` and not fired yet, oldest first. */
export async function listDueNow(db: Executor, tenantId: string, now: string, limit: number): Promise<FlowDueRow[]> {
  return db
    .select()
    .from(flowDue)
    .where(and(eq(flowDue.tenantId, tenantId), isNull(flowDue.firedAt), lte(flowDue.dueAt, now)))
    .orderBy(asc(flowDue.dueAt), asc(flowDue.taskId))
    .limit(limit);
}

/** One timer, locked, while it has not fired; undefined when it fired or another sweep holds it. */
export async function lockDue(
  tx: Executor,
  tenantId: string,
  taskId: string,
  level: string,
): Promise<FlowDueRow | undefined> {
  const [r] = await tx
    .select()
    .from(flowDue)
    .where(
      and(
        eq(flowDue.tenantId, tenantId),
        eq(flowDue.taskId, taskId),
        eq(flowDue.level, level),
        isNull(flowDue.firedAt),
      ),
    )
    .for('update', { skipLocked: true });
  return r;
}

export async function markDueFired(tx: Executor, tenantId: string, taskId: string, level: string): Promise<void> {
  await tx
    .update(flowDue)
    .set({ firedAt: sql`now()` })
    .where(
      and(
        eq(flowDue.tenantId, tenantId),
        eq(flowDue.taskId, taskId),
        eq(flowDue.level, level),
        isNull(flowDue.firedAt),
      ),
    );
}

export async function listDue(db: Executor, tenantId: string, instanceId: string): Promise<FlowDueRow[]> {
  return db
    .select()
    .from(flowDue)
    .where(and(eq(flowDue.tenantId, tenantId), eq(flowDue.instanceId, instanceId)))
    .orderBy(asc(flowDue.dueAt));
}

export async function insertDelegation(
  tx: Executor,
  row: typeof flowDelegations.$inferInsert,
): Promise<FlowDelegationRow> {
  const [r] = await tx.insert(flowDelegations).values(row).returning();
  return r!;
}

/** Delegations not revoked and not ended before `from` (a date), optionally those of or to one user. */
export async function listDelegations(
  db: Executor,
  tenantId: string,
  f: { from?: string; user?: string } = {},
): Promise<FlowDelegationRow[]> {
  const conds: SQL[] = [eq(flowDelegations.tenantId, tenantId), isNull(flowDelegations.revokedAt)];
  if (f.from) conds.push(gte(flowDelegations.ends, f.from));
  if (f.user) conds.push(or(eq(flowDelegations.fromUser, f.user), eq(flowDelegations.toUser, f.user))!);
  return db
    .select()
    .from(flowDelegations)
    .where(and(...conds))
    .orderBy(asc(flowDelegations.starts), asc(flowDelegations.id));
}

export async function findDelegation(db: Executor, tenantId: string, id: string, forUpdate = false) {
  const q = db
    .select()
    .from(flowDelegations)
    .where(and(eq(flowDelegations.tenantId, tenantId), eq(flowDelegations.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r;
}

export async function revokeDelegation(tx: Executor, tenantId: string, id: string, by: string): Promise<void> {
  await tx
    .update(flowDelegations)
    .set({ revokedAt: sql`now()`, revokedBy: by })
    .where(and(eq(flowDelegations.tenantId, tenantId), eq(flowDelegations.id, id), isNull(flowDelegations.revokedAt)));
}

export interface InboxFilter {
  assignee: string;
  /** open (default), done (decided or closed) or all. */
  status: 'open' | 'done' | 'all';
  flowKey?: string;
  step?: string;
  customerId?: string;
  overdueOnly?: boolean;
  now: string;
  limit: number;
  offset: number;
}

/** A user's tasks with their request and customer: overdue first, then by due time, then oldest. */
export async function listInbox(db: Executor, tenantId: string, f: InboxFilter) {
  const conds: SQL[] = [eq(flowTasks.tenantId, tenantId), eq(flowTasks.assignee, f.assignee)];
  if (f.status === 'open') conds.push(eq(flowTasks.status, 'open'));
  if (f.status === 'done') conds.push(sql`${flowTasks.status} <> 'open'`);
  if (f.flowKey) conds.push(eq(flowInstances.flowKey, f.flowKey));
  if (f.step) conds.push(eq(flowTasks.step, f.step));
  if (f.customerId) conds.push(eq(requests.customerId, f.customerId));
  if (f.overdueOnly) conds.push(eq(flowTasks.status, 'open'), sql`${flowTasks.dueAt} < ${f.now}`);
  const overdue = sql<boolean>`(${flowTasks.status} = 'open' AND ${flowTasks.dueAt} IS NOT NULL AND ${flowTasks.dueAt} < ${f.now})`;
  return db
    .select({
      task: flowTasks,
      overdue,
      instance: {
        id: flowInstances.id,
        status: flowInstances.status,
        flowKey: flowInstances.flowKey,
        flowVersion: flowInstances.flowVersion,
        round: flowInstances.round,
      },
      request: {
        id: requests.id,
        number: requests.number,
        action: requests.action,
        customerId: requests.customerId,
        data: requests.data,
        subject: requests.subject,
        requestedBy: requests.requestedBy,
        requestedByName: requests.requestedByName,
        createdAt: requests.createdAt,
      },
      customerName: customers.name,
    })
    .from(flowTasks)
    .innerJoin(
      flowInstances,
      and(eq(flowInstances.tenantId, flowTasks.tenantId), eq(flowInstances.id, flowTasks.instanceId)),
    )
    .innerJoin(requests, and(eq(requests.tenantId, flowInstances.tenantId), eq(requests.id, flowInstances.requestId)))
    .leftJoin(customers, and(eq(customers.tenantId, requests.tenantId), eq(customers.id, requests.customerId)))
    .where(and(...conds))
    .orderBy(
      desc(overdue),
      f.status === 'open' ? sql`${flowTasks.dueAt} ASC NULLS LAST` : sql`${flowTasks.decidedAt} DESC NULLS FIRST`,
      asc(flowTasks.createdAt),
      asc(flowTasks.id),
    )
    .limit(f.limit)
    .offset(f.offset);
}

/** Whether a user holds or held any task of an instance (who may read it besides its requester). */
export async function heldTask(db: Executor, tenantId: string, instanceId: string, user: string): Promise<boolean> {
  const [r] = await db
    .select({ id: flowTasks.id })
    .from(flowTasks)
    .where(
      and(
        eq(flowTasks.tenantId, tenantId),
        eq(flowTasks.instanceId, instanceId),
        or(eq(flowTasks.assignee, user), eq(flowTasks.onBehalfOf, user)),
      ),
    )
    .limit(1);
  return !!r;
}
