import { RouteTable } from '../route-table.ts';
import { actionCtx, json, dbOf } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { intQuery } from '../params.ts';
import * as fx from '../../domain/fx/index.ts';
import { date, deps, rate as rateValue } from './ledger-common.ts';

const rate = {
  type: 'object',
  additionalProperties: false,
  required: ['rateDate', 'fromCurrency', 'toCurrency', 'rate'],
  properties: {
    rateDate: date,
    fromCurrency: { type: 'string', format: 'currency' },
    toCurrency: { type: 'string', format: 'currency' },
    rateType: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,31}$' },
    rate: rateValue,
    source: { type: 'string', maxLength: 200 },
  },
} as const;

/** The FX rate table: date × currency pair × rate type, insert-only. */
export function fxRateRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/fx-rates',
        access: 'fx.read',
        summary: 'List FX rates, newest first (?from, ?to, ?limit)',
        tags: ['ledger'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'string', format: 'currency' },
            to: { type: 'string', format: 'currency' },
            limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
          },
        },
        response: { status: 200, schema: fx.fxRateListSchema },
      },
      async (c, { query }) =>
        json(c, 200, {
          items: await fx.listFxRates(dbOf(c), c.get('tenant').id, {
            from: query.from,
            to: query.to,
            limit: intQuery(query.limit, 'limit', 100, 1000),
          }),
        }),
    )
    .add(
      {
        method: 'post',
        path: '/fx-rates',
        access: 'fx.write',
        summary: 'Record FX rates (a date’s rate for a pair and type is set once)',
        tags: ['ledger'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['rates'],
          properties: { rates: { type: 'array', minItems: 1, maxItems: 1000, items: rate } },
        },
        response: { status: 201, schema: fx.fxRateListSchema },
        idempotent: 'required',
      },
      async (c, { body }) =>
        idempotentPost(c, 'POST /fx-rates', body, async (db) => ({
          status: 201,
          body: { items: await fx.recordFxRates(deps(c, db), actionCtx(c), body.rates) },
        })),
    );
}
