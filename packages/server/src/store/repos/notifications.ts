import { and, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { notifications } from '../schema/index.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationInsert = typeof notifications.$inferInsert;

/** In batches: one statement binds at most 65,535 values (a sweep over a large book notifies far more rows). */
export async function insertNotifications(tx: Executor, rows: NotificationInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(notifications).values(rows.slice(i, i + 2000));
}

export interface NotificationFilter {
  recipient: string;
  unread?: boolean;
  source?: string;
  /** Keyset paging: notifications created before this instant. */
  before?: string;
  limit: number;
}

export async function listNotifications(db: Executor, tenantId: string, f: NotificationFilter) {
  const conds = [eq(notifications.tenantId, tenantId), eq(notifications.recipient, f.recipient)];
  if (f.unread) conds.push(isNull(notifications.readAt));
  if (f.source) conds.push(eq(notifications.source, f.source));
  if (f.before) conds.push(lt(notifications.createdAt, f.before));
  return db
    .select()
    .from(notifications)
    .where(and(...conds))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(f.limit);
}

export async function countUnread(db: Executor, tenantId: string, recipient: string): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(notifications)
    .where(
      and(eq(notifications.tenantId, tenantId), eq(notifications.recipient, recipient), isNull(notifications.readAt)),
    );
  return Number(r?.n ?? 0);
}

/** Marks the recipient's unread notifications read (all of them when ids is omitted); returns how many. */
export async function markRead(db: Executor, tenantId: string, recipient: string, ids?: string[]): Promise<number> {
  const conds = [
    eq(notifications.tenantId, tenantId),
    eq(notifications.recipient, recipient),
    isNull(notifications.readAt),
  ];
  if (ids) {
    if (!ids.length) return 0;
    conds.push(inArray(notifications.id, ids));
  }
  const r = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(...conds))
    .returning({ id: notifications.id });
  return r.length;
}

/** The outbox: notifications not yet dispatched further, oldest first, locked for one dispatcher. */
/** Not dispatched yet, and held by no deliverer at `now`. */
const waiting = (tenantId: string, now: string) =>
  and(
    eq(notifications.tenantId, tenantId),
    isNull(notifications.dispatchedAt),
    or(isNull(notifications.dispatchLeaseUntil), sql`${notifications.dispatchLeaseUntil} <= ${now}::timestamptz`),
  );

/**
 * Up to `limit` undispatched notifications no other deliverer holds, leased to the caller until `leaseUntil`
 * (oldest first): the caller sends them after this transaction commits, then marks or releases them.
 */
export async function claimUndispatched(
  tx: Executor,
  tenantId: string,
  o: { limit: number; now: string; leaseUntil: string },
): Promise<NotificationRow[]> {
  const rows = await tx
    .select()
    .from(notifications)
    .where(waiting(tenantId, o.now))
    .orderBy(notifications.createdAt, notifications.id)
    .limit(o.limit)
    .for('update', { skipLocked: true });
  if (rows.length)
    await tx
      .update(notifications)
      .set({ dispatchLeaseUntil: o.leaseUntil })
      .where(
        and(
          eq(notifications.tenantId, tenantId),
          inArray(
            notifications.id,
            rows.map((r) => r.id),
          ),
        ),
      );
  return rows;
}

/** Whether the tenant has a notification to send that no deliverer holds. */
export async function hasUndispatched(tx: Executor, tenantId: string, now: string): Promise<boolean> {
  const [n] = await tx.select({ id: notifications.id }).from(notifications).where(waiting(tenantId, now)).limit(1);
  return !!n;
}

export async function markDispatched(tx: Executor, tenantId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx
    .update(notifications)
    .set({ dispatchedAt: sql`now()`, dispatchLeaseUntil: null })
    .where(
      and(eq(notifications.tenantId, tenantId), inArray(notifications.id, ids), isNull(notifications.dispatchedAt)),
    );
}

/** Gives leased notifications back to the outbox at once (their sending failed; the next run tries again). */
export async function releaseDispatch(tx: Executor, tenantId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx
    .update(notifications)
    .set({ dispatchLeaseUntil: null })
    .where(
      and(eq(notifications.tenantId, tenantId), inArray(notifications.id, ids), isNull(notifications.dispatchedAt)),
    );
}

/** Which (kind, entity) pairs a source has already notified anyone about, as `kind|entityId`. */
export async function notifiedAlready(
  db: Executor,
  tenantId: string,
  source: string,
  entityIds: string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < entityIds.length; i += 5000) {
    const rows = await db
      .selectDistinct({ kind: notifications.kind, entityId: notifications.entityId })
      .from(notifications)
      .where(
        and(
          eq(notifications.tenantId, tenantId),
          eq(notifications.source, source),
          inArray(notifications.entityId, entityIds.slice(i, i + 5000)),
        ),
      );
    for (const r of rows) out.add(`${r.kind}|${r.entityId}`);
  }
  return out;
}
