import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../schema/index.ts';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type EndpointInsert = typeof webhookEndpoints.$inferInsert;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type DeliveryInsert = typeof webhookDeliveries.$inferInsert;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

export async function insertEndpoint(tx: Executor, row: EndpointInsert): Promise<EndpointRow> {
  const [r] = await tx.insert(webhookEndpoints).values(row).returning();
  return r!;
}

export async function listEndpoints(db: Executor, tenantId: string, f: { id?: string; active?: boolean } = {}) {
  const conds = [eq(webhookEndpoints.tenantId, tenantId)];
  if (f.id) conds.push(eq(webhookEndpoints.id, f.id));
  if (f.active) conds.push(eq(webhookEndpoints.status, 'active'));
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(...conds))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

/** Disables an active endpoint; undefined when it is not active (disabled already, or not there). */
export async function disableEndpoint(tx: Executor, tenantId: string, id: string): Promise<EndpointRow | undefined> {
  const [r] = await tx
    .update(webhookEndpoints)
    .set({ status: 'disabled', disabledAt: sql`now()` })
    .where(
      and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id), eq(webhookEndpoints.status, 'active')),
    )
    .returning();
  return r;
}

/** Queues deliveries; one for the same (endpoint, event) stays as it is. */
export async function insertDeliveries(tx: Executor, rows: DeliveryInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insert(webhookDeliveries)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing({
        target: [webhookDeliveries.tenantId, webhookDeliveries.endpointId, webhookDeliveries.eventId],
      });
}

const dueBy = (tenantId: string, now: string) =>
  and(
    eq(webhookDeliveries.tenantId, tenantId),
    eq(webhookDeliveries.status, 'pending'),
    sql`${webhookDeliveries.nextAttemptAt} <= ${now}::timestamptz`,
  );

/** Whether any delivery of the tenant is due by `now` (one indexed probe: the outbox skips a tenant without). */
export async function hasDueDelivery(tx: Executor, tenantId: string, now: string): Promise<boolean> {
  const [d] = await tx
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(dueBy(tenantId, now))
    .limit(1);
  return !!d;
}

/**
 * The next pending delivery due by `now` with its endpoint, leased to the caller: it is not due again before
 * `leaseUntil`, so a concurrent deliverer skips it while the caller sends it outside this transaction.
 */
export async function claimDueDelivery(
  tx: Executor,
  tenantId: string,
  now: string,
  leaseUntil: string,
): Promise<{ delivery: DeliveryRow; endpoint: EndpointRow } | undefined> {
  const [d] = await tx
    .select()
    .from(webhookDeliveries)
    .where(dueBy(tenantId, now))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(1)
    .for('update', { skipLocked: true });
  if (!d) return undefined;
  await tx
    .update(webhookDeliveries)
    .set({ nextAttemptAt: leaseUntil })
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, d.id)));
  const [endpoint] = await listEndpoints(tx, tenantId, { id: d.endpointId });
  return { delivery: d, endpoint: endpoint! };
}

/**
 * Records an attempt and the delivery's new state, provided the delivery still has the attempt count its
 * claimer saw (false when another deliverer recorded one after the lease ran out: this one is then dropped).
 */
export async function recordAttempt(
  tx: Executor,
  row: typeof webhookAttempts.$inferInsert,
  update: Partial<Pick<DeliveryRow, 'status' | 'nextAttemptAt' | 'lastStatus' | 'lastError' | 'deliveredAt'>>,
  attemptsSeen: number,
): Promise<boolean> {
  const updated = await tx
    .update(webhookDeliveries)
    .set({ ...update, attempts: row.attempt })
    .where(
      and(
        eq(webhookDeliveries.tenantId, row.tenantId),
        eq(webhookDeliveries.id, row.deliveryId),
        eq(webhookDeliveries.attempts, attemptsSeen),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  if (!updated.length) return false;
  await tx.insert(webhookAttempts).values(row);
  return true;
}

/** An endpoint's deliveries, newest first, each with its attempts in order. */
export async function listDeliveries(
  db: Executor,
  tenantId: string,
  f: { endpointId: string; status?: string; limit: number },
): Promise<{ delivery: DeliveryRow; attempts: AttemptRow[] }[]> {
  const conds = [eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.endpointId, f.endpointId)];
  if (f.status) conds.push(eq(webhookDeliveries.status, f.status as 'pending'));
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(...conds))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(f.limit);
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          and(
            eq(webhookAttempts.tenantId, tenantId),
            inArray(
              webhookAttempts.deliveryId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(webhookAttempts.attempt))
    : [];
  return rows.map((delivery) => ({ delivery, attempts: attempts.filter((a) => a.deliveryId === delivery.id) }));
}
