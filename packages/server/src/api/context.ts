import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
import type { ActionCtx } from '../domain/context.ts';
import type { DomainDeps } from '../domain/deps.ts';
import type { DefinitionKinds } from '../domain/definitions/index.ts';
import { getConnInfo } from '@hono/node-server/conninfo';

/** The use-case context of a request: tenant, actor and what the audit log records of the request. */
export function actionCtx(c: Context<AppEnv>): ActionCtx {
  let ip: string | undefined;
  try {
    ip = getConnInfo(c).remote.address;
  } catch {
    ip = undefined; // not served by node (app.request in tests)
  }
  return {
    tenant: c.get('tenant'),
    actor: c.get('actor'),
    request: { ip, userAgent: c.req.header('user-agent')?.slice(0, 300), requestId: c.get('requestId') },
  };
}

/** What use-cases need, for this request: its database and the start-up dependencies. */
export function domainDeps(c: Context<AppEnv>): DomainDeps & { kinds: DefinitionKinds } {
  const deps = c.get('deps');
  return { db: dbOf(c), auditKey: deps.config.auditKey, kinds: deps.kinds };
}

/** The request's database (tenant-scoped transaction when the tenant is known). */
export const dbOf = (c: Context<AppEnv>) => c.get('db') ?? c.get('deps').database.db;

/** The JSON response every handler sends. */
export const json = (c: Context<AppEnv>, status: number, body: unknown) => c.json(body as object, status as 200);
