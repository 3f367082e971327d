import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { intQuery, uuidParam } from '../params.ts';
import { HexiaoError } from '../../domain/errors.ts';
import { actorScope } from '../../domain/customers/index.ts';
import * as matching from '../../domain/matching/index.ts';
import { date, deps, uuid } from './ledger-common.ts';

const runBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dryRun: { type: 'boolean' },
    ruleSet: {
      type: 'object',
      additionalProperties: false,
      required: ['key'],
      properties: {
        key: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' },
        version: { type: 'integer', minimum: 1 },
      },
    },
    scope: {
      type: 'object',
      additionalProperties: false,
      properties: {
        customerIds: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: uuid },
        from: date,
        to: date,
        importId: uuid,
      },
    },
    postingDate: date,
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
    .add<matching.RunInput>(
      {
        method: 'post',
        path: '/matching-runs',
        access: 'settlement.post',
        summary:
          'Run matching over a scope (all receipts, customers, a date range, an import): automatic decisions are posted as settlements, suggestions stored; dryRun posts and stores nothing. Returns the run report.',
        tags: ['matching'],
        body: runBody,
        response: { status: 201 },
        idempotent: true,
      },
      async (c, { body }) => {
        requireUnscoped(c);
        if (!c.req.header('idempotency-key'))
          throw new HexiaoError('invalid_data', 'a matching run posts settlements: send an Idempotency-Key header', {
            pointer: '/headers/idempotency-key',
          });
        return idempotentPost(c, 'POST /matching-runs', body, async (db) => ({
          status: 201,
          body: await matching.runMatching(deps(c, db), actionCtx(c), body),
        }));
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
    );
}
