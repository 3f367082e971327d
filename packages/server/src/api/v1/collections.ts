import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { intQuery, uuidParam } from '../params.ts';
import * as collections from '../../domain/collections/index.ts';
import { actorScope } from '../../domain/customers/index.ts';
import { date, deps, money } from './ledger-common.ts';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

const listQuery = (statuses: readonly string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    properties: {
      customerId: { type: 'string', format: 'uuid' },
      documentId: { type: 'string', format: 'uuid' },
      status: { enum: [...statuses] },
      limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
    },
  }) as const;

type ListQuery = { customerId?: string; documentId?: string; status?: string; limit?: string };

const filterOf = (q: ListQuery, scope: ReturnType<typeof actorScope>) => ({
  ...(q.customerId ? { customerId: q.customerId.toLowerCase() } : {}),
  ...(q.documentId ? { documentId: q.documentId.toLowerCase() } : {}),
  ...(q.status ? { status: q.status } : {}),
  ...(scope ? { scope } : {}),
  limit: intQuery(q.limit, 'limit', 100, 1000),
});

/** Collections: customers' promises to pay and their disputes on open receivables. */
export function collectionRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/receivables/:id/promises',
        access: 'receivable.write',
        dataScope: 'customer',
        summary:
          "Record the customer's promise to pay an open receivable (all that is open unless amount says less) by a date: the collection plan expects it then, reminders wait until then, and the daily sweep records it kept or broken (a broken promise escalates)",
        tags: ['collections'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['promisedDate'],
          properties: { promisedDate: date, amount: money, note: text(1000), madeOn: date },
        },
        response: { status: 201 },
        idempotent: 'required',
      },
      async (c, { body }) => {
        const id = uuidParam(c.req.param('id'), 'receivable');
        return idempotentPost(c, 'POST /receivables/:id/promises', { id, body }, async (db) => ({
          status: 201,
          body: await collections.makePromise(deps(c, db), actionCtx(c), id, body, actorScope(c.get('actor'))),
        }));
      },
    )
    .add(
      {
        method: 'get',
        path: '/promises',
        access: 'receivable.read',
        dataScope: 'customer',
        summary: 'Promises to pay, newest first (?customerId, ?documentId, ?status open|kept|broken|cancelled, ?limit)',
        tags: ['collections'],
        query: listQuery(collections.promiseStatuses),
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(c, 200, {
          items: await collections.listPromises(dbOf(c), actionCtx(c), filterOf(query, actorScope(c.get('actor')))),
        }),
    )
    .add(
      {
        method: 'post',
        path: '/promises/:id/cancel',
        access: 'receivable.write',
        dataScope: 'customer',
        summary: 'Withdraw an open promise to pay, with a reason (409 once it is kept, broken or cancelled)',
        tags: ['collections'],
        body: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: text(1000) } },
        response: { status: 200 },
      },
      async (c, { body }) =>
        json(
          c,
          200,
          await collections.cancelPromise(
            deps(c),
            actionCtx(c),
            uuidParam(c.req.param('id'), 'promise'),
            body.reason,
            actorScope(c.get('actor')),
          ),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/receivables/:id/disputes',
        access: 'receivable.write',
        dataScope: 'customer',
        summary:
          "Open a dispute on an open receivable (the customer contests its price, quantity, quality, delivery…): the item's reminders pause until it is resolved",
        tags: ['collections'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['category', 'reason'],
          properties: { category: { enum: [...collections.disputeCategories] }, reason: text(2000), amount: money },
        },
        response: { status: 201 },
      },
      async (c, { body }) =>
        json(
          c,
          201,
          await collections.openDispute(
            deps(c),
            actionCtx(c),
            uuidParam(c.req.param('id'), 'receivable'),
            body,
            actorScope(c.get('actor')),
          ),
        ),
    )
    .add(
      {
        method: 'get',
        path: '/disputes',
        access: 'receivable.read',
        dataScope: 'customer',
        summary: 'Disputes, newest first (?customerId, ?documentId, ?status open|resolved, ?limit)',
        tags: ['collections'],
        query: listQuery(collections.disputeStatuses),
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(c, 200, {
          items: await collections.listDisputes(dbOf(c), actionCtx(c), filterOf(query, actorScope(c.get('actor')))),
        }),
    )
    .add(
      {
        method: 'post',
        path: '/disputes/:id/resolve',
        access: 'receivable.write',
        dataScope: 'customer',
        summary:
          "Resolve an open dispute with what was agreed; the item's reminders resume (409 when resolved already)",
        tags: ['collections'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['resolution'],
          properties: { resolution: text(2000) },
        },
        response: { status: 200 },
      },
      async (c, { body }) =>
        json(
          c,
          200,
          await collections.resolveDispute(
            deps(c),
            actionCtx(c),
            uuidParam(c.req.param('id'), 'dispute'),
            body.resolution,
            actorScope(c.get('actor')),
          ),
        ),
    );
}
