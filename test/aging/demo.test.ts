import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../support/test-db.ts';
import { testAuditKey, testKinds } from '../support/factories.ts';
import { seedTenantData, demoTenant } from '../../packages/server/src/demo/seed-demo.ts';
import { createTenant } from '../../packages/server/src/domain/identity/index.ts';
import { systemActor, type ActionCtx } from '../../packages/server/src/domain/context.ts';
import { withTenant } from '../../packages/server/src/domain/unit-of-work/index.ts';
import { agingReport, collectionPlan } from '../../packages/server/src/domain/aging/index.ts';
import { todayIn } from '../../packages/server/src/domain/ledger/index.ts';
import { dec } from '../../packages/server/src/domain/money/index.ts';
import { listProvisioningRuns, provisionReport } from '../../packages/server/src/domain/provisions/index.ts';
import { runMatching } from '../../packages/server/src/domain/matching/index.ts';
import { listPeriods } from '../../packages/server/src/domain/periods/index.ts';
import { runReminderSweep } from '../../packages/server/src/domain/reminders/index.ts';
import { runCreditSweep } from '../../packages/server/src/domain/credit/index.ts';
import { creditCheck, customerCredit, riskyCustomers } from '../../packages/server/src/domain/credit/index.ts';

describe('the demo tenant ages interestingly', () => {
  it('publishes the standard and the semiconductor ladders a reminder plan and a credit policy; its books fill several buckets and send reminders', async () => {
    const database = await testDatabase();
    const deps = { db: database.db, auditKey: testAuditKey, kinds: testKinds };
    const actor = systemActor('seed');
    const tenant = await createTenant(deps, { ...demoTenant, slug: `demo-${randomBytes(4).toString('hex')}` }, actor);
    const ctx: ActionCtx = { tenant, actor };
    await withTenant(deps.db, tenant.id, (db) => seedTenantData({ ...deps, db }, ctx));
    await withTenant(deps.db, tenant.id, async (db) => {
      // a provision plan published, last month's run posted and the month closed
      const runs = await listProvisioningRuns(db, tenant.id, { limit: 5 });
      expect(runs.items).toHaveLength(1);
      expect(dec(runs.items[0]!.topUp).gt(0)).toBe(true);
      const periods = await listPeriods(db, tenant.id);
      const month = runs.items[0]!.postingDate.slice(0, 7);
      expect(periods.find((p) => p.period === month)?.status).toBe('closed');
      // this month two bad debts written off against that allowance: 54,000 of the first recovered, and a
      // payment from the second's payer that matching proposes as a recovery
      const report = await provisionReport(db, ctx, { from: `${todayIn(tenant.timeZone).slice(0, 7)}-01` });
      expect(report.movement).toMatchObject({ writtenOff: expect.not.stringMatching(/^0/), recovered: '54000.00' });
      expect(report.reconciles).toBe(true);
      const match = await runMatching({ db, auditKey: testAuditKey }, ctx, { dryRun: true });
      expect(match.recoveries).toEqual([
        expect.objectContaining({ recovery: expect.objectContaining({ left: '45000', amount: '10000' }) }),
      ]);
      const standard = await agingReport(db, ctx, {});
      expect(standard.definition).toMatchObject({ key: 'default', version: 1 });
      expect(standard.columns.map((c) => c.id)).toEqual([
        'not-due',
        '1-30',
        '31-60',
        '61-90',
        '91-180',
        '181-365',
        'over-1y',
      ]);
      const filled = (buckets: string[]) => buckets.filter((b) => dec(b).gt(0)).length;
      expect(filled(standard.totals.buckets)).toBeGreaterThanOrEqual(4);
      expect(standard.groups).toBeGreaterThan(10);
      const semi = await agingReport(db, ctx, { buckets: 'semiconductor', groupBy: 'salesOwner' });
      expect(semi.columns.map((c) => c.id)).toEqual(['not-due', 'week', '8-30', '31-60', '61-90', 'over-90']);
      expect(filled(semi.totals.buckets)).toBeGreaterThanOrEqual(4);
      expect(semi.totals.total).toBe(standard.totals.total);
      expect(semi.rows.length).toBeGreaterThanOrEqual(3);
      // one customer's contract pays in instalments: its invoices age in three parts, the total unchanged
      expect(semi.byCustomer).toEqual({ C00003: { t0: 'documentDate', terms: 'inst30:30/60:40/90:30' } });
      // the semiconductor case's start dates: the demo's invoices keep when they were ordered, shipped and recognised
      const shipped = await agingReport(db, ctx, {
        buckets: 'semiconductor',
        t0: 'custom.shipmentDate',
        withT0Choices: true,
      });
      expect(shipped.t0Choices!.map((c) => c.value)).toEqual(
        expect.arrayContaining([
          'custom.orderDate',
          'custom.shipmentDate',
          'custom.revenueDate',
          'custom.estimateDate',
        ]),
      );
      expect(shipped.totals.total).toBe(standard.totals.total);
      const dated = (r: typeof shipped) =>
        r.totals.buckets.filter((_, i) => r.columns[i]!.id !== 'undated').reduce((a, b) => a.plus(b), dec('0'));
      // every seeded invoice has a shipment date; aging from it (three days before billing, no terms) runs later
      expect(dated(shipped).gt(0)).toBe(true);
      expect(shipped.columns.map((c) => c.id)).not.toContain('undated');
      expect(shipped.totals.buckets).not.toEqual(semi.totals.buckets);
      // a month ago the books held less (later invoices were not posted yet) and aged differently
      const monthAgo = new Date(Date.parse(`${todayIn(tenant.timeZone)}T00:00:00Z`) - 30 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const past = await agingReport(db, ctx, { asOf: monthAgo });
      expect(past.totals.total).not.toBe(standard.totals.total);
      // the demo's reminder plan has something to send today, once
      const sweep = await runReminderSweep(db, ctx);
      expect(sweep.plan).toMatchObject({ key: 'default', version: 1 });
      expect(Object.values(sweep.byLevel).filter((l) => l.sent > 0).length).toBeGreaterThanOrEqual(2);
      expect(sweep.notifications).toBeGreaterThan(0);
      expect(sweep.failures.count).toBe(0);
      // its collections: a promise whose date passed unpaid breaks and escalates; a disputed and a promised item wait
      expect(sweep.promises).toMatchObject({ kept: 0, broken: 1 });
      expect(sweep.promises.escalations).toBeGreaterThan(0);
      expect(sweep.byLevel['promise-broken']).toEqual({ due: 1, sent: 1 });
      expect(sweep.disputed).toBe(1);
      expect(sweep.promised).toBe(1);
      // and its credit sweep stores a score for every customer with something open
      const credit = await runCreditSweep(db, ctx);
      expect(credit.policy).toMatchObject({ key: 'default', version: 1 });
      expect(credit.stored).toBe(credit.scored);
      expect(credit.stored).toBeGreaterThan(20);
      expect((await runReminderSweep(db, ctx)).sent).toBe(0);
      // the demo's credit policy grades its customers apart, and checks an order against a limit
      const owners = standard.rows.slice(0, 12).map((r) => r.key!);
      const credits = await Promise.all(owners.map((id) => customerCredit(db, ctx, id)));
      expect(credits[0]!.policy).toMatchObject({ key: 'default', version: 1 });
      expect(new Set(credits.map((c) => c.grade)).size).toBeGreaterThanOrEqual(2);
      const check = await creditCheck(db, ctx, { customerId: owners[0]!, amount: '1.00' });
      expect(['allow', 'warn', 'block']).toContain(check.decision);
      // the collection plan spreads over several horizons, and the risk list names customers
      const plan = await collectionPlan(db, ctx, { groupBy: 'salesOwner' });
      expect(filled(plan.totals.buckets)).toBeGreaterThanOrEqual(3);
      expect(plan.totals.total).toBe(standard.totals.total);
      const risky = await riskyCustomers(db, ctx, 10);
      expect(risky.items.length).toBeGreaterThanOrEqual(3);
      expect(risky.items[0]!.score).toBeLessThanOrEqual(risky.items.at(-1)!.score);
    });
  }, 180_000);
});
