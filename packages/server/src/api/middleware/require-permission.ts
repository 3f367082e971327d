import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { HexiaoError } from '../../domain/errors.ts';
import { actorPermissions, type Permission } from '../../domain/identity/index.ts';

/** `public` = no login; `authenticated` = any logged-in actor; otherwise a named permission. */
export type Access = 'public' | 'authenticated' | Permission;

/**
 * Refuses the request unless the actor holds the route's declared access.
 * @example table.add({ method: 'get', path: '/customers', access: 'customer.read', … }, handler)
 */
export function requirePermission(access: Access, unscopedOnly = false): MiddlewareHandler<AppEnv> {
  return async function requirePermission(c, next) {
    if (access === 'public') return next();
    const actor = c.get('actor');
    if (!actor || actor.type === 'anonymous')
      throw new HexiaoError('unauthenticated', 'log in or send an API token (Authorization: Bearer …)');
    if (access !== 'authenticated' && !actorPermissions(actor).has(access))
      throw new HexiaoError('not_allowed', `this action needs the permission ${access}`);
    if (unscopedOnly && actor.dataScope !== undefined && actor.dataScope !== null)
      throw new HexiaoError(
        'not_allowed',
        'this route cannot be limited to your data scope; it needs a role without one',
      );
    return next();
  };
}
