import { RouteTable } from '../route-table.ts';
import { dbOf, json } from '../context.ts';
import { previewDataScope, type ScopePreviewInput } from '../../domain/identity/index.ts';

const previewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['userId'],
  properties: {
    userId: { type: 'string', format: 'uuid' },
    role: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,40}$', description: 'the role whose scope is replaced' },
    dataScope: { type: ['object', 'null'], description: 'a draft scope for that role (null = all rows)' },
  },
} as const;

/** Data-scope preview: how many customers a user would see, optionally with one role's scope replaced. */
export function roleScopePreviewRoutes(): RouteTable {
  return new RouteTable().add(
    {
      method: 'post',
      path: '/roles/scope-preview',
      access: 'user.read',
      summary: 'How many customers a user sees under their roles, with a draft scope for one role; nothing is saved',
      tags: ['roles'],
      body: previewSchema,
      response: { status: 200 },
    },
    async (c, { body }) => json(c, 200, await previewDataScope(dbOf(c), c.get('tenant').id, body)),
  );
}
