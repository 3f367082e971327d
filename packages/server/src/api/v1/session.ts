import { RouteTable } from '../route-table.ts';
import { json } from '../context.ts';
import { csrfToken } from '../middleware/csrf.ts';
import { actorPermissions } from '../../domain/identity/index.ts';
import { actorScope } from '../../domain/customers/index.ts';

/**
 * The browser's session probe: like GET /auth/me, but answers 200 `{ authenticated: false }` when nobody
 * is logged in, so opening the designer logs no failed request before the login page.
 */
export function sessionRoutes(): RouteTable {
  return new RouteTable().add(
    {
      method: 'get',
      path: '/auth/session',
      access: 'public',
      summary: 'The current session (tenant, actor, permissions, CSRF token) or { authenticated: false }',
      tags: ['auth'],
      response: { status: 200 },
    },
    (c) => {
      const actor = c.get('actor');
      if (!actor || actor.type === 'anonymous') return json(c, 200, { authenticated: false });
      const sessionId = c.get('sessionId');
      const { id, type, userId, name, roles, scopes, user } = actor;
      return json(c, 200, {
        authenticated: true,
        tenant: c.get('tenant'),
        actor: { id, type, userId, name, roles, scopes, user },
        permissions: [...actorPermissions(actor)].sort(),
        // a data scope limits what the actor sees: screens spanning every customer are not for them
        dataScoped: actorScope(actor) !== undefined,
        ...(sessionId ? { csrfToken: csrfToken(c.get('deps').config.auditKey, sessionId) } : {}),
      });
    },
  );
}
