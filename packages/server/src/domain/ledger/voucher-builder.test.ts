import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VoucherBuilder, mirrorVoucher } from './voucher-builder.ts';
import { dec } from '../money/index.ts';

const head = {
  voucherDate: '2026-11-02',
  sourceType: 'document' as const,
  sourceId: 'x',
  description: 'invoice INV-1',
  currency: 'CNY',
  mappingKey: 'k',
  mappingVersion: 0,
};
const ar = { code: '1122', name: 'AR' };
const rev = { code: '6001', name: 'Revenue' };
const vat = { code: '2221', name: 'VAT' };

describe('voucher builder', () => {
  it('builds a balanced voucher and skips zero lines', () => {
    const v = new VoucherBuilder(head)
      .debit(ar, '113.00')
      .credit(rev, '100.00')
      .credit(vat, '13.00')
      .credit(vat, '0')
      .build();
    expect(v.total).toBe('113.00');
    expect(v.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['1122', '113.00', '0'],
      ['6001', '0', '100.00'],
      ['2221', '0', '13.00'],
    ]);
  });

  it('refuses imbalance, naming both totals', () => {
    const b = new VoucherBuilder(head).debit(ar, '113.00').credit(rev, '100.00');
    expect(() => b.build()).toThrow(/does not balance: debit 113.00 CNY, credit 100.00 CNY/);
    try {
      b.build();
    } catch (e) {
      expect((e as { type: string }).type).toBe('unbalanced_voucher');
    }
  });

  it('refuses a voucher whose lines all round to zero, and sub-cent lines', () => {
    expect(() => new VoucherBuilder(head).debit(ar, '0').credit(rev, '0').build()).toThrow(
      /at least one debit and one credit/,
    );
    expect(() => new VoucherBuilder(head).debit(ar, '1.005').credit(rev, '1.005').build()).toThrow(/more decimals/);
  });

  it('turns negative amounts into the other side; mirror nets to zero (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        (cents) => {
          const b = new VoucherBuilder(head);
          let sum = dec('0');
          cents.forEach((c, i) => {
            const a = dec(String(c)).div('100');
            sum = sum.plus(a);
            b.debit({ code: `A${i}`, name: 'a' }, a);
          });
          b.credit(rev, sum);
          const totals = b.totals();
          expect(totals.debit.eq(totals.credit)).toBe(true);
          if (cents.every((c) => c === 0)) return;
          const v = b.build();
          const m = mirrorVoucher(v, head);
          const net = new Map<string, ReturnType<typeof dec>>();
          for (const l of [...v.lines, ...m.lines])
            net.set(l.accountCode, (net.get(l.accountCode) ?? dec('0')).plus(l.debit).minus(l.credit));
          for (const x of net.values()) expect(x.isZero()).toBe(true);
          expect(m.total).toBe(v.total);
        },
      ),
    );
  });
});
