import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { customers, reminders } from '../schema/index.ts';
import { inCustomerScope, type CustomerRow, type RowScope } from './customers.ts';

export type ReminderRow = typeof reminders.$inferSelect;
export type ReminderInsert = typeof reminders.$inferInsert;

/**
 * Records reminders; one already recorded for the same (document, plan, level) is left as it is. Returns the
 * rows this call recorded: only those are sent.
 */
export async function recordReminders(tx: Executor, rows: ReminderInsert[]): Promise<ReminderRow[]> {
  const out: ReminderRow[] = [];
  for (let i = 0; i < rows.length; i += 1000)
    out.push(
      ...(await tx
        .insert(reminders)
        .values(rows.slice(i, i + 1000))
        .onConflictDoNothing({ target: [reminders.tenantId, reminders.documentId, reminders.planKey, reminders.level] })
        .returning()),
    );
  return out;
}

/** Reminders sent, newest first, in the actor's data scope (by the receivable's customer). */
export async function listReminders(
  db: Executor,
  tenantId: string,
  f: { customerId?: string; documentId?: string; scope?: RowScope; limit: number },
): Promise<ReminderRow[]> {
  const conds = [eq(reminders.tenantId, tenantId)];
  if (f.customerId) conds.push(eq(reminders.customerId, f.customerId));
  if (f.documentId) conds.push(eq(reminders.documentId, f.documentId));
  const scope = inCustomerScope(reminders.customerId, tenantId, f.scope);
  if (scope) conds.push(scope);
  return db
    .select()
    .from(reminders)
    .where(and(...conds))
    .orderBy(desc(reminders.createdAt), sql`${reminders.id} DESC`)
    .limit(f.limit);
}

/** Every tenant's id (the tenant registry is readable without a tenant: the scheduled sweep visits each). */
export async function allTenantIds(db: Executor): Promise<string[]> {
  const result = (await db.execute(sql`SELECT tenant_id FROM tenants ORDER BY tenant_id`)) as unknown;
  const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as {
    tenant_id: string;
  }[];
  return rows.map((r) => r.tenant_id);
}

/** The (document, level) pairs of a plan already sent, as `documentId|level`. */
export async function sentPairs(db: Executor, tenantId: string, planKey: string): Promise<Set<string>> {
  const rows = await db
    .select({ documentId: reminders.documentId, level: reminders.level })
    .from(reminders)
    .where(and(eq(reminders.tenantId, tenantId), eq(reminders.planKey, planKey)));
  return new Set(rows.map((r) => `${r.documentId}|${r.level}`));
}

export interface ReminderItem {
  id: string;
  number: string;
  docType: string;
  receivableType: string;
  currency: string;
  amount: string;
  openAmount: string;
  postingDate: string;
  dueDate: string | null;
  customerId: string;
}

/** Every open debit item of the tenant with what a reminder rule reads of its document (lean: no other columns). */
export async function openItemsForReminders(db: Executor, tenantId: string, limit: number): Promise<ReminderItem[]> {
  const result = (await db.execute(sql`SELECT d.id, d.number, d.doc_type AS "docType",
      d.receivable_type AS "receivableType", d.currency::text AS currency, d.amount::text AS amount,
      o.open_amount::text AS "openAmount", d.posting_date::text AS "postingDate", d.due_date::text AS "dueDate",
      o.customer_id AS "customerId"
    FROM open_items o
    JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
    WHERE o.tenant_id = ${tenantId} AND o.side = 'debit' AND o.status <> 'settled' AND o.customer_id IS NOT NULL
    ORDER BY o.due_date NULLS LAST, o.document_id
    LIMIT ${limit}`)) as unknown;
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as ReminderItem[];
}

/** The tenant's customers that have open debit items. */
export async function customersWithOpenItems(db: Executor, tenantId: string): Promise<CustomerRow[]> {
  return db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, tenantId),
        sql`${customers.id} IN (SELECT customer_id FROM open_items WHERE tenant_id = ${tenantId} AND side = 'debit' AND status <> 'settled')`,
      ),
    );
}
