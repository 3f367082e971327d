import { minorUnits } from '../money/index.ts';

/**
 * The matcher counts in integer minor units (cents): exact, and fast enough for a million receipts. An
 * amount that is not a whole number of minor units, or too large to count exactly, is NaN and the item
 * is left to a person.
 */
export function toMinor(text: string, currency: string): number {
  const units = minorUnits(currency) ?? 2;
  const neg = text.startsWith('-');
  const s = neg ? text.slice(1) : text;
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? '' : s.slice(dot + 1);
  for (let i = frac.length - 1; i >= units; i--) {
    if (frac.charCodeAt(i) !== 48) return NaN;
    frac = frac.slice(0, i);
  }
  const v = Number(int + frac.padEnd(units, '0'));
  if (!Number.isSafeInteger(v)) return NaN;
  return neg ? -v : v;
}

/** Minor units back to a decimal string with the currency's digits. */
export function fromMinor(v: number, currency: string): string {
  const units = minorUnits(currency) ?? 2;
  if (units === 0) return String(v);
  const neg = v < 0;
  const s = String(Math.abs(v)).padStart(units + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, s.length - units)}.${s.slice(s.length - units)}`;
}
