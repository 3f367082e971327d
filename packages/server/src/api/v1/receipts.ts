import { RouteTable } from '../route-table.ts';
import { actionCtx, json, dbOf } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { intQuery, uuidParam } from '../params.ts';
import { HexiaoError } from '../../domain/errors.ts';
import { actorScope } from '../../domain/customers/index.ts';
import * as ledger from '../../domain/ledger/index.ts';
import { deps, documentBody, listQuery, postedView, reversalBody, reverseDocumentHandler } from './ledger-common.ts';

const types = ledger.receiptTypes;

/** Receipts, prepayments and refunds; a receipt may name no customer (unidentified cash). */
export function receiptRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/receipts',
        access: 'receipt.write',
        dataScope: 'customer',
        summary: 'Post a receipt, prepayment or refund (type defaults to receipt)',
        tags: ['ledger'],
        body: { ...documentBody(types), required: ['currency', 'amount', 'documentDate'] },
        response: { status: 201, schema: ledger.postedDocumentSchema },
        idempotent: 'required',
      },
      async (c, { body }) =>
        idempotentPost(c, 'POST /receipts', body, async (db) => ({
          status: 201,
          body: postedView(
            c,
            await ledger.postDocument(deps(c, db), actionCtx(c), { ...body, type: body.type ?? 'receipt' }),
          ),
        })),
    )
    .add(
      {
        method: 'get',
        path: '/receipts',
        access: 'receipt.read',
        dataScope: 'customer',
        summary: 'List receipts, newest first (?customerId, ?type, ?before, ?limit)',
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
        path: '/receipts/:id',
        access: 'receipt.read',
        dataScope: 'customer',
        summary: 'One receipt with open amount, voucher, settlement lines and reversals',
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
            uuidParam(c.req.param('id'), 'receipt'),
            types,
            actorScope(c.get('actor')),
          ),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/receipts/:id/reversal',
        access: 'receipt.write',
        dataScope: 'customer',
        summary: 'Reverse a fully open receipt with a red document (once)',
        tags: ['ledger'],
        body: reversalBody,
        response: { status: 201 },
        idempotent: 'required',
      },
      async (c, { body }) => reverseDocumentHandler(c, 'POST /receipts/:id/reversal', types, body),
    );
}
