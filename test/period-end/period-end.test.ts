import { describe, expect, it } from 'vitest';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { ledgerSetup, linesOf } from '../ledger/setup.ts';
import { invoice, publish } from '../aging/setup.ts';
import { checkBooks, postDocument, readVoucher } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../packages/server/src/domain/settlement/index.ts';
import { runProvisioning } from '../../packages/server/src/domain/provisions/index.ts';
import { setPeriodStatus } from '../../packages/server/src/domain/periods/index.ts';
import {
  clearSmallBalances,
  closePeriod,
  periodChecklist,
  reopenPeriod,
  rollForward,
} from '../../packages/server/src/domain/period-end/index.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { dec } from '../../packages/server/src/domain/money/index.ts';

type Setup = Awaited<ReturnType<typeof ledgerSetup>>;

const openOf = async (s: Setup, id: string) =>
  dec((await getOpenItems(s.database.db, s.tenant.id, [id])).get(id)!.openAmount).toFixed(2);

const receipt = (s: Setup, customerId: string | null, amount: string, date: string) =>
  postDocument(s.deps, s.ctx, { type: 'receipt', customerId, currency: 'CNY', amount, documentDate: date });

const audit = async (s: Setup, action: string) =>
  (
    await rows<{ after: Record<string, unknown> }>(
      s.database.db,
      sql`SELECT after FROM audit_log WHERE tenant_id = ${s.tenant.id} AND action = ${action} ORDER BY seq`,
    )
  ).map((r) => r.after);

