import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { withTenant } from '../../domain/unit-of-work/index.ts';

class Rollback extends Error {}

/**
 * Runs each authenticated request in one transaction bound to its tenant (`app.tenant_id`), so
 * row-level security scopes every query even where a filter was forgotten, and a refused request
 * writes nothing. Handlers reach the database only through `c.get('db')`.
 * @example app.use('/api/*', tenantScope())
 */
export function tenantScope(options: { transaction?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function tenantScope(c, next) {
    const { database } = c.get('deps');
    const tenant = c.get('tenant');
    const after: (() => Promise<void>)[] = [];
    c.set('afterCommit', after);
    // a stream (server-sent events) lasts minutes: it reads in short transactions of its own, never one long one
    if (!tenant || options.transaction === false || ownTransactions(c.req.method, c.req.path)) {
      c.set('db', database.db);
      await next();
      for (const f of after) await f();
      return;
    }
    try {
      await withTenant(database.db, tenant.id, async (tx) => {
        c.set('db', tx);
        await next();
        if (c.error || c.res.status >= 400) throw new Rollback(); // the error response stays; its writes go
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
      return;
    }
    for (const f of after) await f();
  };
}

/**
 * Routes that run outside the request transaction, in short ones of their own: a stream (server-sent events)
 * lasts minutes; an import hands its work to a job and waits for it, which one long transaction would block.
 */
const ownTransactions = (method: string, path: string) =>
  /\/jobs\/[^/]+\/events$/.test(path) || (method === 'POST' && /\/api\/v1\/imports$/.test(path));
