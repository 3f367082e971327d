import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { disputeResolutions, disputes, openItems, paymentPromises, promiseOutcomes } from '../schema/index.ts';
import { inCustomerScope, type RowScope } from './customers.ts';

export type PromiseInsert = typeof paymentPromises.$inferInsert;
export type PromiseOutcomeInsert = typeof promiseOutcomes.$inferInsert;
export type DisputeInsert = typeof disputes.$inferInsert;
export type DisputeResolutionInsert = typeof disputeResolutions.$inferInsert;

export interface PromiseRow {
  promise: typeof paymentPromises.$inferSelect;
  outcome: typeof promiseOutcomes.$inferSelect | null;
  /** The item's open amount now (null when it has no open item). */
  openNow: string | null;
}

export interface DisputeRow {
  dispute: typeof disputes.$inferSelect;
  resolution: typeof disputeResolutions.$inferSelect | null;
}

export async function insertPromise(tx: Executor, row: PromiseInsert): Promise<void> {
  await tx.insert(paymentPromises).values(row);
}

/** Records outcomes; a promise that has one already keeps it. Returns the promise ids this call recorded. */
export async function insertPromiseOutcomes(tx: Executor, rows: PromiseOutcomeInsert[]): Promise<string[]> {
  if (!rows.length) return [];
  const out = await tx
    .insert(promiseOutcomes)
    .values(rows)
    .onConflictDoNothing({ target: [promiseOutcomes.tenantId, promiseOutcomes.promiseId] })
    .returning({ id: promiseOutcomes.promiseId });
  return out.map((r) => r.id);
}

export async function insertDispute(tx: Executor, row: DisputeInsert): Promise<void> {
  await tx.insert(disputes).values(row);
}

/** Records a resolution unless the dispute has one; true when this call recorded it. */
export async function insertDisputeResolution(tx: Executor, row: DisputeResolutionInsert): Promise<boolean> {
  const out = await tx
    .insert(disputeResolutions)
    .values(row)
    .onConflictDoNothing({ target: [disputeResolutions.tenantId, disputeResolutions.disputeId] })
    .returning({ id: disputeResolutions.disputeId });
  return out.length > 0;
}

export interface CollectionFilter {
  id?: string;
  customerId?: string;
  documentId?: string;
  /** Promises: open | kept | broken | cancelled; disputes: open | resolved. */
  status?: string;
  scope?: RowScope;
  limit: number;
}

function promiseQuery(db: Executor, tenantId: string) {
  return db
    .select({ promise: paymentPromises, outcome: promiseOutcomes, openNow: openItems.openAmount })
    .from(paymentPromises)
    .leftJoin(
      promiseOutcomes,
      and(eq(promiseOutcomes.tenantId, tenantId), eq(promiseOutcomes.promiseId, paymentPromises.id)),
    )
    .leftJoin(openItems, and(eq(openItems.tenantId, tenantId), eq(openItems.documentId, paymentPromises.documentId)));
}

export async function listPromises(db: Executor, tenantId: string, f: CollectionFilter): Promise<PromiseRow[]> {
  const conds: (SQL | undefined)[] = [eq(paymentPromises.tenantId, tenantId)];
  if (f.id) conds.push(eq(paymentPromises.id, f.id));
  if (f.customerId) conds.push(eq(paymentPromises.customerId, f.customerId));
  if (f.documentId) conds.push(eq(paymentPromises.documentId, f.documentId));
  if (f.status === 'open') conds.push(isNull(promiseOutcomes.promiseId));
  else if (f.status) conds.push(eq(promiseOutcomes.outcome, f.status as 'kept'));
  conds.push(inCustomerScope(paymentPromises.customerId, tenantId, f.scope));
  return promiseQuery(db, tenantId)
    .where(and(...conds))
    .orderBy(desc(paymentPromises.createdAt), desc(paymentPromises.id))
    .limit(f.limit);
}

/** Every promise of the tenant without an outcome, with its item's open amount now. */
export async function openPromises(db: Executor, tenantId: string): Promise<PromiseRow[]> {
  return promiseQuery(db, tenantId)
    .where(and(eq(paymentPromises.tenantId, tenantId), isNull(promiseOutcomes.promiseId)))
    .orderBy(paymentPromises.promisedDate, paymentPromises.id);
}

