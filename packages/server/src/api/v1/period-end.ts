import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import * as periodEnd from '../../domain/period-end/index.ts';
import { uuidParam } from '../params.ts';
import { date, deps, money } from './ledger-common.ts';

/** Period end: the close checklist, the roll-forward, small-balance clearing. */
export function periodEndRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/periods/:period/checklist',
        access: 'period.read',
        dataScope: 'unscoped-only',
        summary:
          "The close checklist of a period: pending approvals started by its end, receipts of the period not applied (above the tenant's periodEnd.unmatchedBankLinesAbove), a published allowance plan without a provisioning run in the period; each blocker with a link; ready when none",
        tags: ['ledger', 'period-end'],
        response: { status: 200 },
      },
      async (c) => json(c, 200, await periodEnd.periodChecklist(dbOf(c), actionCtx(c), c.req.param('period') ?? '')),
    )
    .add(
      {
        method: 'get',
        path: '/periods/:period/roll-forward',
        access: 'period.read',
        dataScope: 'unscoped-only',
        summary:
          "Per account the period's opening balance, debits, credits and closing balance, and the next period's opening (carried: every closing equals the next opening)",
        tags: ['ledger', 'period-end'],
        response: { status: 200 },
      },
      async (c) => json(c, 200, await periodEnd.rollForward(dbOf(c), actionCtx(c), c.req.param('period') ?? '')),
    )
    .add(
      {
        method: 'post',
        path: '/period-end/small-balances',
        access: 'period.close',
        dataScope: 'unscoped-only',
        summary:
          'Clear small balances: every open receivable or customer credit with at most its currency\'s threshold open ({"thresholds": {"CNY": "1.00"}}) is written off as a small balance, each with its write-off document, voucher and audit entry, in one transaction (at most 1,000 per call; more says so); dryRun lists them and posts nothing',
        tags: ['write-offs', 'period-end'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['thresholds'],
          properties: {
            thresholds: {
              type: 'object',
              minProperties: 1,
              maxProperties: 50,
              propertyNames: { pattern: '^[A-Z]{3}$' },
              additionalProperties: money,
            },
            postingDate: date,
            customerId: { type: 'string', format: 'uuid' },
            reason: { type: 'string', minLength: 1, maxLength: 1000 },
            dryRun: { type: 'boolean' },
          },
        },
        response: { status: 201 },
        idempotent: 'required',
      },
      async (c, { body }) =>
        idempotentPost(c, 'POST /period-end/small-balances', body, async (db) => ({
          status: 201,
          body: await periodEnd.clearSmallBalances(deps(c, db), actionCtx(c), body as periodEnd.SmallBalancesInput),
        })),
    )
    .add(
      {
        method: 'post',
        path: '/period-end/revaluation',
        access: 'period.close',
        dataScope: 'unscoped-only',
        summary:
          'Revalue the open foreign-currency items of a period at its closing rates (?rateDate, default the last day): the unrealised gain and loss posted on the last day against the FX revaluation account and reversed on the first day of the next period; one per period (a second request answers the first); dryRun posts nothing; a currency without a rate is refused',
        tags: ['ledger', 'period-end'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['period'],
          properties: {
            period: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
            rateDate: date,
            dryRun: { type: 'boolean' },
          },
        },
        response: { status: 201 },
        idempotent: 'required',
      },
      async (c, { body }) =>
        idempotentPost(c, 'POST /period-end/revaluation', body, async (db) => ({
          status: 201,
          body: await periodEnd.runRevaluation(deps(c, db), actionCtx(c), body),
        })),
    )
    .add(
      {
        method: 'get',
        path: '/period-end/revaluations/:id',
        access: 'period.read',
        dataScope: 'unscoped-only',
        summary: 'One FX revaluation: its rates, gain and loss, vouchers and the revalued items',
        tags: ['ledger', 'period-end'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await periodEnd.getRevaluation(dbOf(c), c.get('tenant').id, uuidParam(c.req.param('id'), 'revaluation')),
        ),
    );
}
