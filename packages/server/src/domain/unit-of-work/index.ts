import { ping } from '../../store/db.ts';
import { withTenant as storeWithTenant } from '../../store/tenant-scope.ts';
import type { Db, Executor } from '../deps.ts';

/**
 * Runs fn in one transaction bound to a tenant: row-level security then scopes every query to it, and
 * nested use-case transactions become savepoints of it. The API runs each authenticated request so.
 */
export function withTenant<T>(db: Executor, tenantId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return storeWithTenant(db, tenantId, fn);
}

/** Readiness: true when the database answers a trivial query. */
export async function databaseReady(db: Executor): Promise<boolean> {
  try {
    await ping(db);
    return true;
  } catch {
    return false;
  }
}
