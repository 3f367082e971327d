import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../money/index.ts';
import { checkImpliedRate, settlementRateTolerance } from './implied-rate.ts';

const line = (amount: string, creditAmount: string, rate: string, tolerance: string) => () =>
  checkImpliedRate({
    pointer: '/lines/0/creditAmount',
    amount: dec(amount),
    debitCurrency: 'CNY',
    debitRate: { rate: '1', source: 'base currency' },
    creditAmount: dec(creditAmount),
    creditCurrency: 'USD',
    creditRate: { rate, source: 'test' },
    tolerance: dec(tolerance),
  });

describe('checkImpliedRate', () => {
  it('takes any credit amount converted at the rate and rounded to the cent, even with no tolerance', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.integer({ min: 1, max: 99_999_999 }), (cents, r) => {
        const credit = dec(cents.toString()).div(100);
        const rate = dec(String(r)).div('10000');
        const amount = credit.times(rate).toDecimalPlaces(2).toFixed(2);
        expect(line(amount, credit.toFixed(2), rate.toFixed(), '0')).not.toThrow();
      }),
    );
  });

  it('takes any debit amount converted back at the rate with the credit rounded to the cent, even with no tolerance', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.integer({ min: 1, max: 99_999_999 }), (cents, r) => {
        const debit = dec(cents.toString()).div(100);
        const rate = dec(String(r)).div('10000');
        const credit = debit.div(rate).toDecimalPlaces(2);
        fc.pre(!credit.isZero());
        expect(line(debit.toFixed(2), credit.toFixed(2), rate.toFixed(), '0')).not.toThrow();
      }),
    );
    expect(line('0.04', '0.01', '7.1', '0.02')).not.toThrow(); // 0.01 USD is 0.005 to 0.015: 0.0355 to 0.1065 CNY
    expect(line('0.12', '0.01', '7.1', '0.02')).toThrow(/implies 12 CNY per USD/);
  });

  it('refuses a difference beyond the tolerance plus one cent, and says by how much', () => {
    expect(line('1000.00', '140.00', '7.2', '0.02')).not.toThrow(); // 8.00 off, 20.16 allowed
    expect(line('1000.00', '140.00', '7.2', '0.007')).toThrow(/implies 7\.1428571 CNY per USD, more than 0\.7 %/);
    expect(line('7.21', '1.00', '7.2', '0')).not.toThrow(); // one cent of rounding
    expect(line('7.23', '1.00', '7.2', '0')).not.toThrow(); // 7.23 / 7.2 = 1.0042, which rounds to 1.00
    expect(line('7.24', '1.00', '7.2', '0')).toThrow(/expected 7\.2 /); // 1.0056 rounds to 1.01
  });

  it('reads the tenant setting, 2 % by default, and refuses a setting that is not a fraction', () => {
    expect(settlementRateTolerance({}).toFixed()).toBe('0.02');
    expect(settlementRateTolerance({ ledger: { fx: { settlementRateTolerance: '0.005' } } }).toFixed()).toBe('0.005');
    expect(() => settlementRateTolerance({ ledger: { fx: { settlementRateTolerance: '2' } } })).toThrow(/fraction/);
    expect(() => settlementRateTolerance({ ledger: { fx: { settlementRateTolerance: 0.1 } } })).toThrow(/fraction/);
  });
});
