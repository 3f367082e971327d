import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env.ts';
import type { AppDeps } from './deps.ts';
import type { RouteTable } from './route-table.ts';
import { requestId } from './middleware/request-id.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { importDeps } from '../startup/import-deps.ts';
import { authenticate } from './middleware/authenticate.ts';
import { csrfProtection } from './middleware/csrf.ts';
import { tenantScope } from './middleware/tenant-scope.ts';
import { jobRoutes } from './v1/jobs.ts';
import { createMetrics } from './metrics.ts';
import { mountMetrics } from './middleware/metrics.ts';
import { inProcessJobs } from '../domain/jobs/index.ts';
import { memoryCounters } from '../domain/throttle/index.ts';
import { requestLog } from './middleware/request-log.ts';
import { errorToProblem, problem, problemResponse } from './problem.ts';
import { buildOpenApi, referencePage } from './openapi.ts';
import { healthRoutes } from './v1/health.ts';
import { authRoutes } from './v1/auth.ts';
import { tokenRoutes } from './v1/tokens.ts';
import { userRoutes } from './v1/users.ts';
import { definitionRoutes } from './v1/definitions.ts';
import { customerRoutes } from './v1/customers.ts';
import { auditRoutes } from './v1/audit.ts';
import { receivableRoutes } from './v1/receivables.ts';
import { receiptRoutes } from './v1/receipts.ts';
import { settlementRoutes } from './v1/settlements.ts';
import { voucherRoutes } from './v1/vouchers.ts';
import { fxRateRoutes } from './v1/fx-rates.ts';
import { periodRoutes } from './v1/periods.ts';
import { provisioningRoutes } from './v1/provisioning.ts';
import { recoveryRoutes } from './v1/recoveries.ts';
import { periodEndRoutes } from './v1/period-end.ts';
import { companyBankAccountRoutes } from './v1/company-bank-accounts.ts';
import { roleRoutes } from './v1/roles.ts';
import { bankAccountChangeRoutes } from './v1/bank-account-changes.ts';
import { importRoutes } from './v1/imports.ts';
import { bankLineRoutes } from './v1/bank-lines.ts';
import { ruleRoutes } from './v1/rules.ts';
import { connectorRoutes } from './v1/connectors.ts';
import { roleScopePreviewRoutes } from './v1/role-scope-preview.ts';
import { sessionRoutes } from './v1/session.ts';
import { requestRoutes } from './v1/requests.ts';
import { screenRoutes } from './v1/screens.ts';
import { approvalRoutes } from './v1/approvals.ts';
import { matchingRoutes } from './v1/matching.ts';
import { notificationRoutes } from './v1/notifications.ts';
import { reportRoutes } from './v1/reports.ts';
import { reminderRoutes } from './v1/reminders.ts';
import { collectionRoutes } from './v1/collections.ts';
import { webhookRoutes } from './v1/webhooks.ts';
import { creditRoutes } from './v1/credit.ts';
import { HexiaoError } from '../domain/errors.ts';

export const apiPrefix = '/api/v1';

/** Every route table of the v1 API; the route-permission and cross-tenant tests iterate over these. */
export function v1Tables(): RouteTable[] {
  return [
    healthRoutes(),
    authRoutes(),
    tokenRoutes(),
    userRoutes(),
    definitionRoutes(),
    customerRoutes(),
    auditRoutes(),
    roleRoutes(),
    receivableRoutes(),
    receiptRoutes(),
    settlementRoutes(),
    voucherRoutes(),
    fxRateRoutes(),
    periodRoutes(),
    provisioningRoutes(),
    recoveryRoutes(),
    periodEndRoutes(),
    companyBankAccountRoutes(),
    bankAccountChangeRoutes(),
    importRoutes(),
    bankLineRoutes(),
    ruleRoutes(),
    connectorRoutes(),
    roleScopePreviewRoutes(),
    sessionRoutes(),
    requestRoutes(),
    screenRoutes(),
    approvalRoutes(),
    notificationRoutes(),
    jobRoutes(),
    matchingRoutes(),
    reportRoutes(),
    reminderRoutes(),
    collectionRoutes(),
    webhookRoutes(),
    creditRoutes(),
  ];
}

