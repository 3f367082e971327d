import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { customers, ledgerDocuments, openItems } from '../schema/index.ts';
import { inCustomerScope, type CustomerRow, type RowScope } from './customers.ts';
import { toDocument, type StoredDocument } from './documents.ts';

export interface OpenReceivableRow {
  document: StoredDocument;
  openAmount: string;
  status: string;
  customer: CustomerRow;
}

/**
 * Open receivables (debit items not settled) with their documents and customers, oldest due first, in the
 * actor's data scope; `ids` narrows them to these documents. At most `limit` rows.
 */
export async function openReceivables(
  db: Executor,
  tenantId: string,
  o: { scope?: RowScope; ids?: string[]; limit: number },
): Promise<OpenReceivableRow[]> {
  const conds = [eq(openItems.tenantId, tenantId), eq(openItems.side, 'debit'), sql`${openItems.status} <> 'settled'`];
  if (o.ids) conds.push(inArray(openItems.documentId, o.ids.length ? o.ids : ['00000000-0000-0000-0000-000000000000']));
  const scope = inCustomerScope(openItems.customerId, tenantId, o.scope);
  if (scope) conds.push(scope);
  const rows = await db
    .select({ item: openItems, document: ledgerDocuments, customer: customers })
    .from(openItems)
    .innerJoin(
      ledgerDocuments,
      and(eq(ledgerDocuments.tenantId, openItems.tenantId), eq(ledgerDocuments.id, openItems.documentId)),
    )
    .innerJoin(customers, and(eq(customers.tenantId, openItems.tenantId), eq(customers.id, openItems.customerId)))
    .where(and(...conds))
    .orderBy(sql`${openItems.dueDate} ASC NULLS LAST`, asc(openItems.documentId))
    .limit(o.limit);
  return rows.map((r) => ({
    document: toDocument(r.document),
    openAmount: r.item.openAmount,
    status: r.item.status,
    customer: r.customer,
  }));
}

/** What a customer owes now: the open base amount of its debit items, and the oldest due date among them. */
export async function customerExposure(
  db: Executor,
  tenantId: string,
  customerId: string,
): Promise<{ openBase: string; oldestDue: string | null }> {
  const [r] = await db
    .select({
      openBase: sql<string>`coalesce(sum(${openItems.openBaseAmount}), 0)`,
      oldestDue: sql<string | null>`min(${openItems.dueDate})::text`,
    })
    .from(openItems)
    .where(
      and(
        eq(openItems.tenantId, tenantId),
        eq(openItems.customerId, customerId),
        eq(openItems.side, 'debit'),
        sql`${openItems.status} <> 'settled'`,
      ),
    );
  return { openBase: String(r?.openBase ?? '0'), oldestDue: r?.oldestDue ?? null };
}
