import { RouteTable } from '../route-table.ts';
import { json, dbOf } from '../context.ts';
import { intQuery, uuidParam } from '../params.ts';
import * as ledger from '../../domain/ledger/index.ts';
import { actorScope } from '../../domain/customers/index.ts';

const period = { type: 'string', pattern: '^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])$' } as const;

/** Vouchers (journal entries) with their lines, and their export as CSV or JSON. */
export function voucherRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/vouchers/export',
        access: 'voucher.export',
        dataScope: 'unscoped-only',
        summary: 'Export a period’s vouchers (?period=YYYY-MM&format=csv|json)',
        tags: ['ledger'],
        query: {
          type: 'object',
          additionalProperties: false,
          required: ['period'],
          properties: { period, format: { enum: ['csv', 'json'] } },
        },
        response: { status: 200, contentType: 'text/csv' },
      },
      async (c, { query }) => {
        const format = (query.format ?? 'csv') as 'csv' | 'json';
        const out = await ledger.exportVouchers(dbOf(c), c.get('tenant').id, query.period!, format);
        if (format === 'json') return json(c, 200, { period: query.period, vouchers: out });
        return c.body(out as string, 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="vouchers-${query.period}.csv"`,
        });
      },
    )
    .add(
      {
        method: 'get',
        path: '/vouchers',
        access: 'voucher.read',
        dataScope: 'customer',
        summary: 'List vouchers in number order (?period, ?sourceId, ?after=2026-11-000042, ?limit)',
        tags: ['ledger'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            period,
            sourceId: { type: 'string', format: 'uuid' },
            after: { type: 'string', maxLength: 20 },
            limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
          },
        },
        response: { status: 200, schema: ledger.voucherPageSchema },
      },
      async (c, { query }) =>
        json(
          c,
          200,
          await ledger.listVoucherViews(dbOf(c), c.get('tenant').id, {
            period: query.period,
            sourceId: query.sourceId,
            after: query.after,
            limit: intQuery(query.limit, 'limit', 50, 500),
            scope: actorScope(c.get('actor')),
          }),
        ),
    )
    .add(
      {
        method: 'get',
        path: '/ledger/check',
        access: 'audit.read',
        dataScope: 'unscoped-only',
        summary:
          'Check the books: open items equal their rebuild, vouchers balance and are gapless, reversals net to zero',
        tags: ['ledger'],
        response: { status: 200 },
      },
      async (c) => json(c, 200, await ledger.checkBooks(dbOf(c), c.get('tenant').id)),
    )
    .add(
      {
        method: 'get',
        path: '/vouchers/:id',
        access: 'voucher.read',
        dataScope: 'customer',
        summary: 'One voucher with its lines and the account-mapping version used',
        tags: ['ledger'],
        response: { status: 200, schema: ledger.voucherViewSchema },
      },
      async (c) =>
        json(
          c,
          200,
          await ledger.getVoucherView(
            dbOf(c),
            c.get('tenant').id,
            uuidParam(c.req.param('id'), 'voucher'),
            actorScope(c.get('actor')),
          ),
        ),
    );
}
