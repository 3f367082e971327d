import { Big, Dec, POW10 } from './dec.ts';

/**
 * The rounding modes of every package (the rules language's dec_round, a tenant's money rounding): the
 * names of IEEE 754 and java.math.RoundingMode, in snake case.
 */
export const roundingModes = ['half_up', 'half_even', 'half_down', 'up', 'down', 'ceiling', 'floor'] as const;
export type RoundingMode = (typeof roundingModes)[number];

const bigMode: Record<RoundingMode, 0 | 1 | 2 | 3 | 4 | 5 | 6> = {
  up: Big.ROUND_UP,
  down: Big.ROUND_DOWN,
  ceiling: Big.ROUND_CEIL,
  floor: Big.ROUND_FLOOR,
  half_up: Big.ROUND_HALF_UP,
  half_down: Big.ROUND_HALF_DOWN,
  half_even: Big.ROUND_HALF_EVEN,
};

export function isRoundingMode(x: unknown): x is RoundingMode {
  return typeof x === 'string' && (roundingModes as readonly string[]).includes(x);
}

/** Should a truncated quotient q (remainder r of divisor f, same sign as the value) move one step away from zero? */
function awayFromZero(q: number, r: number, f: number, negative: boolean, mode: RoundingMode): boolean {
  if (r === 0) return false;
  const twice = 2 * Math.abs(r);
  switch (mode) {
    case 'up':
      return true;
    case 'down':
      return false;
    case 'ceiling':
      return !negative;
    case 'floor':
      return negative;
    case 'half_up':
      return twice >= f;
    case 'half_down':
      return twice > f;
    case 'half_even':
      return twice > f || (twice === f && Math.abs(q) % 2 === 1);
  }
}

/** Round to `places` decimals with the given mode; the result has exactly `places` decimals. */
export function roundDec(a: Dec, places: number, mode: RoundingMode): Dec {
  if (a.big === null) {
    if (a.e <= places) {
      const f = POW10[places - a.e];
      if (f !== undefined && Math.abs(a.u) <= Number.MAX_SAFE_INTEGER / f) return new Dec(a.u * f, places);
    } else {
      const f = POW10[a.e - places] as number;
      const r = a.u % f;
      let q = (a.u - r) / f;
      if (awayFromZero(q, r, f, a.u < 0, mode)) q += a.u < 0 ? -1 : 1;
      return new Dec(q || 0, places);
    }
  }
  const text = a.toBig().toFixed(places, bigMode[mode]);
  return fromFixed(text, places);
}

function fromFixed(text: string, places: number): Dec {
  const digits = text.replace('.', '');
  const u = Number(digits);
  if (Number.isSafeInteger(u) && digits.replace(/^-?0*/, '').length <= 15) return new Dec(u || 0, places);
  return new Dec(0, places, new Big(text));
}

/** "00".."99" and "000".."999": fraction digits of 2- and 3-decimal amounts without padding work. */
const fractions: readonly (readonly string[])[] = [
  [],
  Array.from({ length: 10 }, (_, i) => String(i)),
  Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')),
  Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0')),
];

/** Text of the safe integer `q` scaled by `places` decimals ("-0.05" for q = -5, places = 2). */
export function formatScaled(q: number, places: number): string {
  if (places === 0) return String(q);
  const neg = q < 0;
  const a = neg ? -q : q;
  const f = POW10[places];
  if (places < fractions.length && f !== undefined) {
    const r = a % f; // exact for safe integers, unlike a floating division near an integer
    return `${neg ? '-' : ''}${(a - r) / f}.${fractions[places]![r]!}`;
  }
  let digits = String(a);
  if (digits.length <= places) digits = '0'.repeat(places + 1 - digits.length) + digits;
  const cut = digits.length - places;
  return `${neg ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/**
 * Round `u × 10^-e` (u a safe integer) to `places` decimals and format it, without allocating
 * decimal objects; `undefined` when the scaled result would leave the safe-integer range.
 */
export function roundScaledToString(u: number, e: number, places: number, mode: RoundingMode): string | undefined {
  if (e <= places) {
    const f = POW10[places - e];
    if (f === undefined || Math.abs(u) > Number.MAX_SAFE_INTEGER / f) return undefined;
    return formatScaled(u * f || 0, places);
  }
  const f = POW10[e - places];
  if (f === undefined) return undefined;
  const r = u % f;
  let q = (u - r) / f;
  if (awayFromZero(q, r, f, u < 0, mode)) q += u < 0 ? -1 : 1;
  return formatScaled(q || 0, places);
}
