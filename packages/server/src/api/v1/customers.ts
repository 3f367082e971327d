import { RouteTable } from '../route-table.ts';
import { actionCtx, domainDeps, json, dbOf } from '../context.ts';
import { intQuery, uuidParam } from '../params.ts';
import * as customers from '../../domain/customers/index.ts';

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200 },
    region: { type: 'string', maxLength: 100 },
    salesOwner: { type: 'string', maxLength: 200 },
    taxId: { type: 'string', maxLength: 40 },
    status: { enum: ['active', 'blocked', 'archived'] },
    after: { type: 'string', maxLength: 60 },
    limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
  },
} as const;

export function customerRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/customers',
        access: 'customer.read',
        dataScope: 'customer',
        summary: 'List customers (keyset pages by code: ?after=)',
        tags: ['customers'],
        query: listQuery,
        response: { status: 200, schema: customers.customerPageSchema },
      },
      async (c, { query }) =>
        json(
          c,
          200,
          await customers.listCustomers(
            dbOf(c),
            c.get('tenant').id,
            { ...query, limit: intQuery(query.limit, 'limit', 50, 500) },
            customers.actorScope(c.get('actor')),
          ),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/customers',
        access: 'customer.write',
        dataScope: 'customer',
        summary: 'Create a customer with payer bank accounts and custom fields',
        tags: ['customers'],
        body: customers.customerCreateSchema,
        response: { status: 201, schema: customers.customerViewSchema },
      },
      async (c, { body }) => json(c, 201, (await customers.createCustomers(domainDeps(c), actionCtx(c), [body]))[0]),
    )
    .add(
      {
        method: 'get',
        path: '/customers/:id',
        access: 'customer.read',
        dataScope: 'customer',
        summary: 'One customer with its bank accounts',
        tags: ['customers'],
        response: { status: 200, schema: customers.customerViewSchema },
      },
      async (c) =>
        json(
          c,
          200,
          await customers.getCustomer(
            dbOf(c),
            c.get('tenant').id,
            uuidParam(c.req.param('id'), 'customer'),
            customers.actorScope(c.get('actor')),
          ),
        ),
    )
    .add(
      {
        method: 'patch',
        path: '/customers/:id',
        access: 'customer.write',
        dataScope: 'customer',
        summary: 'Change core or custom fields (audited before/after)',
        tags: ['customers'],
        body: customers.customerUpdateSchema,
        response: { status: 200, schema: customers.customerViewSchema },
      },
      async (c, { body }) =>
        json(
          c,
          200,
          await customers.updateCustomer(domainDeps(c), actionCtx(c), uuidParam(c.req.param('id'), 'customer'), body),
        ),
    );
}
