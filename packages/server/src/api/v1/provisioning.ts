import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { intQuery, uuidParam } from '../params.ts';
import * as provisions from '../../domain/provisions/index.ts';
import { date, deps } from './ledger-common.ts';
import { submitJob } from './submit-job.ts';
import { provisioningRunJob } from '../../domain/jobs/index.ts';

const runBody = provisions.provisioningRunInputSchema;

/** Provisioning runs: the allowance a published provision plan requires, and the voucher with the difference. */
export function provisioningRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/provisioning-runs',
        access: 'provision.run',
        dataScope: 'unscoped-only',
        summary:
          'Run a provision plan as of a date (default: the newest published plan, today): the allowance each customer requires against the allowance carried, and one voucher with the difference (top-up Dr bad-debt expense Cr allowance, or release); a second run of the same plan version and date answers the first and posts nothing; dryRun posts and stores nothing. With `Prefer: respond-async` the run becomes a job: 202 with the job to follow.',
        tags: ['provisions'],
        body: runBody,
        response: { status: 201 },
        idempotent: 'required',
      },
      async (c, { body }) => {
        if (/\brespond-async\b/i.test(c.req.header('prefer') ?? ''))
          return idempotentPost(c, 'POST /provisioning-runs', body, async (db) => ({
            status: 202,
            body: await submitJob(c, db, provisioningRunJob.kind, body),
          }));
        return idempotentPost(c, 'POST /provisioning-runs', body, async (db) => ({
          status: 201,
          body: await provisions.runProvisioning(deps(c, db), actionCtx(c), body),
        }));
      },
    )
    .add(
      {
        method: 'get',
        path: '/provisioning-runs',
        access: 'provision.read',
        dataScope: 'unscoped-only',
        summary: 'Provisioning runs, newest first (?before, ?limit)',
        tags: ['provisions'],
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
      async (c, { query }) =>
        json(
          c,
          200,
          await provisions.listProvisioningRuns(dbOf(c), c.get('tenant').id, {
            before: query.before,
            limit: intQuery(query.limit, 'limit', 50, 200),
          }),
        ),
    )
    .add(
      {
        method: 'get',
        path: '/reports/provisions',
        access: 'provision.read',
        dataScope: 'unscoped-only',
        summary:
          'The allowance for doubtful receivables over a period (?from, default 1 January of ?to; ?to, default today): opening, top-up, release, write-off, recovery, other and closing, reconciled to the allowance account; the required allowance by stage and bucket of the newest run; the net bad-debt loss ratio; ?byCustomer=true adds a line per customer; ?format=csv|xlsx, ?lang=zh|en',
        tags: ['provisions', 'reports'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: date,
            to: date,
            byCustomer: { enum: ['true', 'false'] },
            format: { enum: ['json', 'csv', 'xlsx'] },
            lang: { enum: ['zh', 'en'] },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) => {
        const report = await provisions.provisionReport(dbOf(c), actionCtx(c), {
          ...(query.from !== undefined ? { from: query.from } : {}),
          ...(query.to !== undefined ? { to: query.to } : {}),
          byCustomer: query.byCustomer === 'true',
        });
        const format = query.format ?? 'json';
        if (format === 'json') return json(c, 200, report);
        const lang = (query.lang ?? 'en') as 'zh' | 'en';
        const name = `provisions-${report.from}-${report.to}`;
        if (format === 'csv')
          return c.body(provisions.provisionReportCsv(report, lang), 200, {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="${name}.csv"`,
          });
        return c.body(new Uint8Array(await provisions.provisionReportXlsx(report, lang)), 200, {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="${name}.xlsx"`,
        });
      },
    )
    .add(
      {
        method: 'get',
        path: '/provisioning-runs/:id',
        access: 'provision.read',
        dataScope: 'unscoped-only',
        summary:
          'One provisioning run: the plan version, totals, the allowance by stage and bucket, and per customer the required, carried and posted difference',
        tags: ['provisions'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await provisions.getProvisioningRun(
            dbOf(c),
            c.get('tenant').id,
            uuidParam(c.req.param('id'), 'provisioning run'),
          ),
        ),
    );
}
