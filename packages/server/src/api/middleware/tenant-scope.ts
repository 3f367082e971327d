import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import type { Db } from '../../domain/deps.ts';
import { withTenant } from '../../domain/unit-of-work/index.ts';

class Rollback extends Error {}

/**
 * Runs the rest of a request in one transaction bound to `tenantId` (`app.tenant_id`), so row-level security
 * scopes every query even where a filter was forgotten, and a refused request writes nothing: an error or an
 * answer of 400 and above rolls it back, its response stays. Work queued on `afterCommit` runs once it
 * committed. Resolves whether `work` ran to its end inside (false: it returned early, see `authenticate`).
 */
export async function inRequestTransaction(
  c: Context<AppEnv>,
  tenantId: string,
  work: (tx: Db) => Promise<boolean>,
): Promise<boolean> {
  const after: (() => Promise<void>)[] = [];
  c.set('afterCommit', after);
  let ran = false;
  try {
    await withTenant(c.get('deps').database.db, tenantId, async (tx) => {
      c.set('db', tx);
      c.set('requestTransaction', true);
      ran = await work(tx);
      if (ran && (c.error || c.res.status >= 400)) throw new Rollback(); // the error response stays; its writes go
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    return true;
  } finally {
    c.set('requestTransaction', false);
  }
  if (ran) for (const f of after) await f();
  return ran;
}

/**
 * Runs each authenticated request in one transaction bound to its tenant (see `inRequestTransaction`);
 * `authenticate` usually opened it already, to look the credential up inside it. Handlers reach the database
 * only through `c.get('db')`.
 * @example app.use('/api/*', tenantScope())
 */
export function tenantScope(options: { transaction?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function tenantScope(c, next) {
    if (c.get('requestTransaction')) return next();
    const { database } = c.get('deps');
    const tenant = c.get('tenant');
    if (!tenant || !wantsRequestTransaction(c, options)) {
      const after: (() => Promise<void>)[] = [];
      c.set('afterCommit', after);
      c.set('db', database.db);
      await next();
      for (const f of after) await f();
      return;
    }
    await inRequestTransaction(c, tenant.id, async () => {
      await next();
      return true;
    });
  };
}

/**
 * Whether the request runs in one transaction. A stream (server-sent events) lasts minutes: it reads in short
 * transactions of its own; an import hands its work to a job and waits for it, which one long transaction would
 * block.
 */
export function wantsRequestTransaction(c: Context<AppEnv>, options: { transaction?: boolean }): boolean {
  if (options.transaction === false) return false;
  const { method, path } = c.req;
  return !(/\/jobs\/[^/]+\/events$/.test(path) || (method === 'POST' && /\/api\/v1\/imports$/.test(path)));
}