export async function listDisputes(db: Executor, tenantId: string, f: CollectionFilter): Promise<DisputeRow[]> {
  const conds: (SQL | undefined)[] = [eq(disputes.tenantId, tenantId)];
  if (f.id) conds.push(eq(disputes.id, f.id));
  if (f.customerId) conds.push(eq(disputes.customerId, f.customerId));
  if (f.documentId) conds.push(eq(disputes.documentId, f.documentId));
  if (f.status === 'open') conds.push(isNull(disputeResolutions.disputeId));
  else if (f.status === 'resolved') conds.push(sql`${disputeResolutions.disputeId} IS NOT NULL`);
  conds.push(inCustomerScope(disputes.customerId, tenantId, f.scope));
  return db
    .select({ dispute: disputes, resolution: disputeResolutions })
    .from(disputes)
    .leftJoin(
      disputeResolutions,
      and(eq(disputeResolutions.tenantId, tenantId), eq(disputeResolutions.disputeId, disputes.id)),
    )
    .where(and(...conds))
    .orderBy(desc(disputes.createdAt), desc(disputes.id))
    .limit(f.limit);
}

/** What collections know of an item as of a date: an open dispute, the latest promised date still open, broken promises. */
export interface CollectionFlags {
  disputed: boolean;
  promisedDate: string | null;
  brokenPromises: number;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

/**
 * Per document with any dispute or promise, its flags as they stood at the end of `asOf`: a dispute opened
 * by then and not resolved by then; a promise made by then, its date not before `asOf`, without an outcome
 * recorded by then; promises recorded broken by then.
 */
export async function collectionFlags(
  db: Executor,
  tenantId: string,
  asOf: string,
): Promise<Map<string, CollectionFlags>> {
  const found = rowsOf<{ id: string; disputed: boolean; promised: string | null; broken: number }>(
    await db.execute(sql`
    WITH d AS (
      SELECT x.document_id AS id, true AS disputed, NULL::date AS promised, 0 AS broken
      FROM disputes x LEFT JOIN dispute_resolutions r ON r.tenant_id = x.tenant_id AND r.dispute_id = x.id
      WHERE x.tenant_id = ${tenantId} AND x.opened_on <= ${asOf}::date AND (r.dispute_id IS NULL OR r.resolved_on > ${asOf}::date)
    ), p AS (
      SELECT p.document_id AS id, false AS disputed,
        CASE WHEN p.promised_date >= ${asOf}::date AND (o.promise_id IS NULL OR o.as_of > ${asOf}::date) THEN p.promised_date END AS promised,
        CASE WHEN o.outcome = 'broken' AND o.as_of <= ${asOf}::date THEN 1 ELSE 0 END AS broken
      FROM payment_promises p LEFT JOIN promise_outcomes o ON o.tenant_id = p.tenant_id AND o.promise_id = p.id
      WHERE p.tenant_id = ${tenantId} AND p.made_on <= ${asOf}::date
    )
    SELECT id, bool_or(disputed) AS disputed, max(promised)::text AS promised, sum(broken)::int AS broken
    FROM (SELECT * FROM d UNION ALL SELECT * FROM p) u GROUP BY id`),
  );
  return new Map(
    found.map((r) => [
      r.id,
      { disputed: !!r.disputed, promisedDate: r.promised ?? null, brokenPromises: Number(r.broken) },
    ]),
  );
}

/** The latest open promise's date per document, as of a date (the collection plan's expected date). */
export function promisedDates(tenantId: string, asOf: string): SQL {
  return sql`SELECT p.document_id AS id, max(p.promised_date) AS d
    FROM payment_promises p LEFT JOIN promise_outcomes o ON o.tenant_id = p.tenant_id AND o.promise_id = p.id
    WHERE p.tenant_id = ${tenantId} AND p.made_on <= ${asOf}::date AND p.promised_date >= ${asOf}::date
      AND (o.promise_id IS NULL OR o.as_of > ${asOf}::date)
    GROUP BY p.document_id`;
}
