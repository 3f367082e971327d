import { POW10 } from './dec.ts';

/*
 * Allocation-free reads of amounts for generated code: a plain decimal string (or a safe integer)
 * becomes a scaled integer `u` and a scale `e` (u × 10^-e), exactly as `toDec` would read it.
 * Anything else (exponents, more than 15 digits, text, floats) reports scale -1, and the caller
 * runs the operation's own closure, which gives the exact result or the usual RuleError.
 */

const MAX_DIGITS = 15;
const SAFE = Number.MAX_SAFE_INTEGER;

/** Scale of the amount last read by {@link scaledUnits}; -1 when it had no fast exact form. */
export const scanned = { e: -1 };

/** The scaled integer of an amount; sets `scanned.e` to its scale (or -1: use the slow path). */
export function scaledUnits(v: unknown): number {
  if (typeof v !== 'string') {
    scanned.e = typeof v === 'number' && Number.isSafeInteger(v) ? 0 : -1;
    return typeof v === 'number' ? v : 0;
  }
  const n = v.length;
  const c0 = n === 0 ? 0 : v.charCodeAt(0);
  const start = c0 === 45 || c0 === 43 ? 1 : 0;
  let u = 0;
  let dot = -1;
  for (let i = start; i < n; i++) {
    const x = v.charCodeAt(i) - 48;
    if (x >= 0 && x <= 9) u = u * 10 + x;
    else if (x === -2 && dot < 0)
      dot = i; // '.'
    else {
      scanned.e = -1;
      return 0;
    }
  }
  const digits = n - start - (dot < 0 ? 0 : 1);
  if (digits === 0 || digits > MAX_DIGITS) {
    scanned.e = -1;
    return 0;
  }
  scanned.e = dot < 0 ? 0 : n - 1 - dot;
  return c0 === 45 ? -u || 0 : u;
}

/** Compare `ua × 10^-ea` with `ub × 10^-eb`: -1, 0 or 1, or NaN when aligning would leave the safe range. */
export function compareScaled(ua: number, ea: number, ub: number, eb: number): number {
  if (ea < eb) {
    const f = POW10[eb - ea] as number;
    if (Math.abs(ua) > SAFE / f) return Number.NaN;
    ua *= f;
  } else if (eb < ea) {
    const f = POW10[ea - eb] as number;
    if (Math.abs(ub) > SAFE / f) return Number.NaN;
    ub *= f;
  }
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}