export interface CreateAppOptions {
  /** Extra route tables (capabilities mount theirs here), and static pages (the designer). */
  tables?: RouteTable[];
  staticSite?: (app: Hono<AppEnv>) => void;
  version?: string;
  /** One tenant-bound transaction per request (row-level security, all-or-nothing requests). */
  tenantTransactions?: boolean;
  /**
   * Check every JSON success response against its route's declared response schema: a mismatch is a 500
   * `response_invalid` naming the fields (the test app turns this on, so every API test checks the schemas).
   */
  checkResponses?: boolean;
}

/** The HTTP app: middleware order is explicit here, then /api/v1 routes, OpenAPI and the reference page. */
export function createApp(
  given: Omit<AppDeps, 'jobs' | 'counters'> & Partial<Pick<AppDeps, 'jobs' | 'counters'>>,
  options: CreateAppOptions = {},
) {
  const deps: AppDeps = {
    ...given,
    // tests and embedded use: jobs run in this process unless the caller brings a shared queue
    jobs:
      given.jobs ??
      inProcessJobs({
        db: given.database.db,
        auditKey: given.config.auditKey,
        imports: importDeps(given.config, given.database.kind, given.plugins.connectors),
      }),
    counters: given.counters ?? memoryCounters(),
  };
  const app = new Hono<AppEnv>();
  const tables = [...v1Tables(), ...(options.tables ?? [])];

  app.use(requestId());
  app.use(securityHeaders());
  const metrics = createMetrics(deps.jobs);
  deps.jobs.onJobEnd((e) => metrics.jobEnded(e.kind, e.state, e.seconds, e.result));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('metrics', metrics);
    if (options.checkResponses) c.set('checkResponses', true);
    await next();
  });
  app.use(requestLog());
  mountMetrics(app, metrics, deps.config.metricsToken);
  const limitBody = bodyLimit({
    maxSize: deps.config.maxBodyBytes,
    onError: (c) =>
      problemResponse(c, problem('limit_exceeded', 413, `the request body exceeds ${deps.config.maxBodyBytes} bytes`)),
  });
  // uploads stream to a temporary file under their own cap (HEXIAO_MAX_UPLOAD, see v1/imports.ts;
  // HEXIAO_MAX_ATTACHMENT, see v1/requests.ts)
  const uploads = new RegExp(`^${apiPrefix}/(imports|attachments|requests/[^/]+/attachments)$`);
  app.use('/api/*', (c, next) => (c.req.method === 'POST' && uploads.test(c.req.path) ? next() : limitBody(c, next)));
  app.use('/api/*', authenticate({ transaction: options.tenantTransactions ?? true }));
  app.use('/api/*', csrfProtection());
  app.use('/api/*', tenantScope({ transaction: options.tenantTransactions ?? true }));

  const v1 = new Hono<AppEnv>();
  for (const t of tables) v1.route('/', t.app);
  app.route(apiPrefix, v1);

  const openapi = buildOpenApi(
    tables.map((t) => ({ prefix: apiPrefix, specs: t.specs })),
    options.version ?? '0.1.0',
  );
  app.get('/api/openapi.json', (c) => c.json(openapi));
  app.get('/api/docs', (c) => c.html(referencePage(openapi as never)));
  options.staticSite?.(app);

  app.notFound((c) =>
    problemResponse(c, problem('not_found', 404, `no route for ${c.req.method} ${new URL(c.req.url).pathname}`)),
  );
  app.onError((err, c) => {
    const p = errorToProblem(err);
    if (p.status >= 500) deps.logger.error({ err, requestId: c.get('requestId') }, 'request failed');
    else if (!(err instanceof HexiaoError)) deps.logger.debug({ err: String(err) }, 'request refused');
    return problemResponse(c, p);
  });
  return { app, tables };
}

export type App = ReturnType<typeof createApp>['app'];
