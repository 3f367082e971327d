import { HexiaoError, invalid } from '../errors.ts';
import { Decimal, dec, isAmountText, minorUnits } from '../money/index.ts';

/**
 * How far a cross-currency settlement's implied rate may stray from the reference rate, as a fraction, from the
 * tenant setting `ledger.fx.settlementRateTolerance` (default 2 %). Beyond it the difference is not an FX
 * gain or loss but a write-off or an adjustment, which go through their own approved paths.
 */
export const defaultSettlementRateTolerance = '0.02';

export function settlementRateTolerance(settings: Record<string, unknown>): Decimal {
  const fx = (settings.ledger as { fx?: { settlementRateTolerance?: unknown } } | undefined)?.fx;
  const t = fx?.settlementRateTolerance ?? defaultSettlementRateTolerance;
  if (!isAmountText(t) || dec(t).gte(1))
    throw new HexiaoError(
      'unexpected_state',
      'tenant setting ledger.fx.settlementRateTolerance is not a fraction between 0 and 1 (e.g. "0.02")',
    );
  return dec(t);
}

/** A currency's rate to the base currency for the check, and where it came from. */
export interface ReferenceRate {
  rate: string;
  source: string;
}

/**
 * Refuses a line whose debit amount is not the credit amount converted at the reference rate (credit currency
 * to base, base to debit currency), within the tolerance plus the rounding of whichever amount was derived from
 * the other: one minor unit of the debit currency, or half a minor unit of the credit currency at the rate
 * (0.01 USD stands for anything from 0.005 to 0.015, so 0.04 CNY for it at 7.1 is a rounding, not a rate).
 */
export function checkImpliedRate(o: {
  pointer: string;
  amount: Decimal;
  debitCurrency: string;
  debitRate: ReferenceRate;
  creditAmount: Decimal;
  creditCurrency: string;
  creditRate: ReferenceRate;
  tolerance: Decimal;
}): void {
  const expected = dec(o.creditRate.rate).div(o.debitRate.rate);
  const expectedDebit = o.creditAmount.times(expected);
  const unit = (currency: string) => dec('10').pow(-(minorUnits(currency) ?? 2));
  const rounding = Decimal.max(unit(o.debitCurrency), unit(o.creditCurrency).div(2).times(expected));
  const allowed = expectedDebit.times(o.tolerance).plus(rounding);
  if (o.amount.minus(expectedDebit).abs().lte(allowed)) return;
  const implied = o.amount.div(o.creditAmount);
  const pct = o.tolerance.times(100).toFixed();
  throw invalid(
    o.pointer,
    `implies ${implied.toSignificantDigits(8).toFixed()} ${o.debitCurrency} per ${o.creditCurrency}, more than ${pct} % ` +
      `from the expected ${expected.toSignificantDigits(8).toFixed()} (${o.creditCurrency}: ${o.creditRate.source}; ` +
      `${o.debitCurrency}: ${o.debitRate.source}); a larger difference is a write-off or an adjustment, not an FX difference`,
  );
}
