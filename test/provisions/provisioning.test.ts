import { describe, expect, it } from 'vitest';
import { invoice, pay, publish, type AgingSetup } from '../aging/setup.ts';
import { byAge } from './plans.ts';
import { ledgerSetup, linesOf } from '../ledger/setup.ts';
import { runProvisioning } from '../../packages/server/src/domain/provisions/index.ts';
import { postWriteOff, readVoucher } from '../../packages/server/src/domain/ledger/index.ts';
import { setPeriodStatus } from '../../packages/server/src/domain/periods/index.ts';

async function voucherLines(s: AgingSetup, id: string | undefined) {
  const v = await readVoucher(s.database.db, s.tenant.id, id!);
  return linesOf(v!);
}

describe('provisioning runs: worked examples to the cent', () => {
  it('a 1,000,000 receivable provided 50 % by aging gives 500,000 (Dr 6702, Cr 1231); the rerun posts nothing', async () => {
    const s = await ledgerSetup(1);
    await invoice(s, s.customers[0]!, 'BIG', '1000000.00', '2025-03-01', '2025-03-31');
    await publish(s, 'provision-plan', 'default', byAge);
    const run = await runProvisioning(s.deps, s.ctx, { asOf: '2026-06-30' }); // 486 days: the second year
    expect(run).toMatchObject({ required: '500000', carried: '0', topUp: '500000', released: '0', replayed: false });
    expect(run.byStage).toEqual([{ stage: 'age', bucket: 'y2', items: 1, openBase: '1000000', required: '500000' }]);
    expect(await voucherLines(s, run.voucher?.id)).toEqual([
      ['6702', '500000.00', ''],
      ['1231', '', '500000.00'],
    ]);
    const again = await runProvisioning(s.deps, s.ctx, { asOf: '2026-06-30' });
    expect(again).toMatchObject({ id: run.id, replayed: true, topUp: '500000' });
    expect(again.voucher?.id).toBe(run.voucher?.id);
  });

  it('a 500,000 receivable provided 250,000 is released when the customer pays in full', async () => {
    const s = await ledgerSetup(1);
    const c = s.customers[0]!;
    const id = await invoice(s, c, 'HALF', '500000.00', '2025-01-10', '2025-02-09');
    await publish(s, 'provision-plan', 'default', byAge);
    const first = await runProvisioning(s.deps, s.ctx, { asOf: '2026-03-31' });
    expect(first).toMatchObject({ required: '250000', topUp: '250000' });
    await pay(s, c, id, '500000.00', '2026-05-15');
    const second = await runProvisioning(s.deps, s.ctx, { asOf: '2026-05-31' });
    expect(second).toMatchObject({ items: 0, required: '0', carried: '250000', topUp: '0', released: '250000' });
    expect(second.lines).toEqual([
      { customerId: c, items: 0, openBase: '0', required: '0', carried: '250000', difference: '-250000' },
    ]);
    expect(await voucherLines(s, second.voucher?.id)).toEqual([
      ['1231', '250000.00', ''],
      ['6702', '', '250000.00'],
    ]);
    const third = await runProvisioning(s.deps, s.ctx, { asOf: '2026-06-30' });
    expect(third).toMatchObject({ required: '0', carried: '0', topUp: '0', released: '0', voucher: null });
  });

  it('an invoice exactly 365 days old falls in the first-year bucket, one 366 days old in the second', async () => {
    const s = await ledgerSetup(1);
    const c = s.customers[0]!;
    await invoice(s, c, 'D365', '1000.00', '2025-06-30', '2025-07-30');
    await invoice(s, c, 'D366', '1000.00', '2025-06-29', '2025-07-29');
    await publish(s, 'provision-plan', 'default', byAge);
    const run = await runProvisioning(s.deps, s.ctx, { asOf: '2026-06-30', dryRun: true });
    expect(run.byStage).toEqual([
      { stage: 'age', bucket: 'y1', items: 1, openBase: '1000', required: '50' },
      { stage: 'age', bucket: 'y2', items: 1, openBase: '1000', required: '500' },
    ]);
    expect(run).toMatchObject({ id: null, dryRun: true, voucher: null, required: '550' });
  });

  it('rounds each line half-up to the cent: 1,234.50 × 1 % = 12.35; stages claim in order, exempt and specific first', async () => {
    const s = await ledgerSetup(3);
    const [a, b, c] = s.customers as [string, string, string];
    await invoice(s, a, 'R1', '1234.50', '2026-10-01', '2026-10-31');
    await invoice(s, b, 'R2', '8000.00', '2026-10-01', '2026-10-31');
    await invoice(s, c, 'R3', '3000.00', '2026-10-01', '2026-10-31');
    await publish(s, 'provision-plan', 'default', {
      stages: [
        { id: 'group', type: 'exempt', when: { '==': [{ var: 'customer.id' }, b] } },
        {
          id: 'bankrupt',
          type: 'specific',
          when: { '==': [{ var: 'customer.id' }, c] },
          rate: '0.8',
          evidence: 'court notice 2026-11-02',
        },
        { id: 'rest', type: 'percentage', rate: '0.01' },
      ],
    });
    const run = await runProvisioning(s.deps, s.ctx, { asOf: '2026-11-30', dryRun: true });
    const required = Object.fromEntries(run.lines.map((l) => [l.customerId, l.required]));
    expect(required).toEqual({ [a]: '12.35', [b]: '0', [c]: '2400' });
    expect(run.required).toBe('2412.35');
  });

  it('refuses a run posted into a closed period, and posts nothing', async () => {
    const s = await ledgerSetup(1);
    await invoice(s, s.customers[0]!, 'X', '100.00', '2026-01-05', '2026-02-04');
    await publish(s, 'provision-plan', 'default', byAge);
    await setPeriodStatus(s.deps, s.ctx, '2026-03', 'closed');
    await expect(runProvisioning(s.deps, s.ctx, { asOf: '2026-03-31' })).rejects.toMatchObject({
      type: 'period_closed',
    });
    const dry = await runProvisioning(s.deps, s.ctx, { asOf: '2026-03-31', dryRun: true });
    expect(dry.required).toBe('5');
  });

  it('deferred tax at 25 %: a 500,000 top-up adds 125,000 to the deferred tax asset; the release reverses it', async () => {
    const s = await ledgerSetup(1);
    const c = s.customers[0]!;
    const id = await invoice(s, c, 'TAX', '1000000.00', '2025-03-01', '2025-03-31');
    await publish(s, 'provision-plan', 'default', { ...byAge, deferredTax: { rate: '0.25' } });
    const run = await runProvisioning(s.deps, s.ctx, { asOf: '2026-06-30' });
    expect(run).toMatchObject({ topUp: '500000', tax: { rate: '0.25', addBack: '500000', deferredTax: '125000' } });
    expect(await voucherLines(s, run.voucher?.id)).toEqual([
      ['6702', '500000.00', ''],
      ['1811', '125000.00', ''],
      ['1231', '', '500000.00'],
      ['6801', '', '125000.00'],
    ]);
    await pay(s, c, id, '1000000.00', '2026-07-10');
    const release = await runProvisioning(s.deps, s.ctx, { asOf: '2026-07-31' });
    expect(release).toMatchObject({ released: '500000', tax: { addBack: '-500000', deferredTax: '-125000' } });
    expect(await voucherLines(s, release.voucher?.id)).toEqual([
      ['1231', '500000.00', ''],
      ['6801', '125000.00', ''],
      ['6702', '', '500000.00'],
      ['1811', '', '125000.00'],
    ]);
    const plain = await runProvisioning(s.deps, s.ctx, { asOf: '2026-07-31', plan: { key: 'default' }, dryRun: true });
    expect(plain.tax).toEqual({ rate: '0.25', addBack: '0', deferredTax: '0' });
  });

  it('1 % of credit sales builds a general allowance each run adds to and never releases; a bad debt draws on it after its own', async () => {
    const s = await ledgerSetup(2);
    const [a, b] = s.customers as [string, string];
    await invoice(s, a, 'S-A', '100000.00', '2026-10-05', '2026-11-04');
    const bInv = await invoice(s, b, 'S-B', '50000.00', '2026-10-10', '2026-11-09');
    await publish(s, 'provision-plan', 'default', { ...byAge, salesPercentage: { rate: '0.01' } });
    const oct = await runProvisioning(s.deps, s.ctx, { asOf: '2026-10-31' });
    // 5 % of each balance (7,500) and 1 % of October's 150,000 of sales (1,500)
    expect(oct).toMatchObject({
      required: '7500',
      topUp: '9000',
      salesPercentage: { from: '2026-10-01', to: '2026-10-31', creditSales: '150000', rate: '0.01', expense: '1500' },
    });
    expect(await voucherLines(s, oct.voucher?.id)).toEqual([
      ['6702', '5000.00', ''],
      ['6702', '2500.00', ''],
      ['6702', '1500.00', ''],
      ['1231', '', '5000.00'],
      ['1231', '', '2500.00'],
      ['1231', '', '1500.00'],
    ]);
    await invoice(s, a, 'S-A2', '20000.00', '2026-11-03', '2026-12-03');
    const nov = await runProvisioning(s.deps, s.ctx, { asOf: '2026-11-30' });
    // A needs 1,000 more; B nothing; November's 20,000 of sales add 200; the 1,500 already carried stays
    expect(nov).toMatchObject({
      topUp: '1200',
      released: '0',
      salesPercentage: { from: '2026-11-01', creditSales: '20000', expense: '200' },
    });
    const w = await postWriteOff(s.deps, s.ctx, {
      kind: 'bad-debt',
      items: [{ documentId: bInv }],
      reason: 'insolvent',
      postingDate: '2026-12-01',
    });
    expect([w.items[0]!.allowanceUsed, w.items[0]!.shortfallCharged, w.policy.generalAllowance]).toEqual([
      '4200',
      '45800',
      true,
    ]);
    expect(linesOf(w.items[0]!.voucher)).toEqual([
      ['1231', '2500.00', ''],
      ['1231', '1700.00', ''],
      ['6702', '45800.00', ''],
      ['1122', '', '50000.00'],
    ]);
    expect(w.items[0]!.voucher.lines.map((l) => l.customerId)).toEqual([b, null, b, b]);
  });
});
