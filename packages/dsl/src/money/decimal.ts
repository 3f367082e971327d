import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one decimal type of every package (the rules language, the connector SDK and connectors, the server):
 * decimal.js configured for money. 80 significant digits keep sums and products of ledger amounts exact, division
 * results are rounded explicitly by their callers, and text is never in exponent notation.
 */
export const Decimal = DecimalJs.clone({
  precision: 80,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Decimal = InstanceType<typeof Decimal>;
/** A decimal.js rounding mode constant (Decimal.ROUND_HALF_UP …). */
export type DecimalRounding = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
