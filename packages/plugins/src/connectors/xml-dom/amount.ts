import { Decimal } from '@hexiao/dsl';
import { InputError } from '@hexiao/plugins/sdk';

const decimalPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parses a plain decimal amount as written in UBL/CII ("1656.25", "-25", "4900.0"); throws on anything else. */
export function parseAmount(text: string, field: string): Decimal {
  const t = text.trim();
  if (!decimalPattern.test(t)) throw new AmountError(field, `"${text}" is not a decimal number`);
  return new Decimal(t);
}

/** Canonical decimal string without exponent: "1656.25", "25", "-3.96". */
export const decimalString = (d: Decimal): string => (d.isZero() ? d.abs().toFixed() : d.toFixed());

export class AmountError extends InputError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'AmountError';
  }
}

export { Decimal };
