import { RouteTable } from '../route-table.ts';
import { actionCtx, domainDeps, json, dbOf } from '../context.ts';
import {
  listRoles,
  saveRole,
  permissions,
  scopeFields,
  roleListSchema,
  roleViewSchema,
} from '../../domain/identity/index.ts';
import { HexiaoError } from '../../domain/errors.ts';

const roleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'permissions'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    permissions: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 200 },
    dataScope: {
      description: 'JSON-Logic subset over customer fields and $user.*; null = all rows',
      type: ['object', 'null'],
    },
  },
} as const;

export function roleRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/permissions',
        access: 'user.read',
        summary: 'Every permission and the fields a data scope may use',
        tags: ['roles'],
        response: { status: 200 },
      },
      (c) => json(c, 200, { permissions, scopeFields }),
    )
    .add(
      {
        method: 'get',
        path: '/roles',
        access: 'user.read',
        summary: "The tenant's roles: permissions and data scopes",
        tags: ['roles'],
        response: { status: 200, schema: roleListSchema },
      },
      async (c) => json(c, 200, { items: await listRoles(dbOf(c), c.get('tenant').id) }),
    )
    .add(
      {
        method: 'put',
        path: '/roles/:key',
        access: 'tenant.admin',
        summary: 'Create or change a role (audited)',
        tags: ['roles'],
        body: roleSchema,
        response: { status: 200, schema: roleViewSchema },
      },
      async (c, { body }) => {
        const key = c.req.param('key')!;
        if (!/^[a-z][a-z0-9-]{1,40}$/.test(key))
          throw new HexiaoError('invalid_data', `role key ${key.slice(0, 60)} must be kebab-case`, { pointer: '/key' });
        return json(c, 200, await saveRole(domainDeps(c), actionCtx(c), key, body));
      },
    );
}