describe('period end', () => {
  it('clears small balances: 0.93 left on a 100,000.93 invoice and 0.40 left on a receipt; not 1.50, not unidentified cash', async () => {
    const s = await ledgerSetup(2);
    const [a, b] = s.customers as [string, string];
    const big = await invoice(s, a, 'BIG', '100000.93', '2026-10-01', '2026-10-31');
    const paid = await receipt(s, a, '100000.00', '2026-10-20');
    await allocate(s.deps, s.ctx, {
      lines: [{ debitDocumentId: big, creditDocumentId: paid.document.id, amount: '100000.00' }],
      postingDate: '2026-10-20',
    });
    const small = await invoice(s, b, 'SMALL', '50.00', '2026-10-01', '2026-10-31');
    const over = await receipt(s, b, '50.40', '2026-10-21');
    await allocate(s.deps, s.ctx, {
      lines: [{ debitDocumentId: small, creditDocumentId: over.document.id, amount: '50.00' }],
      postingDate: '2026-10-21',
    });
    const notSmall = await invoice(s, b, 'ONE-FIFTY', '1.50', '2026-10-02', '2026-11-01');
    const stray = await receipt(s, null, '0.50', '2026-10-22');

    const dry = await clearSmallBalances(s.deps, s.ctx, {
      thresholds: { CNY: '1.00' },
      postingDate: '2026-10-31',
      dryRun: true,
    });
    expect(dry.items.map((i) => [i.number, i.side, i.amount, i.writeOff])).toEqual(
      expect.arrayContaining([
        ['BIG', 'debit', '0.93', null],
        [over.document.number, 'credit', '0.4', null],
      ]),
    );
    expect(dry.items).toHaveLength(2);
    expect(dry.totals).toEqual([{ currency: 'CNY', items: 2, amount: '1.33' }]);
    expect(await openOf(s, big)).toBe('0.93');

    const done = await clearSmallBalances(s.deps, s.ctx, { thresholds: { CNY: '1.00' }, postingDate: '2026-10-31' });
    expect(done.items.every((i) => i.writeOff !== null)).toBe(true);
    expect([await openOf(s, big), await openOf(s, over.document.id)]).toEqual(['0.00', '0.00']);
    expect([await openOf(s, notSmall), await openOf(s, stray.document.id)]).toEqual(['1.50', '0.50']);
    const wo = await audit(s, 'document.write-off');
    expect(wo.map((x) => [x.kind, x.amount])).toEqual(
      expect.arrayContaining([
        ['small-balance', '0.93'],
        ['small-balance', '0.4'],
      ]),
    );
    const voucherOf = async (writeOffId: unknown) => {
      const [v] = await rows<{ id: string }>(
        s.database.db,
        sql`SELECT id FROM vouchers WHERE tenant_id = ${s.tenant.id} AND source_id = ${String(writeOffId)}`,
      );
      return v ? linesOf((await readVoucher(s.database.db, s.tenant.id, v.id))!) : null;
    };
    const byAmount = Object.fromEntries(wo.map((x) => [String(x.amount), x.writeOff]));
    expect(await voucherOf(byAmount['0.93'])).toEqual([
      ['6711', '0.93', ''],
      ['1122', '', '0.93'],
    ]);
    expect(await voucherOf(byAmount['0.4'])).toEqual([
      ['2241', '0.40', ''],
      ['6301', '', '0.40'],
    ]);
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
    const again = await clearSmallBalances(s.deps, s.ctx, { thresholds: { CNY: '1.00' }, postingDate: '2026-10-31' });
    expect(again.items).toEqual([]);

    for (const [thresholds, pointer] of [
      [{ CNY: '-1' }, '/thresholds/CNY'],
      [{ ABC: '1.00' }, '/thresholds/ABC'],
      [{ CNY: '1.001' }, '/thresholds/CNY'],
      [{ CNY: '5000.00' }, '/thresholds/CNY'],
      [{}, '/thresholds'],
    ] as const)
      await expect(
        clearSmallBalances(s.deps, s.ctx, { thresholds: thresholds as Record<string, string> }),
      ).rejects.toMatchObject({ errors: [{ pointer }] });
    await setPeriodStatus(s.deps, s.ctx, '2026-10', 'closed');
    await expect(
      clearSmallBalances(s.deps, s.ctx, { thresholds: { CNY: '2.00' }, postingDate: '2026-10-31' }),
    ).rejects.toMatchObject({ type: 'period_closed' });
    expect(await openOf(s, notSmall)).toBe('1.50');
  });

  it('the close checklist blocks on unapplied receipts and a missing provisioning run; force needs a reason; reopen keeps one', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers as [string];
    const inv = await invoice(s, c, 'OCT-1', '1000.00', '2026-10-03', '2026-11-02');
    const cash = await receipt(s, c, '1000.00', '2026-10-15');
    await publish(s, 'provision-plan', 'default', { stages: [{ id: 'all', type: 'percentage', rate: '0.01' }] });

    const list = await periodChecklist(s.database.db, s.ctx, '2026-10');
    expect(list).toMatchObject({ period: '2026-10', startsOn: '2026-10-01', endsOn: '2026-10-31', ready: false });
    expect(list.blockers.map((b) => [b.code, b.count, b.link])).toEqual([
      ['unmatched-bank-lines', 1, '/api/v1/matching/queue?from=2026-10-01&to=2026-10-31'],
      ['provisioning-run-missing', 1, '/api/v1/provisioning-runs'],
    ]);
    expect(list.checks.map((x) => [x.code, x.passed])).toEqual([
      ['draft-requests', true],
      ['pending-approvals', true],
      ['unmatched-bank-lines', false],
      ['provisioning-run-missing', false],
      ['fx-revaluation-missing', true],
    ]);
    await expect(closePeriod(s.deps, s.ctx, '2026-10')).rejects.toMatchObject({
      type: 'conflict',
      extra: { blockers: [{ code: 'unmatched-bank-lines' }, { code: 'provisioning-run-missing' }] },
    });
    await expect(closePeriod(s.deps, s.ctx, '2026-10', { force: true })).rejects.toMatchObject({
      errors: [{ pointer: '/reason' }],
    });
    await expect(closePeriod(s.deps, s.ctx, '2026-13')).rejects.toMatchObject({ errors: [{ pointer: '/period' }] });

    // clear the blockers: apply the receipt, run the plan as of the month end; then it closes
    await allocate(s.deps, s.ctx, {
      lines: [{ debitDocumentId: inv, creditDocumentId: cash.document.id, amount: '1000.00' }],
      postingDate: '2026-10-15',
    });
    await runProvisioning(s.deps, s.ctx, { asOf: '2026-10-31' });
    expect((await periodChecklist(s.database.db, s.ctx, '2026-10')).ready).toBe(true);
    expect(await closePeriod(s.deps, s.ctx, '2026-10')).toMatchObject({ status: 'closed' });
    expect(await reopenPeriod(s.deps, s.ctx, '2026-10', { reason: 'late supplier credit' })).toMatchObject({
      status: 'open',
    });
    // a new unapplied receipt: forced past with a reason, the audit entry keeps both
    await receipt(s, c, '20.00', '2026-10-30');
    await closePeriod(s.deps, s.ctx, '2026-10', { force: true, reason: 'bank confirms a refund tomorrow' });
    expect(await audit(s, 'period.reopen')).toEqual([{ status: 'open', reason: 'late supplier credit' }]);
    expect((await audit(s, 'period.close'))[1]).toMatchObject({
      status: 'closed',
      reason: 'bank confirms a refund tomorrow',
      forcedPast: [{ code: 'unmatched-bank-lines', count: 1 }],
    });
  });

  it('rolls balances forward: every account closes the period with what it opens the next with', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers as [string];
    await invoice(s, c, 'R-1', '300.00', '2026-09-10', '2026-10-10');
    await invoice(s, c, 'R-2', '200.00', '2026-10-10', '2026-11-09');
    await receipt(s, c, '120.00', '2026-10-12');
    const r = await rollForward(s.database.db, s.ctx, '2026-10');
    expect(r).toMatchObject({ period: '2026-10', nextPeriod: '2026-11', balanced: true, carried: true });
    const ar = r.accounts.find((a) => a.accountCode === '1122')!;
    expect([ar.opening, ar.debit, ar.credit, ar.closing, ar.nextOpening]).toEqual([
      '300.00',
      '200.00',
      '0.00',
      '500.00',
      '500.00',
    ]);
  });
});
