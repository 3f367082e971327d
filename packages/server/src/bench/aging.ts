/**
 * Aging benchmark (a script, not a test): `hexiao bench aging [--quick]`.
 *
 * Generates open receivables (1,000,000 over 20,000 customers; --quick 100,000 over 2,000) straight into the
 * ledger tables of a fresh tenant — invoices posted over the last 18 months, due 30 or 60 days later — and
 * settles a tenth of them in full within the last 45 days, then times the aging report by customer and by
 * currency (one row per bucket total), as of today and as of 60 days ago, on embedded PGlite and (with
 * DATABASE_URL) PostgreSQL; then the reminder sweep (first run, and again at once: the daily steady state) and the
 * credit sweep. Target (TARGETS.md): ≤ 2 s over 1M open items on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Database } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { databaseUrlFromEnv } from '../config/config.ts';
import { insertTenant } from '../store/repos/tenants.ts';
import { insertAgingBenchData } from '../store/repos/aging-bench-data.ts';
import { newId } from '../domain/ids.ts';
import { systemActor, type ActionCtx } from '../domain/context.ts';
import { agingReport } from '../domain/aging/index.ts';
import { publishDraft, saveDraft } from '../domain/definitions/index.ts';
import { runReminderSweep } from '../domain/reminders/index.ts';
import { runCreditSweep } from '../domain/credit/index.ts';
import { createDefinitionKinds } from '../startup/definition-kinds.ts';
import { todayIn } from '../domain/ledger/index.ts';

/** Seconds, open items looked over, items read and evaluated, reminders recorded. */
interface SweepTiming {
  seconds: number;
  scanned: number;
  evaluated: number;
  sent: number;
}

export interface AgingBenchResult {
  database: string;
  openItems: number;
  customers: number;
  settledAfterPastDate: number;
  loadSeconds: number;
  /** Seconds per report: [by customer today, by currency today, by customer 60 days ago, by currency 60 days ago]. */
  report: Record<string, number>;
  /** The first reminder sweep (as of yesterday): everything already due is recorded (delivery excluded). */
  reminderSweep: SweepTiming;
  /** Today's sweep: the daily steady state, recording what entered a level's window overnight. */
  reminderSweepNextDay: SweepTiming;
  /** Today's sweep again: nothing new to record. */
  reminderSweepAgain: SweepTiming;
  /** The daily credit sweep: every customer with open items scored by the built-in policy and stored. */
  creditSweep: { seconds: number; scored: number; stored: number };
  total: string;
}

const days = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function load(database: Database, items: number, customers: number) {
  const tenant = await insertTenant(database.db, {
    id: newId(),
    slug: `bench-aging-${randomBytes(4).toString('hex')}`,
    name: 'bench aging',
    baseCurrency: 'CNY',
  });
  const today = todayIn(tenant.timeZone);
  const t0 = performance.now();
  const settled = await insertAgingBenchData(database.db, {
    tenantId: tenant.id,
    today,
    items,
    customers,
    voucherId: newId(),
  });
  return { tenant, today, settled, loadSeconds: (performance.now() - t0) / 1000 };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, Math.round(performance.now() - t0) / 1000];
}

export async function runAgingBenchOn(database: Database, items: number, customers: number): Promise<AgingBenchResult> {
  const { tenant, today, settled, loadSeconds } = await load(database, items, customers);
  const ctx: ActionCtx = { tenant, actor: systemActor('bench') };
  const past = days(today, -60);
  const report: Record<string, number> = {};
  let total = '';
  for (const [name, input] of [
    ['by customer, today', { groupBy: 'customer' }],
    ['by currency (bucket totals), today', { groupBy: 'currency' }],
    [`by customer, as of ${past}`, { groupBy: 'customer', asOf: past }],
    [`by currency (bucket totals), as of ${past}`, { groupBy: 'currency', asOf: past }],
  ] as const) {
    const [r, s] = await timed(() => agingReport(database.db, ctx, input));
    report[name] = s;
    total ||= `${r.totals.total} CNY in ${r.totals.count} items`;
  }
  // a two-level plan (friendly 2 days before due, firm from 7 days after): finding what is due and recording it
  const deps = { db: database.db, auditKey: Buffer.from('bench-key'), kinds: createDefinitionKinds() };
  await saveDraft(deps, ctx, {
    kind: 'reminder-plan',
    key: 'default',
    document: {
      levels: [
        {
          id: 'friendly',
          when: { '<=': [-2, { var: 'item.daysPastDue' }, -1] },
          templates: { en: { subject: { cat: ['Invoice ', { var: 'item.number' }] }, body: 'due soon' } },
        },
        {
          id: 'firm',
          when: { '>=': [{ var: 'item.daysPastDue' }, 7] },
          templates: { en: { subject: { cat: ['Invoice ', { var: 'item.number' }, ' overdue'] }, body: 'pay' } },
        },
      ],
    },
  });
  await publishDraft(deps, ctx, 'reminder-plan', 'default');
  // the first sweep as of yesterday records everything already due; today's records the items that entered a
  // level's window overnight (the daily steady state); today's again finds nothing new
  const [sweep, sweepSeconds] = await timed(() => runReminderSweep(database.db, ctx, { asOf: days(today, -1) }));
  const [daily, dailySeconds] = await timed(() => runReminderSweep(database.db, ctx));
  const [again, againSeconds] = await timed(() => runReminderSweep(database.db, ctx));
  const [credit, creditSeconds] = await timed(() => runCreditSweep(database.db, ctx));
  return {
    database: database.kind,
    openItems: items,
    customers,
    settledAfterPastDate: settled,
    loadSeconds: Math.round(loadSeconds * 10) / 10,
    report,
    reminderSweep: { seconds: sweepSeconds, scanned: sweep.scanned, evaluated: sweep.evaluated, sent: sweep.sent },
    reminderSweepNextDay: {
      seconds: dailySeconds,
      scanned: daily.scanned,
      evaluated: daily.evaluated,
      sent: daily.sent,
    },
    reminderSweepAgain: { seconds: againSeconds, scanned: again.scanned, evaluated: again.evaluated, sent: again.sent },
    creditSweep: { seconds: creditSeconds, scored: credit.scored, stored: credit.stored },
    total,
  };
}

export async function runAgingBench(o: { quick: boolean }): Promise<AgingBenchResult[]> {
  const items = o.quick ? 100_000 : 1_000_000;
  const customers = o.quick ? 2_000 : 20_000;
  const out: AgingBenchResult[] = [];
  const url = databaseUrlFromEnv();
  if (url) {
    const pg = await createDb({ url });
    try {
      await migrate(pg);
      out.push(await runAgingBenchOn(pg, items, customers));
    } finally {
      await pg.close();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'hexiao-bench-aging-'));
  const lite = await createDb({ dataDir: join(dir, 'pglite') });
  try {
    await migrate(lite);
    out.push(await runAgingBenchOn(lite, items, customers));
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
