import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { reminders } from '../schema/index.ts';
import { inCustomerScope, type RowScope } from './customers.ts';

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
