import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { moneyColumn } from '../../model/money-limits.ts';
import { dec, isAmountText, maxAmount, maxColumnAmount, toBase, isRateText } from './index.ts';

/** Whether numeric(precision, scale) stores `v` without overflow (PostgreSQL rounds to the scale first). */
const columnHolds = (v: string, c = moneyColumn) =>
  dec(v)
    .toDecimalPlaces(c.scale)
    .abs()
    .lt(dec('10').pow(c.precision - c.scale));

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: min, maxLength: max });

/** Decimal strings of every size around the limits, some malformed (leading zeros, signs, exponents). */
const amountLike = fc.oneof(
  fc.tuple(digits(1, 20), fc.option(digits(1, 7), { nil: undefined })).map(([i, f]) => (f ? `${i}.${f}` : i)),
  fc.constantFrom('1e5', '-1.00', '+1', '1.', '.5', '', ' 1', '0x10', '１２'),
);

describe('amount limits (property)', () => {
  it('the validator accepts exactly the plain non-negative amounts within the limit, and the column holds each', () => {
    fc.assert(
      fc.property(amountLike, (s) => {
        const plain = /^(0|[1-9]\d*)(\.\d{1,4})?$/.test(s);
        const accepted = isAmountText(s);
        expect(accepted).toBe(plain && dec(s).lte(maxAmount));
        if (accepted) expect(columnHolds(s)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a base amount within the limit fits the column at any accepted rate; ten of them fit a voucher total', () => {
    fc.assert(
      fc.property(amountLike, digits(1, 12), digits(0, 12), (amount, ri, rf) => {
        const rate = `${ri.replace(/^0+(?=\d)/, '')}${rf ? `.${rf}` : ''}`;
        if (!isAmountText(amount) || !isRateText(rate) || dec(rate).isZero()) return;
        const base = toBase(amount, rate, 'CNY', 'half_up');
        if (base.lte(maxAmount)) {
          expect(columnHolds(base.toFixed())).toBe(true);
          expect(base.times(10).lte(maxColumnAmount)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the limit is one digit below the column', () => {
    expect(maxAmount.toFixed()).toBe('999999999999999.9999');
    expect(maxColumnAmount.toFixed()).toBe('9999999999999999.9999');
    expect(columnHolds(maxColumnAmount.toFixed())).toBe(true);
    expect(columnHolds('10000000000000000')).toBe(false);
  });
});
