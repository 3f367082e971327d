import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { Db } from '../../domain/deps.ts';
import { RouteTable } from '../route-table.ts';
import { actorScope } from '../../domain/customers/index.ts';
import { actionCtx, json, dbOf } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { intQuery, uuidParam } from '../params.ts';
import * as ledger from '../../domain/ledger/index.ts';
import * as settlement from '../../domain/settlement/index.ts';
import { date, deps, money, reversalBody, uuid } from './ledger-common.ts';

const allocateBody = {
  type: 'object',
  additionalProperties: false,
  required: ['lines'],
  properties: {
    postingDate: date,
    reason: { type: 'string', minLength: 1, maxLength: 1000 },
    customerId: { ...uuid, description: "the paying customer, when a parent settles its subsidiaries' documents" },
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['debitDocumentId', 'creditDocumentId', 'amount'],
        properties: { debitDocumentId: uuid, creditDocumentId: uuid, amount: money, creditAmount: money },
      },
    },
  },
} as const;

/** The posted settlement as GET /settlements/:id shows it (read in the same transaction), with its voucher. */
async function view(c: Context<AppEnv>, db: Db, r: settlement.PostedSettlement) {
  return {
    settlement: await settlement.getSettlementView(db, c.get('tenant'), r.settlement.id),
    voucher: r.voucher ? ledger.voucherView(r.voucher) : null,
  };
}

/** Manual settlement across documents of one customer, and its reversal. */
export function settlementRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/settlements',
        access: 'settlement.post',
        dataScope: 'customer',
        summary:
          'Allocate credit documents to debit documents of one customer, or of a paying parent and its subsidiaries (amounts in each document currency)',
        tags: ['ledger'],
        body: allocateBody,
        response: { status: 201, schema: settlement.postedSettlementSchema },
        idempotent: 'required',
      },
      async (c, { body }) =>
        idempotentPost(c, 'POST /settlements', body, async (db) => ({
          status: 201,
          body: await view(c, db, await settlement.allocate(deps(c, db), actionCtx(c), body)),
        })),
    )
    .add(
      {
        method: 'get',
        path: '/settlements',
        access: 'settlement.read',
        dataScope: 'customer',
        summary: 'List settlements, newest first (?customerId, ?before, ?limit)',
        tags: ['ledger'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            customerId: { type: 'string', format: 'uuid' },
            before: { type: 'string', format: 'uuid' },
            limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
          },
        },
        response: { status: 200, schema: settlement.settlementPageSchema },
      },
      async (c, { query }) =>
        json(
          c,
          200,
          await settlement.listSettlementViews(dbOf(c), c.get('tenant'), {
            customerId: query.customerId,
            before: query.before,
            limit: intQuery(query.limit, 'limit', 50, 500),
            scope: actorScope(c.get('actor')),
          }),
        ),
    )
    .add(
      {
        method: 'get',
        path: '/settlements/:id',
        access: 'settlement.read',
        dataScope: 'customer',
        summary: 'One settlement with its lines in document and base currency',
        tags: ['ledger'],
        response: { status: 200, schema: settlement.settlementViewSchema },
      },
      async (c) =>
        json(
          c,
          200,
          await settlement.getSettlementView(
            dbOf(c),
            c.get('tenant'),
            uuidParam(c.req.param('id'), 'settlement'),
            actorScope(c.get('actor')),
          ),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/settlements/:id/reversal',
        access: 'settlement.reverse',
        dataScope: 'customer',
        summary: 'Reverse a settlement with a reason (posts its mirror; once)',
        tags: ['ledger'],
        body: reversalBody,
        response: { status: 201, schema: settlement.postedSettlementSchema },
        idempotent: 'required',
      },
      async (c, { body }) => {
        const id = uuidParam(c.req.param('id'), 'settlement');
        return idempotentPost(c, 'POST /settlements/:id/reversal', { id, body }, async (db) => ({
          status: 201,
          body: await view(
            c,
            db,
            await settlement.reverseSettlement(deps(c, db), actionCtx(c), { settlementId: id, ...body }),
          ),
        }));
      },
    );
}
