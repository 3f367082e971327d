import type { RoundingModeName } from '../context.ts';
import { dec, roundMoney, ZERO, type Decimal } from '../money/index.ts';

export interface RevaluedItem {
  documentId: string;
  customerId: string | null;
  side: 'debit' | 'credit';
  currency: string;
  open: string;
  openBase: string;
  rate: string;
  revaluedBase: string;
  /** What the revaluation does to profit: positive a gain, negative a loss. */
  effect: string;
}

/**
 * Pure: each open item's open amount at the closing rate, rounded to the base currency, against its base at the
 * booking rate. A receivable worth more in base is a gain; a customer credit (cash owed back or to apply) worth
 * more is a loss.
 */
export function revalue(
  items: {
    documentId: string;
    customerId: string | null;
    side: 'debit' | 'credit';
    currency: string;
    open: string;
    openBase: string;
  }[],
  rates: ReadonlyMap<string, string>,
  base: string,
  rounding: RoundingModeName,
): { lines: RevaluedItem[]; gain: Decimal; loss: Decimal } {
  let gain = ZERO;
  let loss = ZERO;
  const lines = items.map((i) => {
    const rate = rates.get(i.currency)!;
    const revalued = roundMoney(dec(i.open).times(rate), base, rounding);
    const diff = revalued.minus(i.openBase);
    const effect = i.side === 'debit' ? diff : diff.neg();
    if (effect.isPos()) gain = gain.plus(effect);
    else loss = loss.plus(effect.neg());
    return {
      ...i,
      open: dec(i.open).toFixed(),
      openBase: dec(i.openBase).toFixed(),
      rate,
      revaluedBase: revalued.toFixed(),
      effect: effect.toFixed(),
    };
  });
  return { lines, gain, loss };
}
