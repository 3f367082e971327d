import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../env.ts';
import {
  authenticate as resolve,
  authenticateHandoff,
  credentialTenant,
  handoffPrefix,
  type Authenticated,
} from '../../domain/identity/index.ts';
import { HexiaoError } from '../../domain/errors.ts';
import { inRequestTransaction, wantsRequestTransaction } from './tenant-scope.ts';

export const sessionCookie = 'hexiao_session';

function apply(c: Context<AppEnv>, found: Authenticated) {
  c.set('tenant', found.tenant);
  c.set('actor', found.actor);
  if (found.sessionId) c.set('sessionId', found.sessionId);
}

/** A `hexiao` command handing its work to this (embedded) server: the CLI's system actor of the tenant it names. */
async function handoff(c: Context<AppEnv>, secret: string, next: () => Promise<void>) {
  const { database, config, handoffSecret } = c.get('deps');
  const slug = c.req.header('x-hexiao-tenant') ?? config.defaultTenant;
  const found = await authenticateHandoff(database.db, secret, handoffSecret, slug);
  if (!found)
    throw new HexiaoError(
      'unauthenticated',
      `the hand-off credential is not this server's, or tenant ${slug} does not exist`,
    );
  apply(c, found);
  await next();
}

/**
 * Puts `tenant` and `actor` on the context from an API token (Authorization: Bearer hxt_…) or the
 * session cookie. A credential that is present but not valid (revoked, expired, forged) is refused
 * outright rather than treated as anonymous. The credential names its tenant: it is looked up inside the
 * request's transaction bound to that tenant, which the rest of the request then runs in (one transaction
 * per request, not one for authentication and another for the work).
 * @example app.use('/api/*', authenticate())
 */
export function authenticate(options: { transaction?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const session = getCookie(c, sessionCookie);
    if (header && !bearer)
      throw new HexiaoError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
    if (bearer?.startsWith(handoffPrefix)) return handoff(c, bearer, next);
    const credential = { bearer, session: bearer ? undefined : session };
    const tenantId = credentialTenant(credential);
    const { database, config } = c.get('deps');
    const deps = { db: database.db, auditKey: config.auditKey };
    if (tenantId && wantsRequestTransaction(c, options)) {
      const ran = await inRequestTransaction(c, tenantId, async (tx) => {
        const found = await resolve(deps, credential, tx);
        if (!found) return false; // not valid: refused, or (a stale cookie) anonymous outside any tenant
        apply(c, found);
        await next();
        return true;
      });
      if (ran) return;
    } else if (bearer || session) {
      const found = await resolve(deps, credential);
      if (found) apply(c, found);
    }
    if (!c.get('actor')) {
      if (bearer) throw new HexiaoError('unauthenticated', 'the API token is not valid (unknown, revoked or expired)');
      c.set('actor', { type: 'anonymous', id: 'anonymous', name: 'anonymous', roles: [] });
    }
    await next();
  };
}
