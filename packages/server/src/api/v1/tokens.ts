import { RouteTable } from '../route-table.ts';
import { actionCtx, domainDeps, json } from '../context.ts';
import { createToken, listTokens, revokeToken } from '../../domain/identity/index.ts';
import { actorPermissions } from '../../domain/identity/index.ts';
import { uuidParam } from '../params.ts';

const createSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    scopes: {
      type: 'array',
      items: { type: 'string' },
      maxItems: 100,
      uniqueItems: true,
      description: 'permissions the token is limited to; empty = all of the user',
    },
    expiresInDays: { type: 'integer', minimum: 1, maximum: 365 },
  },
} as const;

export function tokenRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/tokens',
        access: 'authenticated',
        summary: 'Create an API token (the secret is shown once)',
        tags: ['tokens'],
        body: createSchema,
        response: { status: 201 },
        rateLimit: { limit: 30, windowMs: 60_000 },
      },
      async (c, { body }) => json(c, 201, await createToken(domainDeps(c), actionCtx(c), body)),
    )
    .add(
      {
        method: 'get',
        path: '/tokens',
        access: 'authenticated',
        summary: "List API tokens (a token manager sees the tenant's)",
        tags: ['tokens'],
        response: { status: 200 },
      },
      async (c) => {
        const actor = c.get('actor');
        const all = actorPermissions(actor).has('token.manage');
        return json(c, 200, { items: await listTokens(domainDeps(c), actionCtx(c), all) });
      },
    )
    .add(
      {
        method: 'delete',
        path: '/tokens/:id',
        access: 'authenticated',
        summary: 'Revoke an API token',
        tags: ['tokens'],
        response: { status: 200 },
      },
      async (c) => {
        const actor = c.get('actor');
        const others = actorPermissions(actor).has('token.manage');
        return json(
          c,
          200,
          await revokeToken(domainDeps(c), actionCtx(c), uuidParam(c.req.param('id')!, 'API token'), others),
        );
      },
    );
}
