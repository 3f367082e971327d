import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { intQuery, uuidParam } from '../params.ts';
import * as aging from '../../domain/aging/index.ts';
import * as statements from '../../domain/statements/index.ts';
import { statementHtml } from './statement-html.ts';

/** Exports hold every group up to this many (one page); the JSON report pages. */
const exportLimit = 100_000;

const agingQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    asOf: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD, today or earlier (default today)' },
    t0: { type: 'string', maxLength: 80 },
    terms: { type: 'string', maxLength: 200 },
    buckets: { type: 'string', maxLength: 160 },
    groupBy: { type: 'string', maxLength: 80 },
    customerId: { type: 'string', format: 'uuid' },
    region: { type: 'string', minLength: 1, maxLength: 100 },
    salesOwner: { type: 'string', minLength: 1, maxLength: 200 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'only items in this currency (ISO 4217)' },
    page: { type: 'string', pattern: '^[0-9]{1,6}$' },
    limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
    format: { enum: ['json', 'csv', 'xlsx'] },
    lang: { enum: ['zh', 'en'] },
  },
} as const;

/** Reports over the ledger: aging, the collection plan, statements of account. */
/** The query the collection plan and the KPIs share with the aging report: as of, grouping, customer, paging. */
const groupedReportQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    asOf: agingQuery.properties.asOf,
    groupBy: agingQuery.properties.groupBy,
    customerId: agingQuery.properties.customerId,
    region: agingQuery.properties.region,
    salesOwner: agingQuery.properties.salesOwner,
    currency: agingQuery.properties.currency,
    page: agingQuery.properties.page,
    limit: agingQuery.properties.limit,
    format: agingQuery.properties.format,
    lang: agingQuery.properties.lang,
  },
} as const;

/** The report's customer filters as the domain takes them. */
const filterOf = (query: { region?: string; salesOwner?: string; currency?: string }) => ({
  ...(query.region !== undefined ? { region: query.region } : {}),
  ...(query.currency !== undefined ? { currency: query.currency } : {}),
  ...(query.salesOwner !== undefined ? { salesOwner: query.salesOwner } : {}),
});

const groupedReportInput = (query: {
  asOf?: string;
  groupBy?: string;
  customerId?: string;
  region?: string;
  salesOwner?: string;
  currency?: string;
  page?: string;
  limit?: string;
  format?: string;
}) => ({
  filter: filterOf(query),
  ...(query.asOf !== undefined ? { asOf: query.asOf } : {}),
  ...(query.groupBy !== undefined ? { groupBy: query.groupBy } : {}),
  ...(query.customerId !== undefined ? { customerId: query.customerId.toLowerCase() } : {}),
  // a file holds every group up to the export limit on one page; the JSON report pages
  ...((query.format ?? 'json') === 'json'
    ? { page: intQuery(query.page, 'page', 1, 999_999), limit: intQuery(query.limit, 'limit', 100, 1000) }
    : { page: 1, limit: exportLimit }),
});

