import type { RoundingModeName } from '../context.ts';
import { invalid } from '../errors.ts';
import { minorUnits } from './currencies.ts';
import { dec, roundingOf, type Decimal, type DecimalInput } from './decimal.ts';
import { amountLimitReason, isAmountText } from './limits.ts';

/** Checks an ISO 4217 code usable for money; throws invalid_data naming the field. */
export function requireCurrency(code: unknown, pointer: string): string {
  if (typeof code !== 'string' || minorUnits(code) === undefined)
    throw invalid(pointer, `is not an ISO 4217 currency with minor units (got ${JSON.stringify(code)})`);
  return code;
}

/**
 * Parses a positive money amount in `currency`: a decimal string within the ledger's limits with no more
 * digits than the currency's minor units (a JPY amount has none, a KWD amount three). Throws invalid_data
 * naming the field.
 */
export function parsePositiveAmount(text: unknown, currency: string, pointer: string): Decimal {
  if (typeof text === 'string' && /^-/.test(text)) throw invalid(pointer, `must be greater than zero (got ${text})`);
  if (!isAmountText(text)) throw invalid(pointer, `${amountLimitReason}, such as "1250.00"`);
  const d = dec(text);
  if (d.lte(0)) throw invalid(pointer, `must be greater than zero (got ${text})`);
  const units = minorUnits(currency)!;
  if (d.decimalPlaces() > units)
    throw invalid(pointer, `has more decimals than ${currency} allows (${units}): ${text}`);
  return d;
}

/** Rounds to the currency's minor units with the tenant's rounding mode. */
export function roundMoney(value: DecimalInput, currency: string, mode: RoundingModeName): Decimal {
  const units = minorUnits(currency);
  if (units === undefined) throw invalid('/currency', `${currency} is not an ISO 4217 currency with minor units`);
  return dec(value).toDecimalPlaces(units, roundingOf(mode));
}

/** Converts an amount at `rate` (base units per unit) into the base currency, rounded by the tenant's mode. */
export function toBase(
  amount: DecimalInput,
  rate: DecimalInput,
  baseCurrency: string,
  mode: RoundingModeName,
): Decimal {
  return roundMoney(dec(amount).times(rate), baseCurrency, mode);
}

/** Formats an amount with the currency's minor units for messages, e.g. `1000.00 USD`. */
export function formatMoney(value: DecimalInput, currency: string): string {
  const units = minorUnits(currency) ?? 2;
  return `${dec(value).toFixed(units)} ${currency}`;
}
