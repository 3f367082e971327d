import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '@hexiao/dsl/money';
import { percentRate, ratePercent } from './percent.ts';

describe('rates as percents, in decimal arithmetic', () => {
  it('reads the plan’s rates as percents', () => {
    expect(['0.005', '0.03', '0.1', '0.3', '1', '0', '0.12345678'].map(ratePercent)).toEqual([
      '0.5',
      '3',
      '10',
      '30',
      '100',
      '0',
      '12.345678',
    ]);
  });

  it('turns a typed percent into a rate, and refuses what is no rate', () => {
    expect(['3', '0.5', '100', '100.00', '0', '007.50'].map(percentRate)).toEqual([
      '0.03',
      '0.005',
      '1',
      '1',
      '0',
      '0.075',
    ]);
    for (const bad of ['100.01', '101', '-3', '3%', '', 'abc', '1e2', '0.0000001'])
      expect(percentRate(bad), bad).toBeNull();
  });

  it('round-trips every rate the plan can hold (0 to 1, up to 8 places)', () => {
    const rate = fc.integer({ min: 0, max: 100_000_000 }).map((n) => new Decimal(n).div(100_000_000).toFixed());
    fc.assert(
      fc.property(rate, (r) => {
        expect(percentRate(ratePercent(r))).toBe(r);
      }),
    );
  });
});
