import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { intQuery, uuidParam } from '../params.ts';
import * as credit from '../../domain/credit/index.ts';
import { amountPattern } from '../../domain/money/index.ts';

/** Credit: a customer's score, grade and exposure against its limit; the check a sales system calls before an order. */
export function creditRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/credit-scores/sweep',
        access: 'receivable.write',
        dataScope: 'unscoped-only',
        summary:
          'Run the daily credit sweep now (?asOf in the body): scores and stores every customer with something open under the published policy, warns of grade drops, limits exceeded and overdue thresholds, and sends the weekly digest on its weekday; a second run the same day stores and tells nothing again',
        tags: ['credit'],
        body: { type: 'object', additionalProperties: false, properties: { asOf: { type: 'string', maxLength: 10 } } },
        response: { status: 200 },
      },
      async (c, { body }) => json(c, 200, await credit.runCreditSweep(dbOf(c), actionCtx(c), body)),
    )
    .add(
      {
        method: 'get',
        path: '/credit-scores',
        access: 'customer.read',
        dataScope: 'customer',
        summary: 'Stored credit scores, newest first (?customerId, ?asOf, ?limit): a customer’s score history',
        tags: ['credit'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            customerId: { type: 'string', format: 'uuid' },
            asOf: { type: 'string', format: 'date' },
            limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(c, 200, {
          items: await credit.listStoredScores(dbOf(c), actionCtx(c), {
            ...(query.customerId ? { customerId: query.customerId.toLowerCase() } : {}),
            ...(query.asOf ? { asOf: query.asOf } : {}),
            limit: intQuery(query.limit, 'limit', 100, 1000),
          }),
        }),
    )
    .add(
      {
        method: 'get',
        path: '/reports/risky-customers',
        access: 'receivable.read',
        dataScope: 'customer',
        summary:
          'The riskiest customers in your scope: lowest credit scores among the largest overdue amounts (?limit)',
        tags: ['credit'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'string', pattern: '^[0-9]{1,3}$' } },
        },
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(c, 200, await credit.riskyCustomers(dbOf(c), actionCtx(c), intQuery(query.limit, 'limit', 20, 200))),
    )
    .add(
      {
        method: 'get',
        path: '/customers/:id/credit',
        access: 'receivable.read',
        dataScope: 'customer',
        summary: "A customer's credit as of today: limit, exposure, available, payment figures, score and grade",
        tags: ['credit'],
        response: { status: 200 },
      },
      async (c) =>
        json(c, 200, await credit.customerCredit(dbOf(c), actionCtx(c), uuidParam(c.req.param('id'), 'customer'))),
    )
    .add(
      {
        method: 'post',
        path: '/credit-checks',
        access: 'receivable.read',
        dataScope: 'customer',
        summary: 'Check an order against the credit policy: allow, warn or block, with reasons (records nothing)',
        tags: ['credit'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['customerId', 'amount'],
          properties: {
            customerId: { type: 'string', format: 'uuid' },
            amount: { type: 'string', pattern: amountPattern, description: 'the order amount in the base currency' },
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          },
        },
        response: { status: 200 },
      },
      async (c, { body }) =>
        json(
          c,
          200,
          await credit.creditCheck(dbOf(c), actionCtx(c), { ...body, customerId: body.customerId.toLowerCase() }),
        ),
    );
}
