import { RouteTable } from '../route-table.ts';
import { actionCtx, json, dbOf } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { intQuery, uuidParam } from '../params.ts';
import { HexiaoError } from '../../domain/errors.ts';
import { actorScope } from '../../domain/customers/index.ts';
import { narrowScope } from '../../domain/identity/index.ts';
import * as ledger from '../../domain/ledger/index.ts';
import * as timeline from '../../domain/timeline/index.ts';
import { deps, documentBody, listQuery, postedView, reversalBody, reverseDocumentHandler } from './ledger-common.ts';

const types = ledger.receivableTypes;

/** Receivables: estimates, invoices, credit notes and adjustments; their open items. */
export function receivableRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/receivables/:id/timeline',
        access: 'receivable.read',
        dataScope: 'customer',
        summary:
          "A receivable's history, oldest first: posting, reversals, settlements (with the other documents, undone ones marked), reminders, requests naming it and their approval decisions, audit entries",
        tags: ['ledger'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await timeline.receivableTimeline(dbOf(c), actionCtx(c), uuidParam(c.req.param('id'), 'receivable'), {
            scope: actorScope(c.get('actor')),
            now: new Date().toISOString(),
          }),
        ),
    )
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
        idempotent: 'required',
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
        idempotent: 'required',
      },
      async (c, { body }) => reverseDocumentHandler(c, 'POST /receivables/:id/reversal', types, body),
    )
    .add(
      {
        method: 'get',
        path: '/open-items',
        access: 'receivable.read',
        dataScope: 'customer',
        summary:
          'Open items by due date, as they stood at the end of ?asOf (default today); filters: customerId, region, salesOwner, side, currency, type, dueFrom, dueTo, unidentified=true (cash with no customer), open=false (settled too); keyset paging by ?cursor',
        tags: ['ledger'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            customerId: { type: 'string', format: 'uuid' },
            side: { enum: ['debit', 'credit'] },
            open: { enum: ['true', 'false'] },
            asOf: { type: 'string', format: 'date' },
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
            type: { type: 'string', pattern: '^[a-z-]{1,40}(,[a-z-]{1,40}){0,9}$' },
            dueFrom: { type: 'string', format: 'date' },
            dueTo: { type: 'string', format: 'date' },
            unidentified: { enum: ['true', 'false'] },
            region: { type: 'string', minLength: 1, maxLength: 100 },
            salesOwner: { type: 'string', minLength: 1, maxLength: 200 },
            cursor: { type: 'string', maxLength: 60 },
            limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
          },
        },
        response: { status: 200, schema: ledger.openItemsPageSchema },
      },
      async (c, { query }) =>
        json(
          c,
          200,
          await ledger.listOpenItemsAsOf(dbOf(c), c.get('tenant'), {
            customerId: query.customerId,
            side: query.side as 'debit' | 'credit' | undefined,
            settled: query.open === 'false',
            asOf: query.asOf,
            currency: query.currency,
            docTypes: query.type?.split(','),
            dueFrom: query.dueFrom,
            dueTo: query.dueTo,
            unidentified: query.unidentified === 'true',
            cursor: query.cursor,
            limit: intQuery(query.limit, 'limit', 100, 1000),
            scope: narrowScope(actorScope(c.get('actor')), {
              ...(query.region !== undefined ? { region: query.region } : {}),
              ...(query.salesOwner !== undefined ? { salesOwner: query.salesOwner } : {}),
            }),
          }),
        ),
    )
    .add(
      {
        method: 'get',
        path: '/customers/:id/balance',
        access: 'receivable.read',
        dataScope: 'customer',
        summary:
          "A customer's open receivables, unapplied credits and net per currency and in base, at the end of ?asOf (default today)",
        tags: ['ledger'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: { asOf: { type: 'string', format: 'date' } },
        },
        response: { status: 200, schema: ledger.customerBalanceSchema },
      },
      async (c, { query }) =>
        json(
          c,
          200,
          await ledger.customerBalance(dbOf(c), c.get('tenant'), uuidParam(c.req.param('id'), 'customer'), {
            asOf: query.asOf,
            scope: actorScope(c.get('actor')),
          }),
        ),
    )
    .add(
      {
        method: 'get',
        path: '/ledger/trial-balance',
        access: 'voucher.read',
        dataScope: 'unscoped-only',
        summary:
          "Trial balance of the vouchers' accounts for ?period=YYYY-MM (opening, debits, credits, closing), each clearing account reconciled to its open items",
        tags: ['ledger'],
        query: {
          type: 'object',
          additionalProperties: false,
          required: ['period'],
          properties: { period: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } },
        },
        response: { status: 200, schema: ledger.trialBalanceSchema },
      },
      async (c, { query }) => json(c, 200, await ledger.trialBalance(dbOf(c), c.get('tenant'), query.period as string)),
    );
}
