import { RouteTable } from '../route-table.ts';
import { actionCtx, domainDeps, json } from '../context.ts';
import { createUser, listUsers, type UserInput } from '../../domain/identity/index.ts';

const createSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'name', 'roles'],
  properties: {
    email: { type: 'string', format: 'email', maxLength: 320 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    password: { type: 'string', minLength: 8, maxLength: 1024 },
    roles: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 20 },
    attributes: { type: 'object', description: 'facts data scopes use, e.g. { "region": "East" }' },
  },
} as const;

export function userRoutes(): RouteTable {
  return new RouteTable()
    .add({ method: 'get', path: '/users', access: 'user.read', summary: "List the tenant's users", tags: ['users'], response: { status: 200 } }, async (c) =>
      json(c, 200, { items: await listUsers(c.get('deps').database.db, c.get('tenant').id) }),
    )
    .add<UserInput>(
      { method: 'post', path: '/users', access: 'user.manage', summary: 'Create a user', tags: ['users'], body: createSchema, response: { status: 201 } },
      async (c, { body }) => json(c, 201, await createUser(domainDeps(c), actionCtx(c), body)),
    );
}
