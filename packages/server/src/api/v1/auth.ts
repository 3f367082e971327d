import { deleteCookie, setCookie } from 'hono/cookie';
import { RouteTable } from '../route-table.ts';
import { actionCtx, domainDeps, json } from '../context.ts';
import { login, logout } from '../../domain/identity/index.ts';
import { sessionCookie } from '../middleware/authenticate.ts';
import { csrfToken } from '../middleware/csrf.ts';
import { problem, problemResponse } from '../problem.ts';
import { actorPermissions } from '../../domain/identity/index.ts';
import { actorScope } from '../../domain/customers/index.ts';

const loginSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: {
    tenant: {
      type: 'string',
      minLength: 1,
      maxLength: 63,
      description: 'tenant slug; the default tenant when omitted',
    },
    email: { type: 'string', minLength: 3, maxLength: 320 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const;

/**
 * Failed logins counted per client address (the account lockout counts per account): one address cannot
 * guess its way through many accounts, nor lock them all, beyond this budget per window. The counts live
 * in the server's rate counters, shared by every process on one PostgreSQL.
 */
const failureBudget = { bucket: 'login-failures', limit: 15, windowMs: 15 * 60_000 };

export function authRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/auth/login',
        access: 'public',
        summary:
          'Log in: sets an HTTP-only, SameSite session cookie; send the returned csrfToken as X-CSRF-Token on writes',
        tags: ['auth'],
        body: loginSchema,
        response: { status: 200 },
        rateLimit: { limit: 20, windowMs: 60_000 },
      },
      async (c, { body }) => {
        const { config } = c.get('deps');
        const source = actionCtx(c).request!.ip ?? 'local';
        const { counters } = c.get('deps');
        const spent = await counters.peek(failureBudget.bucket, source, failureBudget.windowMs);
        if (spent.hits >= failureBudget.limit) {
          // every 429 says when to come back, whichever limit answered it
          c.header('Retry-After', String(Math.max(1, Math.ceil((spent.resetAt - Date.now()) / 1000))));
          return problemResponse(
            c,
            problem('rate_limited', 429, 'too many failed logins from this address; try again in a quarter of an hour'),
          );
        }
        const result = await login(domainDeps(c), {
          tenant: body.tenant ?? config.defaultTenant,
          email: body.email,
          password: body.password,
          ttlSeconds: config.sessionTtlSeconds,
          request: actionCtx(c).request!,
        }).catch(async (e: unknown) => {
          await counters.hit(failureBudget.bucket, source, failureBudget.windowMs);
          throw e;
        });
        setCookie(c, sessionCookie, result.cookieValue, {
          httpOnly: true,
          sameSite: 'Strict',
          secure:
            config.secureCookies === 'auto'
              ? new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
              : config.secureCookies,
          path: '/',
          expires: result.expiresAt,
        });
        return json(c, 200, {
          tenant: { id: result.tenant.id, slug: result.tenant.slug, name: result.tenant.name },
          user: result.user,
          expiresAt: result.expiresAt.toISOString(),
          csrfToken: csrfToken(config.auditKey, result.sessionId),
        });
      },
    )
    .add(
      {
        method: 'post',
        path: '/auth/logout',
        access: 'authenticated',
        summary: 'Log out: revokes the session',
        tags: ['auth'],
        response: { status: 204 },
      },
      async (c) => {
        const sessionId = c.get('sessionId');
        if (sessionId) await logout(domainDeps(c), actionCtx(c), sessionId);
        deleteCookie(c, sessionCookie, { path: '/' });
        return c.body(null, 204);
      },
    )
    .add(
      {
        method: 'get',
        path: '/auth/me',
        access: 'authenticated',
        summary: 'Who am I: tenant, actor and permissions',
        tags: ['auth'],
        response: { status: 200 },
      },
      (c) => {
        const actor = c.get('actor');
        const tenant = c.get('tenant');
        const sessionId = c.get('sessionId');
        const { id, type, userId, name, roles, scopes, user } = actor;
        return json(c, 200, {
          tenant,
          actor: { id, type, userId, name, roles, scopes, user },
          permissions: [...actorPermissions(actor)].sort(),
          // a data scope limits what the actor sees: screens spanning every customer are not for them
          dataScoped: actorScope(actor) !== undefined,
          ...(sessionId ? { csrfToken: csrfToken(c.get('deps').config.auditKey, sessionId) } : {}),
        });
      },
    );
}
