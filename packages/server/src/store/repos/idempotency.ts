import { and, eq, sql } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';
import { idempotencyKeys } from '../schema/index.ts';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/**
 * Tries the transaction-scoped advisory lock of (tenant, route, key): false while another transaction
 * holds it, i.e. the same request is still in flight.
 */
export async function tryLockIdempotencyKey(
  tx: Executor,
  tenantId: string,
  route: string,
  key: string,
): Promise<boolean> {
  const [r] = await rows<{ ok: boolean }>(
    tx,
    sql`SELECT pg_try_advisory_xact_lock(hashtext(${`${tenantId}|${route}`}), hashtext(${key})) AS ok`,
  );
  return r!.ok === true || (r!.ok as unknown) === 't';
}

export async function findIdempotencyKey(
  tx: Executor,
  tenantId: string,
  route: string,
  key: string,
): Promise<IdempotencyRow | undefined> {
  const [r] = await tx
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.tenantId, tenantId),
        eq(idempotencyKeys.route, route),
        eq(idempotencyKeys.key, key),
        sql`${idempotencyKeys.expiresAt} > now()`,
      ),
    );
  return r;
}

/** Stores the key with its response; an expired row of the same key is replaced. */
export async function saveIdempotencyKey(
  tx: Executor,
  row: {
    tenantId: string;
    route: string;
    key: string;
    requestHash: string;
    responseStatus: number;
    responseBody: unknown;
    ttlHours: number;
  },
): Promise<void> {
  await tx
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.tenantId, row.tenantId),
        eq(idempotencyKeys.route, row.route),
        eq(idempotencyKeys.key, row.key),
        sql`${idempotencyKeys.expiresAt} <= now()`,
      ),
    );
  await tx.insert(idempotencyKeys).values({
    tenantId: row.tenantId,
    route: row.route,
    key: row.key,
    requestHash: row.requestHash,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    expiresAt: sql`now() + make_interval(hours => ${Math.max(24, row.ttlHours)})` as unknown as string,
  });
}

/** Removes a tenant's keys past their expiry (the housekeeping job); returns how many. */
export async function purgeExpiredIdempotencyKeys(db: Executor, tenantId: string): Promise<number> {
  const r = await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tenantId, tenantId), sql`${idempotencyKeys.expiresAt} <= now()`))
    .returning({ key: idempotencyKeys.key });
  return r.length;
}
