import { Decimal } from '@hexiao/dsl/money';

const plain = /^[0-9]+(\.[0-9]+)?$/;

/** A provision rate (a fraction, "0.03") as the percent an analyst reads ("3"). */
export const ratePercent = (rate: string): string => (plain.test(rate) ? new Decimal(rate).times(100).toFixed() : rate);

/** The rate of a typed percent, or null when it is no number from 0 to 100 (the plan keeps 8 places at most). */
export function percentRate(percent: string): string | null {
  const s = percent.trim();
  if (!plain.test(s)) return null;
  const rate = new Decimal(s).div(100);
  return rate.lte(1) && rate.decimalPlaces() <= 8 ? rate.toFixed() : null;
}
