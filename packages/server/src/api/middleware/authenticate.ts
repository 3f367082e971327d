import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../env.ts';
import { authenticate as resolve } from '../../domain/identity/index.ts';
import { HexiaoError } from '../../domain/errors.ts';

export const sessionCookie = 'hexiao_session';

/**
 * Puts `tenant` and `actor` on the context from an API token (Authorization: Bearer hxt_…) or the
 * session cookie. A credential that is present but not valid (revoked, expired, forged) is refused
 * outright rather than treated as anonymous.
 * @example app.use('/api/*', authenticate())
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const session = getCookie(c, sessionCookie);
    if (header && !bearer)
      throw new HexiaoError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
    if (bearer || session) {
      const { database, config } = c.get('deps');
      const found = await resolve(
        { db: database.db, auditKey: config.auditKey },
        { bearer, session: bearer ? undefined : session },
      );
      if (!found) {
        if (bearer)
          throw new HexiaoError('unauthenticated', 'the API token is not valid (unknown, revoked or expired)');
      } else {
        c.set('tenant', found.tenant);
        c.set('actor', found.actor);
        if (found.sessionId) c.set('sessionId', found.sessionId);
      }
    }
    if (!c.get('actor')) c.set('actor', { type: 'anonymous', id: 'anonymous', name: 'anonymous', roles: [] });
    await next();
  };
}
