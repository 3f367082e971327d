import { RouteTable } from '../route-table.ts';
import { dbOf, json } from '../context.ts';
import { intQuery, uuidParam } from '../params.ts';
import { actorScope } from '../../domain/customers/index.ts';
import { getBankLine, listBankLines } from '../../domain/imports/index.ts';

const date = { type: 'string', format: 'date' } as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    accountId: { type: 'string', format: 'uuid', description: 'company bank account' },
    from: { ...date, description: 'booking date on or after' },
    to: { ...date, description: 'booking date on or before' },
    direction: { enum: ['credit', 'debit'] },
    matched: {
      enum: ['true', 'false'],
      description: 'true: credits whose receipt is settled in full; false: credits with no receipt or an open amount',
    },
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'payer name or account, remittance, references' },
    cursor: { type: 'string', maxLength: 200, description: 'the `next` of the previous page' },
    limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
  },
} as const;

/** What the bank said: every imported bank line, with the receipt a credit became and how much of it is settled. */
export function bankLineRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/bank-lines',
        access: 'receipt.read',
        summary:
          'List bank lines newest first (?accountId, ?from, ?to, ?direction, ?matched, ?q text search, keyset ?cursor, ?limit)',
        tags: ['imports'],
        query: listQuery,
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(
          c,
          200,
          await listBankLines(
            dbOf(c),
            c.get('tenant').id,
            {
              ...(query.accountId ? { bankAccountId: query.accountId.toLowerCase() } : {}),
              ...(query.from ? { from: query.from } : {}),
              ...(query.to ? { to: query.to } : {}),
              ...(query.direction ? { direction: query.direction as 'credit' | 'debit' } : {}),
              ...(query.matched ? { matched: query.matched === 'true' } : {}),
              ...(query.q ? { q: query.q } : {}),
              ...(query.cursor ? { cursor: query.cursor } : {}),
              limit: intQuery(query.limit, 'limit', 50, 500),
            },
            actorScope(c.get('actor')),
          ),
        ),
    )
    .add(
      {
        method: 'get',
        path: '/bank-lines/:id',
        access: 'receipt.read',
        summary: 'One bank line with its receipt, open amount and status',
        tags: ['imports'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await getBankLine(
            dbOf(c),
            c.get('tenant').id,
            uuidParam(c.req.param('id'), 'bank line'),
            actorScope(c.get('actor')),
          ),
        ),
    );
}
