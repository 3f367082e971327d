import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, domainDeps, json } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { intQuery, uuidParam } from '../params.ts';
import { HexiaoError } from '../../domain/errors.ts';
import { actorScope } from '../../domain/customers/index.ts';
import * as matching from '../../domain/matching/index.ts';
import { date, deps, money, uuid } from './ledger-common.ts';
import { submitJob } from './submit-job.ts';
import { matchingBacktestJob, matchingRunJob } from '../../domain/jobs/index.ts';

const runBody = matching.runInputSchema;
const ruleSetRef = runBody.properties.ruleSet;

const reason = { type: 'string', minLength: 1, maxLength: 1000 } as const;

const acceptBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    allocations: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      description: "the clerk's edit: what each document gets from the receipt instead of the suggestion",
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['documentId', 'amount'],
        properties: { documentId: uuid, amount: money, receiptAmount: money },
      },
    },
    postingDate: date,
    reason,
  },
} as const;

/** Runs span every customer: an actor limited to some customers reads decisions through the clerk's queue. */
function requireUnscoped(c: Context<AppEnv>) {
  if (actorScope(c.get('actor')))
    throw new HexiaoError(
      'not_allowed',
      'matching runs span all customers; your data scope limits you to some of them',
    );
}

/** Matching runs: `POST` decides (and posts) receipts, the reads show what each run decided and why. */
export function matchingRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/matching-runs',
        access: 'settlement.post',
        summary:
          'Run matching over a scope (all receipts, customers, a date range, an import): automatic decisions are posted as settlements, suggestions stored; dryRun posts and stores nothing. Returns the run report (201); with `Prefer: respond-async` the run becomes a job and the answer is 202 with the job to follow (GET /jobs/:id, or its events stream).',
        tags: ['matching'],
        body: runBody,
        response: { status: 201 },
        idempotent: 'required',
      },
      async (c, { body }) => {
        requireUnscoped(c);
        if (/\brespond-async\b/i.test(c.req.header('prefer') ?? ''))
          return idempotentPost(c, 'POST /matching-runs', body, async (db) => ({
            status: 202,
            body: await submitJob(c, db, matchingRunJob.kind, body),
          }));
        return idempotentPost(c, 'POST /matching-runs', body, async (db) => {
          const report = await matching.runMatching(deps(c, db), actionCtx(c), body);
          if (!report.dryRun) c.get('metrics').matched(report.counts);
          return { status: 201, body: report };
        });
      },
    )
    .add(
      {
        method: 'get',
        path: '/matching-runs',
        access: 'settlement.read',
        summary: 'Matching runs, newest first (?before, ?limit)',
        tags: ['matching'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            before: { type: 'string', format: 'uuid' },
            limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) => {
        requireUnscoped(c);
        return json(
          c,
          200,
          await matching.listRunViews(dbOf(c), c.get('tenant').id, {
            before: query.before,
            limit: intQuery(query.limit, 'limit', 50, 200),
          }),
        );
      },
    )
    .add(
      {
        method: 'get',
        path: '/matching-runs/:id',
        access: 'settlement.read',
        summary: 'One run with every decision: rule-set version, rule, stage, score, evidence, reasons, explain trace',
        tags: ['matching'],
        response: { status: 200 },
      },
      async (c) => {
        requireUnscoped(c);
        return json(
          c,
          200,
          await matching.getRunView(dbOf(c), c.get('tenant').id, uuidParam(c.req.param('id'), 'matching run')),
        );
      },
    )
    .add(
      {
        method: 'get',
        path: '/matching/queue',
        access: 'settlement.read',
        summary:
          "The clerk's queue: receipts with money still open, oldest first, each with its latest decision (suggestion with evidence, held duplicate, or the top candidates and the gate each failed); filters and keyset paging (?cursor)",
        tags: ['matching'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { enum: ['suggested', 'held', 'unmatched', 'unidentified'] },
            customerId: { type: 'string', format: 'uuid' },
            from: date,
            to: date,
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
            minAmount: { type: 'string', pattern: '^[0-9]{1,16}(\\.[0-9]{1,4})?$' },
            maxAmount: { type: 'string', pattern: '^[0-9]{1,16}(\\.[0-9]{1,4})?$' },
            q: { type: 'string', minLength: 1, maxLength: 200 },
            cursor: { type: 'string', maxLength: 100 },
            limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) => {
        requireUnscoped(c);
        return json(
          c,
          200,
          await matching.listQueue(dbOf(c), c.get('tenant').id, {
            ...(query as Omit<matching.QueueFilter, 'limit'>),
            limit: intQuery(query.limit, 'limit', 50, 500),
          }),
        );
      },
    )
    .add(
      {
        method: 'get',
        path: '/matching-decisions/:id',
        access: 'settlement.read',
        summary: 'One matching decision: rule-set version, rule, score, evidence, reasons, explain trace and status',
        tags: ['matching'],
        response: { status: 200 },
      },
      async (c) => {
        requireUnscoped(c);
        return json(
          c,
          200,
          await matching.getDecisionView(
            dbOf(c),
            c.get('tenant').id,
            uuidParam(c.req.param('id'), 'matching decision'),
          ),
        );
      },
    )
    .add(
      {
        method: 'post',
        path: '/matching-decisions/:id/accept',
        access: 'settlement.post',
        summary:
          'Accept a suggestion as proposed, or with edited allocations: posts the settlement through the locked ledger path (409 and nothing posted when the amounts are no longer open)',
        tags: ['matching'],
        body: acceptBody,
        response: { status: 201 },
        idempotent: 'required',
      },
      async (c, { body }) => {
        requireUnscoped(c);
        const id = uuidParam(c.req.param('id'), 'matching decision');
        return idempotentPost(c, 'POST /matching-decisions/:id/accept', { id, body }, async (db) => ({
          status: 201,
          body: await matching.acceptSuggestion(deps(c, db), actionCtx(c), id, body),
        }));
      },
    )
    .add(
      {
        method: 'post',
        path: '/matching-decisions/:id/reject',
        access: 'settlement.post',
        summary: 'Reject a suggestion with a reason: nothing is posted, the receipt stays in the queue',
        tags: ['matching'],
        body: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason } },
        response: { status: 200 },
        idempotent: true,
      },
      async (c, { body }) => {
        requireUnscoped(c);
        const id = uuidParam(c.req.param('id'), 'matching decision');
        return idempotentPost(c, 'POST /matching-decisions/:id/reject', { id, body }, async (db) => ({
          status: 200,
          body: await matching.rejectSuggestion(deps(c, db), actionCtx(c), id, body),
        }));
      },
    )
    .add(
      {
        method: 'post',
        path: '/receipts/:id/assignment',
        access: 'receipt.write',
        summary:
          'Give a receipt posted without a customer its customer (an insert-only assignment record with a reason; the posted receipt is not changed)',
        tags: ['matching'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['customerId', 'reason'],
          properties: { customerId: uuid, reason },
        },
        response: { status: 201 },
        idempotent: 'required',
      },
      async (c, { body }) => {
        requireUnscoped(c);
        const id = uuidParam(c.req.param('id'), 'receipt');
        return idempotentPost(c, 'POST /receipts/:id/assignment', { id, body }, async (db) => ({
          status: 201,
          body: await matching.assignReceipt(deps(c, db), actionCtx(c), id, body),
        }));
      },
    )
    .add(
      {
        method: 'post',
        path: '/matching-backtests',
        access: 'definition.write',
        summary:
          'Backtest a rule set (its draft unless a version is given; the version in force when it has no draft) against the published one over a period of history, posting nothing: match rate, amount matched, precision against what people settled per rule (under 99.9 % flagged for demotion to suggest), and every receipt whose outcome changes with both explanations. With `Prefer: respond-async` it runs as a job: 202 with the job (its result has the figures and backtestId)',
        tags: ['matching'],
        body: matching.backtestInputSchema,
        response: { status: 201 },
      },
      async (c, { body }) => {
        requireUnscoped(c);
        if (/\brespond-async\b/i.test(c.req.header('prefer') ?? ''))
          return json(c, 202, await submitJob(c, dbOf(c), matchingBacktestJob.kind, body));
        return json(c, 201, await matching.runBacktest(deps(c, dbOf(c)), actionCtx(c), body));
      },
    )
    .add(
      {
        method: 'get',
        path: '/matching-backtests/:id',
        access: 'definition.read',
        summary: 'A stored backtest result',
        tags: ['matching'],
        response: { status: 200 },
      },
      async (c) => {
        requireUnscoped(c);
        return json(
          c,
          200,
          await matching.getBacktest(dbOf(c), c.get('tenant').id, uuidParam(c.req.param('id'), 'matching backtest')),
        );
      },
    )
    .add(
      {
        method: 'post',
        path: '/matching-proposals',
        access: 'definition.write',
        summary:
          "Learn from clerks: payer accounts settled by hand for one customer (at least minSettlements times in the period) become a draft rule set '<key>-proposal' with a backtest against the published one attached; nothing is published",
        tags: ['matching'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: {
            ruleSet: {
              type: 'object',
              additionalProperties: false,
              required: ['key'],
              properties: { key: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,118}$' } },
            },
            from: date,
            to: date,
            minSettlements: { type: 'integer', minimum: 1, maximum: 1000 },
          },
        },
        response: { status: 201 },
      },
      async (c, { body }) => {
        requireUnscoped(c);
        return json(c, 201, await matching.proposeRules(domainDeps(c), actionCtx(c), body));
      },
    )
    .add(
      {
        method: 'get',
        path: '/matching/queue/receivables',
        access: 'settlement.read',
        summary:
          "The queue's other side: open documents of a customer (and with group=true its subsidiaries) a receipt may be allocated to, oldest due first, keyset-paged (?cursor)",
        tags: ['matching'],
        query: {
          type: 'object',
          additionalProperties: false,
          required: ['customerId'],
          properties: {
            customerId: { type: 'string', format: 'uuid' },
            group: { enum: ['true', 'false'] },
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
            q: { type: 'string', minLength: 1, maxLength: 200 },
            cursor: { type: 'string', maxLength: 100 },
            limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) => {
        requireUnscoped(c);
        return json(
          c,
          200,
          await matching.listQueueReceivables(dbOf(c), c.get('tenant').id, {
            customerId: query.customerId!,
            group: query.group === 'true',
            currency: query.currency,
            q: query.q,
            cursor: query.cursor,
            limit: intQuery(query.limit, 'limit', 50, 500),
          }),
        );
      },
    )
    .add(
      {
        method: 'post',
        path: '/matching/allocation-preview',
        access: 'settlement.read',
        summary:
          'Running totals of a manual allocation of a receipt before posting it: each document open before and after, the total so far, what stays on the receipt, and every problem the ledger would refuse (by pointer); posts nothing',
        tags: ['matching'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['receiptId', 'allocations'],
          properties: {
            receiptId: uuid,
            allocations: {
              type: 'array',
              minItems: 1,
              maxItems: 1000,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['documentId', 'amount'],
                properties: { documentId: uuid, amount: money },
              },
            },
          },
        },
        response: { status: 200 },
      },
      async (c, { body }) => {
        requireUnscoped(c);
        return json(c, 200, await matching.previewAllocation(dbOf(c), c.get('tenant').id, body));
      },
    );
}
