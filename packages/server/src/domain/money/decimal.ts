import { Decimal, type DecimalRounding } from '@hexiao/dsl';
import type { RoundingModeName } from '../context.ts';

/** The one Decimal of every package (@hexiao/dsl): never a JavaScript number in between. */
export { Decimal };
export type DecimalInput = string | Decimal;

export const dec = (v: DecimalInput): Decimal => new Decimal(v);
export const ZERO = new Decimal(0);

const modes: Record<RoundingModeName, DecimalRounding> = {
  half_up: Decimal.ROUND_HALF_UP,
  half_even: Decimal.ROUND_HALF_EVEN,
  half_down: Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

/** decimal.js rounding constant of a tenant rounding mode. */
export const roundingOf = (mode: RoundingModeName): DecimalRounding => modes[mode];

/** A plain decimal string (no exponent), with exactly `places` digits when given. */
export const toPlain = (d: Decimal, places?: number): string =>
  places === undefined ? d.toFixed() : d.toFixed(places);
