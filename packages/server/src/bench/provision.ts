/**
 * Provisioning benchmark (a script, not a test): `hexiao bench provision [--quick]`.
 *
 * Generates open receivables (1,000,000 over 20,000 customers; --quick 100,000 over 2,000) into a fresh tenant as
 * the aging benchmark does, publishes a provision plan (an exempt stage, then an aging matrix with an override by
 * customer region and a forward-looking multiplier), then times the first run (computing and posting the voucher),
 * the same run again (answered from the first, nothing posted) and a dry run (everything computed again, nothing
 * new to post). PostgreSQL with DATABASE_URL, else embedded PGlite. Target (issue 19): ≤ 30 s first run, ≤ 10 s
 * rerun over 1M on PostgreSQL.
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
import { publishDraft, saveDraft } from '../domain/definitions/index.ts';
import { runProvisioning } from '../domain/provisions/index.ts';
import { createDefinitionKinds } from '../startup/definition-kinds.ts';
import { todayIn } from '../domain/ledger/index.ts';

export interface ProvisionBenchResult {
  database: string;
  openItems: number;
  customers: number;
  /** Seconds: first run (posts), the same run again (answered from the first), a dry run (recomputes). */
  seconds: { firstRun: number; rerun: number; dryRun: number };
  required: string;
  voucherLines: number;
}

const plan = {
  t0: 'dueDate',
  stages: [
    { id: 'intra-group', type: 'exempt', when: { '==': [{ var: 'customer.code' }, 'B1'] } },
    {
      id: 'aging',
      type: 'aging-matrix',
      buckets: [
        { id: 'current', to: 0, rate: '0.005' },
        { id: '1-90', from: 1, to: 90, rate: '0.02' },
        { id: '91-180', from: 91, to: 180, rate: '0.1' },
        { id: '181-365', from: 181, to: 365, rate: '0.3' },
        { id: 'over-365', from: 366, rate: '1' },
      ],
      overrides: [{ when: { '==': [{ var: 'customer.region' }, 'East'] }, multiplier: '1.5', cap: '1' }],
      forwardLooking: { multiplier: '1.1', note: 'bench: a slower economy next year' },
    },
  ],
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, Math.round(performance.now() - t0) / 1000];
}

export async function runProvisionBenchOn(
  database: Database,
  items: number,
  customers: number,
): Promise<ProvisionBenchResult> {
  const tenant = await insertTenant(database.db, {
    id: newId(),
    slug: `bench-provision-${randomBytes(4).toString('hex')}`,
    name: 'bench provision',
    baseCurrency: 'CNY',
  });
  const today = todayIn(tenant.timeZone);
  await insertAgingBenchData(database.db, { tenantId: tenant.id, today, items, customers, voucherId: newId() });
  const ctx: ActionCtx = { tenant, actor: systemActor('bench') };
  const deps = { db: database.db, auditKey: Buffer.from('bench-key'), kinds: createDefinitionKinds() };
  await saveDraft(deps, ctx, { kind: 'provision-plan', key: 'default', document: plan });
  await publishDraft(deps, ctx, 'provision-plan', 'default');
  const [first, firstRun] = await timed(() => runProvisioning(deps, ctx, { asOf: today }));
  const [, rerun] = await timed(() => runProvisioning(deps, ctx, { asOf: today }));
  const [dry, dryRun] = await timed(() => runProvisioning(deps, ctx, { asOf: today, dryRun: true }));
  if (dry.required !== first.required) throw new Error(`dry run ${dry.required} ≠ first run ${first.required}`);
  return {
    database: database.kind,
    openItems: items,
    customers,
    seconds: { firstRun, rerun, dryRun },
    required: `${first.required} CNY over ${first.items} items`,
    voucherLines: first.lines.length * 2,
  };
}

export async function runProvisionBench(o: { quick: boolean }): Promise<ProvisionBenchResult> {
  const items = o.quick ? 100_000 : 1_000_000;
  const customers = o.quick ? 2_000 : 20_000;
  const url = databaseUrlFromEnv();
  if (url) {
    const pg = await createDb({ url });
    try {
      await migrate(pg);
      return await runProvisionBenchOn(pg, items, customers);
    } finally {
      await pg.close();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'hexiao-bench-provision-'));
  const lite = await createDb({ dataDir: join(dir, 'pglite') });
  try {
    await migrate(lite);
    return await runProvisionBenchOn(lite, items, customers);
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
