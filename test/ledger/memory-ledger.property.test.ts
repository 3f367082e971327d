import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryLedger } from './memory-ledger.ts';
import type { TenantCtx } from '../../packages/server/src/domain/context.ts';
import { runSequence, sequenceArb } from './commands.ts';
import { verifyLedger } from '../../packages/server/src/domain/ledger/index.ts';

const tenant: TenantCtx = {
  id: 't',
  slug: 't',
  name: 'T',
  baseCurrency: 'CNY',
  timeZone: 'Asia/Shanghai',
  roundingMode: 'half_up',
};

describe('ledger model: random post / allocate / reverse / adjust / replay sequences with faults', () => {
  it('keeps every invariant over 1,000 sequences', async () => {
    let steps = 0;
    const total: Record<string, number> = {};
    let replays = 0;
    await fc.assert(
      fc.asyncProperty(sequenceArb(16), async (cmds) => {
        const model = new MemoryLedger(tenant, new Set(['c1', 'c2']));
        const stats = await runSequence(cmds, model, { m: ['c1', 'c2'], d: ['c1', 'c2'] });
        steps += cmds.length;
        replays += stats.replays;
        for (const [k, n] of [...Object.entries(stats.ok), ...Object.entries(stats.refused)])
          total[k] = (total[k] ?? 0) + n;
      }),
      { numRuns: 1000 },
    );
    expect(steps).toBeGreaterThan(1000);
    // the generator reaches every path: successes, refusals, faults and replays
    for (const k of [
      'post',
      'alloc',
      'rev-doc',
      'rev-st',
      'post:fault',
      'alloc:fault',
      'alloc:invalid_data',
      'rev-doc:conflict',
      'post:period_closed',
    ])
      expect(total[k] ?? 0, k).toBeGreaterThan(10);
    expect(replays).toBeGreaterThan(50);
  });
});

describe('ledger invariant checker', () => {
  it('detects a corrupted open item, an unbalanced voucher and a voucher number gap', () => {
    const model = new MemoryLedger(tenant, new Set(['c1']));
    const a = model.post({
      type: 'invoice',
      customerId: 'c1',
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-11-02',
    });
    model.post({ type: 'receipt', customerId: 'c1', currency: 'CNY', amount: '4.00', documentDate: '2026-11-02' });
    expect(verifyLedger(model.snapshot())).toEqual([]);
    model.openItems.set(a.document.id, { ...model.openItems.get(a.document.id)!, openAmount: '9.00' });
    model.vouchers[0] = {
      ...model.vouchers[0]!,
      lines: model.vouchers[0]!.lines.map((l, i) => (i === 0 ? { ...l, debit: '10.01' } : l)),
    };
    model.vouchers[1] = { ...model.vouchers[1]!, number: 3 };
    const v = verifyLedger(model.snapshot());
    expect(v.some((x) => x.includes('rebuild gives 10'))).toBe(true);
    expect(v.some((x) => x.includes('does not balance'))).toBe(true);
    expect(v.some((x) => x.includes('gap'))).toBe(true);
  });
});
