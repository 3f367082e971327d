import { sql } from 'drizzle-orm';
import type { Db, Executor } from './db.ts';

/**
 * Runs fn in a transaction bound to one tenant: `app.tenant_id` is set for the transaction only, so
 * row-level security lets it see and write that tenant's rows and nothing else. Nested calls become
 * savepoints of the caller's transaction.
 */
export async function withTenant<T>(db: Executor, tenantId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`);
    return fn(tx as unknown as Db);
  });
}
