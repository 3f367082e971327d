import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';
import { ledgerDocuments } from '../schema/index.ts';
import { inCustomerScope, type RowScope } from './customers.ts';
import type { AdjustmentKind, DocumentType, LedgerDocument, Side, WriteOffKind } from '../../model/ledger.ts';
import { insertRows } from '../insert-rows.ts';

type Row = typeof ledgerDocuments.$inferSelect;

export const toDocument = (r: Row): LedgerDocument & { createdAt: string; createdBy: string | null } => ({
  id: r.id,
  docType: r.docType as DocumentType,
  adjustmentKind: r.adjustmentKind as AdjustmentKind | null,
  receivableType: r.receivableType,
  side: r.side as Side,
  number: r.number,
  customerId: r.customerId,
  bankAccountId: r.bankAccountId,
  currency: r.currency,
  amount: r.amount,
  taxAmount: r.taxAmount,
  fxRate: r.fxRate,
  baseAmount: r.baseAmount,
  baseTaxAmount: r.baseTaxAmount,
  documentDate: r.documentDate,
  postingDate: r.postingDate,
  valueDate: r.valueDate,
  dueDate: r.dueDate,
  period: r.period,
  clearingAccount: r.clearingAccount,
  reversesId: r.reversesId,
  orderRef: r.orderRef,
  deliveryRef: r.deliveryRef,
  reference: r.reference,
  description: r.description,
  reason: r.reason,
  custom: (r.custom ?? {}) as Record<string, unknown>,
  voucherId: r.voucherId,
  writeOffKind: r.writeOffKind as WriteOffKind | null,
  relatedId: r.relatedId,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
});

export type StoredDocument = ReturnType<typeof toDocument>;

export async function insertDocument(
  tx: Executor,
  tenantId: string,
  d: LedgerDocument,
  createdBy: string,
  objectType?: { key: string; version: number },
): Promise<void> {
  await tx.insert(ledgerDocuments).values({
    tenantId,
    ...d,
    objectType: objectType?.key ?? null,
    objectTypeVersion: objectType?.version ?? null,
    createdBy,
  });
}

export async function insertDocuments(
  tx: Executor,
  tenantId: string,
  ds: { document: LedgerDocument; objectType?: { key: string; version: number } }[],
  createdBy: string,
): Promise<void> {
  const rows = ds.map(({ document, objectType }) => ({
    tenantId,
    ...document,
    objectType: objectType?.key ?? null,
    objectTypeVersion: objectType?.version ?? null,
    createdBy,
  }));
  await insertRows(tx, ledgerDocuments, rows, 1000);
}

export async function getDocument(db: Executor, tenantId: string, id: string): Promise<StoredDocument | undefined> {
  const [r] = await db
    .select()
    .from(ledgerDocuments)
    .where(and(eq(ledgerDocuments.tenantId, tenantId), eq(ledgerDocuments.id, id)));
  return r ? toDocument(r) : undefined;
}

export async function getDocuments(db: Executor, tenantId: string, ids: string[]): Promise<StoredDocument[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(ledgerDocuments)
    .where(and(eq(ledgerDocuments.tenantId, tenantId), inArray(ledgerDocuments.id, ids)));
  return rows.map(toDocument);
}

export async function findDocumentByNumber(
  db: Executor,
  tenantId: string,
  docType: string,
  number: string,
): Promise<StoredDocument | undefined> {
  const [r] = await db
    .select()
    .from(ledgerDocuments)
    .where(
      and(
        eq(ledgerDocuments.tenantId, tenantId),
        eq(ledgerDocuments.docType, docType),
        eq(ledgerDocuments.number, number),
      ),
    );
  return r ? toDocument(r) : undefined;
}

/** Which of these (type, number) pairs already exist, as `type|number` strings. */
export async function existingNumbers(
  db: Executor,
  tenantId: string,
  pairs: { type: string; number: string }[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < pairs.length; i += 1000) {
    const chunk = pairs.slice(i, i + 1000);
    const rows = await db
      .select({ docType: ledgerDocuments.docType, number: ledgerDocuments.number })
      .from(ledgerDocuments)
      .where(
        and(
          eq(ledgerDocuments.tenantId, tenantId),
          inArray(
            ledgerDocuments.number,
            chunk.map((p) => p.number),
          ),
        ),
      );
    for (const r of rows)
      if (chunk.some((p) => p.type === r.docType && p.number === r.number)) out.add(`${r.docType}|${r.number}`);
  }
  return out;
}

