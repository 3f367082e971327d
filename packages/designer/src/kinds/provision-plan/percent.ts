const plain = /^[0-9]+(\.[0-9]+)?$/;

/** Moves a plain decimal's point `places` to the right (left when negative) on its digits: no float touches it. */
export function shiftPoint(value: string, places: number): string | null {
  const s = value.trim();
  if (!plain.test(s)) return null;
  const [int, frac = ''] = s.split('.') as [string, string?];
  const digits = int + frac;
  let point = int.length + places;
  let padded = digits;
  if (point > padded.length) padded = padded.padEnd(point, '0');
  if (point < 0) {
    padded = '0'.repeat(-point) + padded;
    point = 0;
  }
  const whole = padded.slice(0, point).replace(/^0+(?=[0-9])/, '') || '0';
  const rest = padded.slice(point).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

/** A provision rate (a fraction, "0.03") as the percent an analyst reads ("3"). */
export const ratePercent = (rate: string): string => shiftPoint(rate, 2) ?? rate;

/** The rate of a typed percent, or null when it is no number from 0 to 100 (the plan keeps 8 places at most). */
export function percentRate(percent: string): string | null {
  const r = shiftPoint(percent, -2);
  if (r === null) return null;
  const [int, frac = ''] = r.split('.');
  if (frac.length > 8) return null;
  if (int !== '0' && !(int === '1' && /^0*$/.test(frac))) return null;
  return r;
}
