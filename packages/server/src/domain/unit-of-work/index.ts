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

/**
 * How a use-case runs its short steps, each in a transaction of its own, so that what it does between them (a
 * network call) holds no lock and no connection: the tenant's own transactions in the background, savepoints of
 * the request's transaction in the API.
 */
export type Steps = <T>(fn: (tx: Db) => Promise<T>) => Promise<T>;

export const tenantSteps =
  (db: Executor, tenantId: string): Steps =>
  (fn) =>
    withTenant(db, tenantId, fn);

export const savepointSteps =
  (tx: Executor): Steps =>
  (fn) =>
    tx.transaction((t) => fn(t as unknown as Db));
