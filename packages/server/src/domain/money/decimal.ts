import { Decimal as DecimalJs } from 'decimal.js';
import type { RoundingModeName } from '../context.ts';

/** One Decimal constructor for money: 40 significant digits, never a JavaScript number in between. */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;
export type DecimalInput = string | Decimal;

export const dec = (v: DecimalInput): Decimal => new Decimal(v);
export const ZERO = new Decimal(0);

const modes: Record<RoundingModeName, DecimalJs.Rounding> = {
  half_up: DecimalJs.ROUND_HALF_UP,
  half_even: DecimalJs.ROUND_HALF_EVEN,
  half_down: DecimalJs.ROUND_HALF_DOWN,
  up: DecimalJs.ROUND_UP,
  down: DecimalJs.ROUND_DOWN,
  ceiling: DecimalJs.ROUND_CEIL,
  floor: DecimalJs.ROUND_FLOOR,
};

/** decimal.js rounding constant of a tenant rounding mode. */
export const roundingOf = (mode: RoundingModeName): DecimalJs.Rounding => modes[mode];

/** A plain decimal string (no exponent), with exactly `places` digits when given. */
export const toPlain = (d: Decimal, places?: number): string =>
  places === undefined ? d.toFixed() : d.toFixed(places);