/** A report as the file asked for: CSV or XLSX, named by the report and its date. */
async function reportFile<R extends { asOf: string }>(
  c: Context<AppEnv>,
  report: R,
  name: string,
  format: 'csv' | 'xlsx',
  lang: 'zh' | 'en',
  files: { csv: (r: R, lang: 'zh' | 'en') => string; xlsx: (r: R, lang: 'zh' | 'en') => Promise<Buffer> },
) {
  const file = `${name}-${report.asOf}`;
  if (format === 'csv')
    return c.body(files.csv(report, lang), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file}.csv"`,
    });
  return c.body(new Uint8Array(await files.xlsx(report, lang)), 200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="${file}.xlsx"`,
  });
}

export function reportRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/reports/aging',
        access: 'receivable.read',
        dataScope: 'customer',
        summary:
          'Aging of open receivables as of a date (?asOf, ?t0, ?terms, ?buckets=key|0,30,60,90, ?groupBy, ?customerId, ?region, ?salesOwner, ?page, ?limit, ?format=json|csv|xlsx, ?lang)',
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
          filter: filterOf(query),
          page: file ? 1 : intQuery(query.page, 'page', 1, 999_999),
          limit: file ? exportLimit : intQuery(query.limit, 'limit', 100, 1000),
          withT0Choices: !file,
        });
        if (!file) return json(c, 200, report);
        return reportFile(c, report, 'aging', format as 'csv' | 'xlsx', (query.lang ?? 'en') as 'zh' | 'en', {
          csv: aging.agingCsv,
          xlsx: aging.agingXlsx,
        });
      },
    )
    .add(
      {
        method: 'get',
        path: '/reports/collection-plan',
        access: 'receivable.read',
        dataScope: 'customer',
        summary:
          'Expected receipts by due date as of a date: overdue, this week, next week, 15–30, 31–60, 61–90 days, later (?asOf, ?groupBy=customer|salesOwner|…, ?customerId, ?region, ?salesOwner, ?page, ?limit, ?format=json|csv|xlsx, ?lang)',
        tags: ['reports'],
        query: groupedReportQuery,
        response: { status: 200 },
      },
      async (c, { query }) => {
        const report = await aging.collectionPlan(dbOf(c), actionCtx(c), groupedReportInput(query));
        if ((query.format ?? 'json') === 'json') return json(c, 200, report);
        return reportFile(
          c,
          report,
          'collection-plan',
          query.format as 'csv' | 'xlsx',
          (query.lang ?? 'en') as 'zh' | 'en',
          {
            csv: aging.collectionPlanCsv,
            xlsx: aging.collectionPlanXlsx,
          },
        );
      },
    )
    .add(
      {
        method: 'get',
        path: '/reports/kpis',
        access: 'receivable.read',
        dataScope: 'customer',
        summary:
          'Receivables KPIs as of a date: open, overdue, overdue ratio, DSO (90-day count-back), bad-debt ratio (365 days) per customer grouping (?asOf, ?groupBy, ?customerId, ?region, ?salesOwner, ?page, ?limit, ?format=json|csv|xlsx, ?lang)',
        tags: ['reports'],
        query: groupedReportQuery,
        response: { status: 200 },
      },
      async (c, { query }) => {
        const report = await aging.receivableKpis(dbOf(c), actionCtx(c), groupedReportInput(query));
        if ((query.format ?? 'json') === 'json') return json(c, 200, report);
        return reportFile(c, report, 'kpis', query.format as 'csv' | 'xlsx', (query.lang ?? 'en') as 'zh' | 'en', {
          csv: aging.kpiCsv,
          xlsx: aging.kpiXlsx,
        });
      },
    )
    .add(
      {
        method: 'get',
        path: '/customers/:id/statement',
        access: 'receivable.read',
        dataScope: 'customer',
        summary:
          "A customer's statement of account (?from, ?to, ?buckets, ?format=json|html|pdf, ?lang=zh|en): opening balance, documents, allocations, closing balance, aging; the PDF embeds its CJK font",
        tags: ['reports'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'string', maxLength: 10 },
            to: { type: 'string', maxLength: 10 },
            buckets: { type: 'string', maxLength: 160 },
            format: { enum: ['json', 'html', 'pdf'] },
            lang: { enum: ['zh', 'en'] },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) => {
        const s = await statements.customerStatement(dbOf(c), actionCtx(c), uuidParam(c.req.param('id'), 'customer'), {
          ...(query.from !== undefined ? { from: query.from } : {}),
          ...(query.to !== undefined ? { to: query.to } : {}),
          ...(query.buckets !== undefined ? { buckets: query.buckets } : {}),
        });
        const lang = (query.lang ?? 'zh') as statements.StatementLang;
        // the customer's code may hold anything: the file name keeps only what is safe in a header
        const file = `statement-${s.customer.code.replace(/[^A-Za-z0-9._-]/g, '_')}-${s.to}`;
        if (query.format === 'pdf') {
          const tz = c.get('tenant').timeZone;
          const printedAt = new Intl.DateTimeFormat('sv-SE', {
            timeZone: tz,
            dateStyle: 'short',
            timeStyle: 'short',
          }).format(new Date());
          const pdf = await statements.statementPdf(s, lang, printedAt);
          return c.body(new Uint8Array(pdf), 200, {
            'content-type': 'application/pdf',
            'content-disposition': `attachment; filename="${file}.pdf"`,
          });
        }
        if (query.format !== 'html') return json(c, 200, s);
        return c.html(statementHtml(s, lang), 200, {
          'content-disposition': `inline; filename="${file}.html"`,
        });
      },
    );
}
