import { purgeExpiredSessions } from '../../store/repos/credentials.ts';
import { purgeExpiredIdempotencyKeys } from '../../store/repos/idempotency.ts';
import { purgeUnusedJobFiles } from '../../store/repos/jobs.ts';
import {
  backtestInputSchema,
  runBacktest,
  runMatching,
  runInputSchema,
  type BacktestInput,
  type RunInput,
} from '../matching/index.ts';
import { runReminderSweep, type SweepInput } from '../reminders/index.ts';
import { provisioningRunInputSchema, runProvisioning, type ProvisioningRunInput } from '../provisions/index.ts';
import { runCreditSweep } from '../credit/index.ts';
import { withTenant } from '../unit-of-work/index.ts';
import type { AnyJobKind, JobKind } from './kinds.ts';

/** A matching run as a job: the result is the run's summary; GET /matching-runs/:id has every decision. */
export const matchingRunJob: JobKind<RunInput> = {
  kind: 'matching.run',
  // a second attempt finds what the first settled out of scope, so it never posts twice
  maxAttempts: 3,
  inputSchema: runInputSchema,
  title: (i) => ({
    en: `${i.dryRun ? 'Dry matching run' : 'Matching run'}${i.ruleSet ? ` with ${i.ruleSet.key}` : ''}`,
    zh: `${i.dryRun ? '核销试运行' : '核销运行'}${i.ruleSet ? `（规则集 ${i.ruleSet.key}）` : ''}`,
  }),
  async run(deps, ctx, input, progress) {
    const r = await runMatching(deps, ctx, input, progress);
    return {
      runId: r.runId,
      dryRun: r.dryRun,
      ruleSet: r.ruleSet,
      counts: r.counts,
      conflicts: r.conflicts,
      alerts: r.alerts,
      recoveries: r.recoveries.length,
    };
  },
};

/** Expired idempotency keys and sessions of the tenant, removed (they only answer replays and logins). */
export const housekeepingJob: JobKind<Record<string, never>> = {
  kind: 'housekeeping.purge',
  maxAttempts: 3,
  inputSchema: { type: 'object', additionalProperties: false, properties: {} },
  title: () => ({
    en: 'Purge expired idempotency keys and sessions, and uploads no job will read',
    zh: '清理过期的幂等键、会话和无任务读取的上传文件',
  }),
  async run(deps, ctx, _input, progress) {
    // progress is reported between transactions, never inside one (the embedded database has one connection)
    const idempotencyKeys = await withTenant(deps.db, ctx.tenant.id, (tx) =>
      purgeExpiredIdempotencyKeys(tx, ctx.tenant.id),
    );
    await progress({ done: 1, total: 2, phase: 'sessions' });
    const sessions = await withTenant(deps.db, ctx.tenant.id, (tx) => purgeExpiredSessions(tx, ctx.tenant.id));
    const uploads = await withTenant(deps.db, ctx.tenant.id, (tx) => purgeUnusedJobFiles(tx, ctx.tenant.id));
    return { idempotencyKeys, sessions, uploads };
  },
};

/** The reminder sweep of the tenant's plan (idempotent: each item and level is sent once). */
export const reminderSweepJob: JobKind<SweepInput> = {
  kind: 'reminders.sweep',
  maxAttempts: 3,
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { plan: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' } },
  },
  title: (i) => ({
    en: `Reminder sweep${i.plan ? ` (${i.plan})` : ''}`,
    zh: `催收扫描${i.plan ? `（${i.plan}）` : ''}`,
  }),
  async run(deps, ctx, input) {
    return withTenant(deps.db, ctx.tenant.id, (tx) =>
      runReminderSweep(tx, ctx, input.plan ? { plan: input.plan } : {}),
    );
  },
};

/** A provisioning run as a job: its result is the run's summary; GET /provisioning-runs/:id has every line. */
export const provisioningRunJob: JobKind<ProvisioningRunInput> = {
  kind: 'provisioning.run',
  // a second run of the same plan version and date answers the first and posts nothing
  maxAttempts: 3,
  inputSchema: provisioningRunInputSchema,
  title: (i) => ({
    en: `${i.dryRun ? 'Dry provisioning run' : 'Provisioning run'}${i.asOf ? ` as of ${i.asOf}` : ''}`,
    zh: `${i.dryRun ? '坏账准备试算' : '坏账准备计提'}${i.asOf ? `（截至 ${i.asOf}）` : ''}`,
  }),
  async run(deps, ctx, input) {
    const r = await withTenant(deps.db, ctx.tenant.id, (tx) => runProvisioning({ ...deps, db: tx }, ctx, input));
    // the customer lines can be many: the job keeps the totals, the run keeps the lines
    const { lines, ...summary } = r;
    return { ...summary, customers: lines.length };
  },
};

/**
 * A backtest as a job: a rule set tried on a period of history, posting nothing. The job keeps the figures;
 * GET /matching-backtests/:backtestId has every receipt whose outcome changes.
 */
export const matchingBacktestJob: JobKind<BacktestInput> = {
  kind: 'matching.backtest',
  // posts nothing: a second attempt only stores another result
  maxAttempts: 2,
  inputSchema: backtestInputSchema,
  title: (i) => ({
    en: `Backtest of ${i.ruleSet.key}${i.ruleSet.version ? `@${i.ruleSet.version}` : ' (draft)'} over ${i.from} – ${i.to}`,
    zh: `回测 ${i.ruleSet.key}${i.ruleSet.version ? `@${i.ruleSet.version}` : '（草稿）'}，${i.from} – ${i.to}`,
  }),
  async run(deps, ctx, input, progress) {
    await progress({ done: 0, total: 1, phase: 'matching' });
    const r = await withTenant(deps.db, ctx.tenant.id, (tx) => runBacktest({ ...deps, db: tx }, ctx, input));
    const { changes, ...figures } = r;
    return { ...figures, changes: changes.total };
  },
};

/** The daily credit sweep: scores stored once a day, alerts and the weekly digest sent once. */
export const creditSweepJob: JobKind<{ asOf?: string }> = {
  kind: 'credit.sweep',
  maxAttempts: 3,
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { asOf: { type: 'string', format: 'date' } },
  },
  title: (i) => ({
    en: `Credit sweep${i.asOf ? ` as of ${i.asOf}` : ''}`,
    zh: `信用评分${i.asOf ? `（截至 ${i.asOf}）` : ''}`,
  }),
  async run(deps, ctx, input) {
    return withTenant(deps.db, ctx.tenant.id, (tx) => runCreditSweep(tx, ctx, input));
  },
};

/** Every kind this server runs. */
export const jobKinds: readonly AnyJobKind[] = [
  matchingRunJob,
  housekeepingJob,
  reminderSweepJob,
  provisioningRunJob as AnyJobKind,
  matchingBacktestJob as AnyJobKind,
  creditSweepJob as AnyJobKind,
];
