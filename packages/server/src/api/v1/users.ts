import { RouteTable } from '../route-table.ts';
import { actionCtx, domainDeps, json, dbOf } from '../context.ts';
import {
  assignRoles,
  createUser,
  listUsers,
  setUserStatus,
  userListSchema,
  userViewSchema,
} from '../../domain/identity/index.ts';
import { uuidParam } from '../params.ts';

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
    .add(
      {
        method: 'get',
        path: '/users',
        access: 'user.read',
        summary: "List the tenant's users",
        tags: ['users'],
        response: { status: 200, schema: userListSchema },
      },
      async (c) => json(c, 200, { items: await listUsers(dbOf(c), c.get('tenant').id) }),
    )
    .add(
      {
        method: 'post',
        path: '/users',
        access: 'user.manage',
        dataScope: 'unscoped-only',
        summary: 'Create a user',
        tags: ['users'],
        body: createSchema,
        response: { status: 201, schema: userViewSchema },
      },
      async (c, { body }) => json(c, 201, await createUser(domainDeps(c), actionCtx(c), body)),
    )
    .add(
      {
        method: 'put',
        path: '/users/:id/roles',
        access: 'user.manage',
        dataScope: 'unscoped-only',
        summary: "Replace a user's roles (audited)",
        tags: ['users'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['roles'],
          properties: { roles: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 20 } },
        },
        response: { status: 200 },
      },
      async (c, { body }) =>
        json(c, 200, await assignRoles(domainDeps(c), actionCtx(c), uuidParam(c.req.param('id'), 'user'), body.roles)),
    )
    .add(
      {
        method: 'put',
        path: '/users/:id/status',
        access: 'user.manage',
        dataScope: 'unscoped-only',
        summary: 'Disable or re-enable a user (their sessions stop working)',
        tags: ['users'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['status'],
          properties: { status: { enum: ['active', 'disabled'] } },
        },
        response: { status: 200, schema: userViewSchema },
      },
      async (c, { body }) =>
        json(
          c,
          200,
          await setUserStatus(domainDeps(c), actionCtx(c), uuidParam(c.req.param('id'), 'user'), body.status),
        ),
    );
}
