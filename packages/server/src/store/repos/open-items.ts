import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { ledgerDocuments, openItems } from '../schema/index.ts';
import { inCustomerScope, type RowScope } from './customers.ts';
import type { OpenItem, Side } from '../../model/ledger.ts';
import { toDocument, type StoredDocument } from './documents.ts';
import { insertRows } from '../insert-rows.ts';

type Row = typeof openItems.$inferSelect;

const toItem = (r: Row): OpenItem => ({
  documentId: r.documentId,
  customerId: r.customerId,
  side: r.side as Side,
  currency: r.currency,
  amount: r.amount,
  openAmount: r.openAmount,
  baseAmount: r.baseAmount,
  openBaseAmount: r.openBaseAmount,
  dueDate: r.dueDate,
  status: r.status as OpenItem['status'],
});

export async function insertOpenItem(tx: Executor, tenantId: string, o: OpenItem): Promise<void> {
  await tx.insert(openItems).values({ tenantId, ...o });
}

export async function insertOpenItems(tx: Executor, tenantId: string, os: OpenItem[]): Promise<void> {
  await insertRows(
    tx,
    openItems,
    os.map((o) => ({ tenantId, ...o })),
  );
}

/**
 * Locks the open items of these documents FOR UPDATE, in document id order so two postings never
 * deadlock, and returns them with their documents.
 */
export async function lockOpenItems(
  tx: Executor,
  tenantId: string,
  ids: string[],
): Promise<Map<string, { document: StoredDocument; open: OpenItem }>> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, { document: StoredDocument; open: OpenItem }>();
  if (sorted.length === 0) return out;
  const locked = await tx
    .select()
    .from(openItems)
    .where(and(eq(openItems.tenantId, tenantId), inArray(openItems.documentId, sorted)))
    .orderBy(asc(openItems.documentId))
    .for('update');
  const docs = await tx
    .select()
    .from(ledgerDocuments)
    .where(and(eq(ledgerDocuments.tenantId, tenantId), inArray(ledgerDocuments.id, sorted)));
  const byId = new Map(docs.map((d) => [d.id, toDocument(d)]));
  for (const r of locked) out.set(r.documentId, { document: byId.get(r.documentId)!, open: toItem(r) });
  return out;
}

export async function updateOpenItem(tx: Executor, tenantId: string, o: OpenItem): Promise<void> {
  await tx
    .update(openItems)
    .set({ openAmount: o.openAmount, openBaseAmount: o.openBaseAmount, status: o.status, updatedAt: sql`now()` })
    .where(and(eq(openItems.tenantId, tenantId), eq(openItems.documentId, o.documentId)));
}

/** Many open items' amounts and status at once (one statement per 5,000): the state a batch of settlements left. */
export async function updateOpenItems(tx: Executor, tenantId: string, os: readonly OpenItem[]): Promise<void> {
  for (let i = 0; i < os.length; i += 5000) {
    const rows = os
      .slice(i, i + 5000)
      .map((o) => sql`(${o.documentId}::uuid, ${o.openAmount}::numeric, ${o.openBaseAmount}::numeric, ${o.status})`);
    await tx.execute(sql`UPDATE open_items o
      SET open_amount = v.open_amount, open_base_amount = v.open_base_amount, status = v.status, updated_at = now()
      FROM (VALUES ${sql.join(rows, sql`, `)}) AS v(document_id, open_amount, open_base_amount, status)
      WHERE o.tenant_id = ${tenantId} AND o.document_id = v.document_id`);
  }
}

export async function getOpenItems(db: Executor, tenantId: string, ids: string[]): Promise<Map<string, OpenItem>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(openItems)
    .where(and(eq(openItems.tenantId, tenantId), inArray(openItems.documentId, ids)));
  return new Map(rows.map((r) => [r.documentId, toItem(r)]));
}

export async function allOpenItems(db: Executor, tenantId: string): Promise<OpenItem[]> {
  return (await db.select().from(openItems).where(eq(openItems.tenantId, tenantId))).map(toItem);
}

export interface OpenItemFilter {
  customerId?: string;
  side?: Side;
  onlyOpen?: boolean;
  limit: number;
  /** The actor's data scope: only open items of customers in it. */
  scope?: RowScope;
}

export async function listOpenItems(db: Executor, tenantId: string, f: OpenItemFilter): Promise<OpenItem[]> {
  const conds = [eq(openItems.tenantId, tenantId)];
  if (f.customerId) conds.push(eq(openItems.customerId, f.customerId));
  if (f.side) conds.push(eq(openItems.side, f.side));
  if (f.onlyOpen) conds.push(sql`${openItems.status} <> 'settled'`);
  const scope = inCustomerScope(openItems.customerId, tenantId, f.scope);
  if (scope) conds.push(scope);
  return (
    await db
      .select()
      .from(openItems)
      .where(and(...conds))
      .orderBy(asc(openItems.dueDate), asc(openItems.documentId))
      .limit(f.limit)
  ).map(toItem);
}

/** A customer's open receivables less its unapplied credits, in base currency (today's open items). */
export async function customerExposureBase(db: Executor, tenantId: string, customerId: string): Promise<string> {
  const [r] = await db
    .select({
      v: sql<string>`coalesce(sum(CASE WHEN ${openItems.side} = 'debit' THEN ${openItems.openBaseAmount} ELSE -${openItems.openBaseAmount} END), 0)::text`,
    })
    .from(openItems)
    .where(and(eq(openItems.tenantId, tenantId), eq(openItems.customerId, customerId)));
  return r?.v ?? '0';
}
