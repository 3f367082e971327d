import { RouteTable } from '../route-table.ts';
import { actionCtx, json, dbOf } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { intQuery, uuidParam } from '../params.ts';
import { HexiaoError } from '../../domain/errors.ts';
import { actorScope } from '../../domain/customers/index.ts';
import * as ledger from '../../domain/ledger/index.ts';
import { deps, documentBody, listQuery, postedView, reversalBody, reverseDocumentHandler } from './ledger-common.ts';

const types = ledger.receivableTypes;

/** Receivables: estimates, invoices, credit notes and adjustments; their open items. */
export function receivableRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/receivables',
        access: 'receivable.write',
        dataScope: 'customer',
        summary: 'Post a receivable (estimate, invoice, credit note, adjustment) with its balanced voucher',
        tags: ['ledger'],
        body: documentBody(types),
        response: { status: 201, schema: ledger.postedDocumentSchema },
        idempotent: true,
      },
      async (c, { body }) =>
        idempotentPost(c, 'POST /receivables', body, async (db) => ({
          status: 201,
          body: postedView(c, await ledger.postDocument(deps(c, db), actionCtx(c), body)),
        })),
    )
    .add(
      {
        method: 'get',
        path: '/receivables',
        access: 'receivable.read',
        dataScope: 'customer',
        summary: 'List receivables, newest first (?customerId, ?type, ?before, ?limit)',
        tags: ['ledger'],
        query: listQuery,
        response: { status: 200, schema: ledger.documentPageSchema },
      },
      async (c, { query }) => {
        if (query.type && !(types as readonly string[]).includes(query.type))
          throw new HexiaoError('invalid_data', `type must be one of ${types.join(', ')}`, { pointer: '/query/type' });
        return json(
          c,
          200,
          await ledger.listDocumentViews(dbOf(c), c.get('tenant'), {
            types: query.type ? [query.type] : types,
            customerId: query.customerId,
            before: query.before,
            limit: intQuery(query.limit, 'limit', 50, 500),
            scope: actorScope(c.get('actor')),
          }),
        );
      },
    )
    .add(
      {
        method: 'get',
        path: '/receivables/:id',
        access: 'receivable.read',
        dataScope: 'customer',
        summary: 'One receivable with open amount, voucher, settlement lines and reversals',
        tags: ['ledger'],
        response: { status: 200, schema: ledger.documentDetailSchema },
      },
      async (c) =>
        json(
          c,
          200,
          await ledger.getDocumentDetail(
            dbOf(c),
            c.get('tenant'),
            uuidParam(c.req.param('id'), 'receivable'),
            types,
            actorScope(c.get('actor')),
          ),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/receivables/:id/reversal',
        access: 'receivable.write',
        dataScope: 'customer',
        summary: 'Reverse a fully open receivable with a red document (once)',
        tags: ['ledger'],
        body: reversalBody,
        response: { status: 201 },
        idempotent: true,
      },
      async (c, { body }) => reverseDocumentHandler(c, 'POST /receivables/:id/reversal', types, body),
    )
    .add(
      {
        method: 'get',
        path: '/open-items',
        access: 'receivable.read',
        dataScope: 'customer',
        summary: 'Open items by due date (?customerId, ?side, ?open=true)',
        tags: ['ledger'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            customerId: { type: 'string', format: 'uuid' },
            side: { enum: ['debit', 'credit'] },
            open: { enum: ['true', 'false'] },
            limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(c, 200, {
          items: await ledger.listOpenItemViews(dbOf(c), c.get('tenant'), {
            customerId: query.customerId,
            side: query.side as 'debit' | 'credit' | undefined,
            onlyOpen: query.open !== 'false',
            limit: intQuery(query.limit, 'limit', 100, 1000),
            scope: actorScope(c.get('actor')),
          }),
        }),
    );
}
