import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { intQuery } from '../params.ts';
import * as aging from '../../domain/aging/index.ts';

/** Exports hold every group up to this many (one page); the JSON report pages. */
const exportLimit = 100_000;

const agingQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    asOf: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD, today or earlier (default today)' },
    t0: { type: 'string', maxLength: 80 },
    terms: { type: 'string', maxLength: 10 },
    buckets: { type: 'string', maxLength: 160 },
    groupBy: { type: 'string', maxLength: 80 },
    customerId: { type: 'string', format: 'uuid' },
    page: { type: 'string', pattern: '^[0-9]{1,6}$' },
    limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
    format: { enum: ['json', 'csv', 'xlsx'] },
    lang: { enum: ['zh', 'en'] },
  },
} as const;

/** Reports over the ledger: aging. */
export function reportRoutes(): RouteTable {
  return new RouteTable().add(
    {
      method: 'get',
      path: '/reports/aging',
      access: 'receivable.read',
      dataScope: 'customer',
      summary:
        'Aging of open receivables as of a date (?asOf, ?t0, ?terms, ?buckets=key|0,30,60,90, ?groupBy, ?customerId, ?page, ?limit, ?format=json|csv|xlsx, ?lang)',
      tags: ['reports'],
      query: agingQuery,
      response: { status: 200 },
    },
    async (c, { query }) => {
      const format = query.format ?? 'json';
      const file = format !== 'json';
      const report = await aging.agingReport(dbOf(c), actionCtx(c), {
        ...(query.asOf !== undefined ? { asOf: query.asOf } : {}),
        ...(query.t0 !== undefined ? { t0: query.t0 } : {}),
        ...(query.terms !== undefined ? { terms: query.terms } : {}),
        ...(query.buckets !== undefined ? { buckets: query.buckets } : {}),
        ...(query.groupBy !== undefined ? { groupBy: query.groupBy } : {}),
        ...(query.customerId !== undefined ? { customerId: query.customerId.toLowerCase() } : {}),
        page: file ? 1 : intQuery(query.page, 'page', 1, 999_999),
        limit: file ? exportLimit : intQuery(query.limit, 'limit', 100, 1000),
      });
      if (!file) return json(c, 200, report);
      const lang = (query.lang ?? 'en') as 'zh' | 'en';
      const name = `aging-${report.asOf}`;
      if (format === 'csv')
        return c.body(aging.agingCsv(report, lang), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}.csv"`,
        });
      return c.body(new Uint8Array(await aging.agingXlsx(report, lang)), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${name}.xlsx"`,
      });
    },
  );
}
