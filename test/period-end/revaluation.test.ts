import { describe, expect, it } from 'vitest';
import { ledgerSetup, linesOf } from '../ledger/setup.ts';
import { checkBooks, postDocument, readVoucher, trialBalance } from '../../packages/server/src/domain/ledger/index.ts';
import { storeFxRates } from '../../packages/server/src/domain/fx/index.ts';
import { setPeriodStatus } from '../../packages/server/src/domain/periods/index.ts';
import {
  getRevaluation,
  periodChecklist,
  revalue,
  runRevaluation,
} from '../../packages/server/src/domain/period-end/index.ts';
import fc from 'fast-check';
import { dec } from '../../packages/server/src/domain/money/index.ts';

type Setup = Awaited<ReturnType<typeof ledgerSetup>>;

const rate = (s: Setup, from: string, value: string, date = '2026-10-31') =>
  s.database.db.transaction((tx) => storeFxRates(s.deps, s.ctx, tx, [{ date, from, to: 'CNY', rate: value }]));

const lines = async (s: Setup, id: string | undefined) =>
  linesOf((await readVoucher(s.database.db, s.tenant.id, id!))!);

describe('period-end FX revaluation, to the cent', () => {
  it('10,000 USD booked at 6.4, revalued at 6.1: a 3,000 CNY unrealised loss on 31 October, reversed on 1 November', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers as [string];
    await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: c,
      currency: 'USD',
      amount: '10000.00',
      fxRate: '6.4',
      documentDate: '2026-10-05',
    });
    await rate(s, 'USD', '6.1');
    expect((await periodChecklist(s.database.db, s.ctx, '2026-10')).blockers).toEqual([
      expect.objectContaining({ code: 'fx-revaluation-missing', count: 1, link: '/api/v1/period-end/revaluation' }),
    ]);
    const dry = await runRevaluation(s.deps, s.ctx, { period: '2026-10', dryRun: true });
    expect(dry).toMatchObject({ id: null, gain: '0', loss: '3000', net: '-3000', voucher: null, dryRun: true });
    const r = await runRevaluation(s.deps, s.ctx, { period: '2026-10' });
    expect(r).toMatchObject({
      period: '2026-10',
      postingDate: '2026-10-31',
      reversalDate: '2026-11-01',
      items: 1,
      loss: '3000',
      rates: [{ currency: 'USD', rate: '6.1', rateDate: '2026-10-31' }],
      lines: [{ open: '10000', openBase: '64000', rate: '6.1', revaluedBase: '61000', effect: '-3000' }],
    });
    expect(r.voucher!.voucherNo).toMatch(/^2026-10/);
    expect(r.reversalVoucher!.voucherNo).toMatch(/^2026-11/);
    expect(await lines(s, r.voucher?.id)).toEqual([
      ['6062', '3000.00', ''],
      ['1129', '', '3000.00'],
    ]);
    expect(await lines(s, r.reversalVoucher?.id)).toEqual([
      ['1129', '3000.00', ''],
      ['6062', '', '3000.00'],
    ]);
    // the receivable keeps its booking rate: the control account still agrees with the open items
    const october = await trialBalance(s.database.db, s.tenant, '2026-10');
    expect(october.reconciled).toBe(true);
    expect(october.accounts.find((a) => a.accountCode === '1129')?.closing).toBe('-3000.00');
    expect(
      (await trialBalance(s.database.db, s.tenant, '2026-11')).accounts.find((a) => a.accountCode === '1129')?.closing,
    ).toBe('0.00');
    const again = await runRevaluation(s.deps, s.ctx, { period: '2026-10' });
    expect(again).toMatchObject({ id: r.id, replayed: true, voucher: r.voucher });
    expect(await getRevaluation(s.database.db, s.tenant.id, r.id!)).toMatchObject({ id: r.id, loss: '3000' });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
    expect((await periodChecklist(s.database.db, s.ctx, '2026-10')).ready).toBe(true);
  });

  it('a customer credit in euros worth more at the closing rate is a loss, a receivable worth more a gain', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers as [string];
    await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: c,
      currency: 'EUR',
      amount: '2000.00',
      fxRate: '7.5',
      documentDate: '2026-10-05',
    });
    await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'EUR',
      amount: '500.00',
      fxRate: '7.6',
      documentDate: '2026-10-09',
    });
    await rate(s, 'EUR', '7.8');
    const r = await runRevaluation(s.deps, s.ctx, { period: '2026-10' });
    // invoice: 2,000 × 7.8 = 15,600 against 15,000: +600; receipt: 500 × 7.8 = 3,900 against 3,800: −100
    expect([r.gain, r.loss, r.net]).toEqual(['600', '100', '500']);
    expect(await lines(s, r.voucher?.id)).toEqual([
      ['1129', '600.00', ''],
      ['6062', '100.00', ''],
      ['6061', '', '600.00'],
      ['1129', '', '100.00'],
    ]);
  });

  it('refuses a currency without a closing rate and a closed period; posts nothing', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers as [string];
    await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: c,
      currency: 'JPY',
      amount: '100000',
      fxRate: '0.047',
      documentDate: '2026-10-05',
    });
    await expect(runRevaluation(s.deps, s.ctx, { period: '2026-10' })).rejects.toMatchObject({
      errors: [{ pointer: '/rateDate', reason: expect.stringMatching(/no spot rate JPY→CNY on or before 2026-10-31/) }],
    });
    await expect(runRevaluation(s.deps, s.ctx, { period: '2026-13' })).rejects.toMatchObject({
      errors: [{ pointer: '/period' }],
    });
    await rate(s, 'JPY', '0.046');
    await setPeriodStatus(s.deps, s.ctx, '2026-10', 'closed');
    await expect(runRevaluation(s.deps, s.ctx, { period: '2026-10' })).rejects.toMatchObject({ type: 'period_closed' });
    const dry = await runRevaluation(s.deps, s.ctx, { period: '2026-10', dryRun: true });
    expect(dry.loss).toBe('100');
  });

  it('the revaluation nets to the sum of its items, and each item to its revalued less its booked base', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            side: fc.constantFrom('debit' as const, 'credit' as const),
            cents: fc.integer({ min: 1, max: 1_000_000_000 }),
            booked: fc.constantFrom('6.4', '7.1', '0.0613', '1.25'),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.constantFrom('6.1', '7.3', '0.07', '1'),
        (items, closing) => {
          const open = items.map((i, k) => {
            const amount = dec(String(i.cents)).div(100);
            return {
              documentId: `d${k}`,
              customerId: null,
              side: i.side,
              currency: 'USD',
              open: amount.toFixed(),
              openBase: amount.times(i.booked).toDecimalPlaces(2).toFixed(),
            };
          });
          const r = revalue(open, new Map([['USD', closing]]), 'CNY', 'half_up');
          const net = r.lines.reduce((s, l) => s.plus(l.effect), dec('0'));
          expect(net.eq(r.gain.minus(r.loss))).toBe(true);
          for (const l of r.lines) {
            const diff = dec(l.revaluedBase).minus(l.openBase);
            expect(dec(l.effect).eq(l.side === 'debit' ? diff : diff.neg())).toBe(true);
            expect(dec(l.revaluedBase).decimalPlaces()).toBeLessThanOrEqual(2);
          }
        },
      ),
    );
  });
});
