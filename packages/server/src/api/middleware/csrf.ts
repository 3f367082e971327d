import type { MiddlewareHandler } from 'hono';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppEnv } from '../env.ts';
import { HexiaoError } from '../../domain/errors.ts';

export const csrfHeader = 'x-csrf-token';

/** The CSRF token of a session: an HMAC of its id, so nothing extra is stored. */
export function csrfToken(key: Buffer, sessionId: string): string {
  return createHmac('sha256', key).update(`csrf:${sessionId}`).digest('base64url');
}

/**
 * Cookie-authenticated requests that change state must carry the session's CSRF token in
 * X-CSRF-Token (returned by login and by GET /auth/me). API tokens are not sent by browsers on
 * their own, so bearer requests need none.
 * @example app.use('/api/*', csrfProtection())
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async function csrfProtection(c, next) {
    const sessionId = c.get('sessionId');
    if (sessionId && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const given = Buffer.from(c.req.header(csrfHeader) ?? '');
      const expected = Buffer.from(csrfToken(c.get('deps').config.auditKey, sessionId));
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new HexiaoError(
          'not_allowed',
          `a request authenticated by the session cookie must send the ${csrfHeader} header from login`,
        );
    }
    await next();
  };
}
