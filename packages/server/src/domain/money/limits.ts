import { moneyColumn, rateColumn } from '../../model/money-limits.ts';
import { invalid } from '../errors.ts';
import { dec, type Decimal } from './decimal.ts';

/**
 * Every amount the ledger takes or derives (amount, tax, base amount after conversion, settlement amounts,
 * amounts rules compute) has at most 15 digits before the point: one fewer than the numeric(20,4) columns
 * hold, so a voucher totalling up to ten such lines still fits its `total` column. Sums beyond that (a
 * voucher of many lines) are checked against the column itself. Both limits come from model/money-limits.ts.
 */
export const amountIntegerDigits = moneyColumn.precision - moneyColumn.scale - 1;
/** Decimals an amount may carry (no ISO 4217 currency has more). */
export const amountScale = moneyColumn.scale;
/** The largest amount: 999 999 999 999 999.9999. */
export const maxAmount: Decimal = dec('10').pow(amountIntegerDigits).minus(dec('10').pow(-amountScale));
/** The largest value a money column holds (a voucher total): 9 999 999 999 999 999.9999. */
export const maxColumnAmount: Decimal = dec('10')
  .pow(moneyColumn.precision - moneyColumn.scale)
  .minus(dec('10').pow(-amountScale));

/** A non-negative amount as the API takes it: a plain decimal string within the limits (JSON Schema pattern). */
export const amountPattern = `^(0|[1-9][0-9]{0,${amountIntegerDigits - 1}})(\\.[0-9]{1,${amountScale}})?$`;
/** An exchange rate as numeric(24,12) holds it. */
export const ratePattern = `^(0|[1-9][0-9]{0,${rateColumn.precision - rateColumn.scale - 1}})(\\.[0-9]{1,${rateColumn.scale}})?$`;

const amountRe = new RegExp(amountPattern);
const rateRe = new RegExp(ratePattern);

/** True when `text` is a non-negative amount string within the limits. */
export const isAmountText = (text: unknown): text is string => typeof text === 'string' && amountRe.test(text);
/** True when `text` is a non-negative rate string numeric(24,12) holds. */
export const isRateText = (text: unknown): text is string => typeof text === 'string' && rateRe.test(text);

/** What the API says about an amount out of bounds, in one wording. */
export const amountLimitReason = `must be a decimal string with at most ${amountIntegerDigits} digits before the point and ${amountScale} after (at most ${maxAmount.toFixed()})`;

/**
 * Refuses a derived amount (a base amount after conversion, a computed result) beyond the limit, naming the
 * input field that caused it.
 */
export function requireWithinLimit(value: Decimal, pointer: string, what: string, record?: string): Decimal {
  if (value.abs().gt(maxAmount))
    throw invalid(pointer, `${what} is ${value.toFixed()}, above the ledger's limit of ${maxAmount.toFixed()}`, record);
  return value;
}

/** True when a decimal string (any sign, as a file states it) is within the limit; undefined passes. */
export const withinLimit = (text: string | undefined): boolean => text === undefined || dec(text).abs().lte(maxAmount);
