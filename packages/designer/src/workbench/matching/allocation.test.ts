import fc from 'fast-check';
import { Decimal } from '@hexiao/dsl/money';
import { describe, expect, it } from 'vitest';
import { allocationState, fillInOrder } from './allocation.ts';

const row = (id: string, open: string, amount = '') => ({ id, open, amount });

describe('the allocation panel', () => {
  it('shows the running total and the remainder to the cent', () => {
    const s = allocationState('1000.00', [row('a', '600.10', '600.10'), row('b', '500.00', '399.89')]);
    expect(s).toMatchObject({ allocated: '999.99', remaining: '0.01', overReceipt: false, postable: true });
  });
  it('refuses more than the receipt holds, more than an item owes, and malformed amounts', () => {
    expect(allocationState('100.00', [row('a', '80.00', '80.00'), row('b', '50.00', '20.01')])).toMatchObject({
      remaining: '-0.01',
      overReceipt: true,
      postable: false,
    });
    expect(allocationState('100.00', [row('a', '80.00', '80.01')]).errors).toEqual({ a: 'overOpen' });
    expect(allocationState('100.00', [row('a', '80.00', '1.005')]).errors).toEqual({ a: 'format' });
    expect(allocationState('100.00', [row('a', '80.00', '-1')]).errors).toEqual({ a: 'format' });
    expect(allocationState('100.00', [row('a', '80.00', '1e3')]).errors).toEqual({ a: 'format' });
    expect(allocationState('100.00', [row('a', '80.00')]).postable).toBe(false);
  });
  it('fills oldest first until the receipt is used up', () => {
    const filled = fillInOrder('150.00', [row('a', '100.00'), row('b', '80.00'), row('c', '10.00')]);
    expect(filled.map((r) => r.amount)).toEqual(['100.00', '50.00', '']);
  });
  it('never fills more than the receipt or any item holds, and uses the receipt up when the items allow', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n).dividedBy(100).toFixed(2));
    fc.assert(
      fc.property(cents, fc.array(cents, { maxLength: 20 }), (receipt, opens) => {
        const rows = opens.map((o, i) => row(String(i), o));
        const filled = fillInOrder(receipt, rows);
        const s = allocationState(receipt, filled);
        expect(s.overReceipt).toBe(false);
        expect(Object.keys(s.errors)).toEqual([]);
        const totalOpen = opens.reduce((a, o) => a.plus(o), new Decimal(0));
        expect(s.allocated).toBe(Decimal.min(receipt, totalOpen).toFixed(2));
      }),
    );
  });
});
