import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, Decimal } from '../../packages/dsl/src/index.ts';
import { Decimal as MoneyDecimal, maxAmount } from '../../packages/server/src/domain/money/index.ts';

describe('one decimal for the rules language, the connectors and the server', () => {
  it('the server money Decimal is the constructor @hexiao/dsl exports', () => {
    expect(MoneyDecimal).toBe(Decimal);
  });

  it('products of two ledger amounts stay exact (as in dec*), up to the column limit squared', () => {
    const limit = maxAmount.toFixed();
    expect(new MoneyDecimal(limit).times(limit).toFixed()).toBe(apply({ 'dec*': [limit, limit] }));
    const amount = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }), fc.boolean())
      .map(([u, neg]) => `${neg && u ? '-' : ''}${u / 10000n}.${(u % 10000n).toString().padStart(4, '0')}`);
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        const exact = BigInt(a.replace('.', '')) * BigInt(b.replace('.', ''));
        const product = new MoneyDecimal(a).times(b);
        expect(product.times(10n ** 8n + '').toFixed()).toBe(exact.toString());
      }),
      { numRuns: 500 },
    );
  });
});
