import { Decimal } from '@hexiao/dsl';
import { minorUnits } from './currencies.ts';
import { InputError } from './input-error.ts';

/** A canonical decimal string: optional '-', no leading zeros, '.' as separator, no exponent. */
export const decimalPattern = '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$';
const decimalRe = new RegExp(decimalPattern);

export function isDecimalString(x: unknown): x is string {
  return typeof x === 'string' && decimalRe.test(x) && x !== '-0' && !/^-0(\.0+)?$/.test(x);
}

export interface DecimalFormat {
  /** '.' (default) or ','. */
  decimalSeparator?: '.' | ',';
  /** Grouping character to drop: ',', '.', ' ', "'" , or '' for none (default: none). */
  thousandsSeparator?: string;
  /** Allow a leading '+' or '-' (default true) and a trailing '-' (some exports write `12.00-`). */
  allowSign?: boolean;
}

export class DecimalFormatError extends InputError {
  constructor(
    readonly raw: string,
    reason: string,
  ) {
    super(`"${raw}" is not a decimal amount: ${reason}`);
    this.name = 'DecimalFormatError';
  }
}

/**
 * Validates and normalises an amount written in a file into a canonical decimal string.
 * Keeps the digits given (no rounding, no float): `"000000004433,52"` with `decimalSeparator: ','`
 * → `"4433.52"`; `"1,653.75"` with `thousandsSeparator: ','` → `"1653.75"`; `"212,"` → `"212"`.
 */
const plainPositive = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

export function toDecimal(raw: string, format: DecimalFormat = {}): string {
  // Fast path: already canonical and positive ('.' separator, no grouping, no sign).
  if ((format.decimalSeparator ?? '.') === '.' && plainPositive.test(raw)) return raw;
  const dec = format.decimalSeparator ?? '.';
  const group = format.thousandsSeparator ?? '';
  let s = raw.trim();
  if (s === '') throw new DecimalFormatError(raw, 'empty');
  let negative = false;
  if (format.allowSign !== false) {
    if (s.startsWith('-') || s.startsWith('+')) {
      negative = s[0] === '-';
      s = s.slice(1).trim();
    } else if (s.endsWith('-')) {
      negative = true;
      s = s.slice(0, -1).trim();
    }
  }
  if (group) s = s.split(group).join('');
  const parts = s.split(dec);
  if (parts.length > 2) throw new DecimalFormatError(raw, `more than one decimal separator "${dec}"`);
  const intPart = parts[0]!;
  const fracPart = parts[1] ?? '';
  if (!/^[0-9]*$/.test(intPart) || !/^[0-9]*$/.test(fracPart))
    throw new DecimalFormatError(raw, 'unexpected character');
  if (intPart === '' && fracPart === '') throw new DecimalFormatError(raw, 'no digits');
  const int = intPart.replace(/^0+(?=[0-9])/, '') || '0';
  const body = fracPart ? `${int}.${fracPart}` : int;
  const zero = /^0(\.0*)?$/.test(body);
  return negative && !zero ? `-${body}` : body;
}

/** Like toDecimal, but returns undefined instead of throwing. */
export function tryDecimal(raw: string | undefined | null, format?: DecimalFormat): string | undefined {
  if (raw == null) return undefined;
  try {
    return toDecimal(raw, format);
  } catch {
    return undefined;
  }
}

/** The amount with exactly the currency's minor units (pads; throws if that would drop digits). */
export function toMinorUnits(amount: string, currency: string): string {
  const units = minorUnits(currency);
  const d = new Decimal(amount);
  if (d.decimalPlaces() > units) {
    const trimmed = d.toDecimalPlaces(units);
    if (!trimmed.eq(d)) throw new DecimalFormatError(amount, `${currency} has ${units} decimal places`);
  }
  return d.toFixed(units);
}

/** Exact sum of decimal strings, as a canonical decimal string. */
export function sumDecimals(values: Iterable<string>): string {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(v);
  return canonical(total);
}

/** A decimal.js value as a canonical decimal string (no exponent, no '-0'). */
export function canonical(d: Decimal): string {
  const s = d.toFixed();
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** Negates a canonical decimal string. */
export function negate(amount: string): string {
  if (amount.startsWith('-')) return amount.slice(1);
  return /^0(\.0+)?$/.test(amount) ? amount : `-${amount}`;
}

/** Absolute value and sign of a canonical decimal string. */
export function splitSign(amount: string): { abs: string; negative: boolean } {
  return amount.startsWith('-') ? { abs: amount.slice(1), negative: true } : { abs: amount, negative: false };
}

export { Decimal as DecimalJs };