export async function findReversals(db: Executor, tenantId: string, id: string): Promise<StoredDocument[]> {
  const rows = await db
    .select()
    .from(ledgerDocuments)
    .where(and(eq(ledgerDocuments.tenantId, tenantId), eq(ledgerDocuments.reversesId, id)));
  return rows.map(toDocument);
}

export interface DocumentFilter {
  types?: readonly string[];
  customerId?: string;
  /** Keyset paging on the id (uuid v7, so roughly creation order), newest first. */
  before?: string;
  limit: number;
  /** The actor's data scope: only documents of customers in it. */
  scope?: RowScope;
}

export async function listDocuments(db: Executor, tenantId: string, f: DocumentFilter): Promise<StoredDocument[]> {
  const conds = [eq(ledgerDocuments.tenantId, tenantId)];
  if (f.types?.length) conds.push(inArray(ledgerDocuments.docType, f.types));
  if (f.customerId) conds.push(eq(ledgerDocuments.customerId, f.customerId));
  if (f.before) conds.push(lt(ledgerDocuments.id, f.before));
  const scope = inCustomerScope(ledgerDocuments.customerId, tenantId, f.scope);
  if (scope) conds.push(scope);
  const rows = await db
    .select()
    .from(ledgerDocuments)
    .where(and(...conds))
    .orderBy(desc(ledgerDocuments.id))
    .limit(f.limit);
  return rows.map(toDocument);
}

export async function allDocuments(db: Executor, tenantId: string): Promise<StoredDocument[]> {
  const rows = await db
    .select()
    .from(ledgerDocuments)
    .where(eq(ledgerDocuments.tenantId, tenantId))
    .orderBy(asc(ledgerDocuments.id));
  return rows.map(toDocument);
}

export const isUniqueViolation = (e: unknown): boolean => {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause) {
    if ((x as { code?: string }).code === '23505') return true;
    if (/duplicate key value/.test(String((x as { message?: string }).message ?? ''))) return true;
  }
  return false;
};

export { sql };

/**
 * The open estimates a batch of invoices may relieve by reference, in one query: those of these customers with
 * any of these order or delivery references, oldest first. The caller picks each invoice's own.
 */
export async function findOpenEstimatesOf(
  db: Executor,
  tenantId: string,
  customerIds: readonly string[],
  refs: { orderRefs: readonly string[]; deliveryRefs: readonly string[] },
): Promise<{ id: string; customerId: string; orderRef: string | null; deliveryRef: string | null }[]> {
  const list = (xs: readonly string[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    );
  const byRef = [
    refs.orderRefs.length ? sql`d.order_ref IN (${list(refs.orderRefs)})` : undefined,
    refs.deliveryRefs.length ? sql`d.delivery_ref IN (${list(refs.deliveryRefs)})` : undefined,
  ].filter((x) => x !== undefined);
  if (byRef.length === 0 || customerIds.length === 0) return [];
  return rows(
    db,
    sql`SELECT d.id, d.customer_id AS "customerId", d.order_ref AS "orderRef", d.delivery_ref AS "deliveryRef"
    FROM ledger_documents d
    JOIN open_items o ON o.tenant_id = d.tenant_id AND o.document_id = d.id
    WHERE d.tenant_id = ${tenantId} AND d.customer_id IN (${list(customerIds)}) AND d.doc_type = 'estimate'
      AND d.reverses_id IS NULL AND o.status <> 'settled' AND (${sql.join(byRef, sql` OR `)})
    ORDER BY d.posting_date, d.id`,
  );
}

/** The documents of one type with any of these numbers (one query per 1,000 numbers). */
export async function documentsByNumbers(
  db: Executor,
  tenantId: string,
  docType: string,
  numbers: string[],
): Promise<Map<string, LedgerDocument>> {
  const out = new Map<string, LedgerDocument>();
  for (let i = 0; i < numbers.length; i += 1000) {
    const rows = await db
      .select()
      .from(ledgerDocuments)
      .where(
        and(
          eq(ledgerDocuments.tenantId, tenantId),
          eq(ledgerDocuments.docType, docType),
          inArray(ledgerDocuments.number, numbers.slice(i, i + 1000)),
        ),
      );
    for (const r of rows) out.set(r.number, toDocument(r));
  }
  return out;
}
