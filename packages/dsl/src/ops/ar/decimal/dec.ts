import { Decimal } from '../../../money/decimal.ts';

/** The money decimal every package shares (money/decimal.ts), named Big inside the rules language's exact ops. */
export const Big = Decimal;
export type Big = Decimal;

const MAX_SCALE = 15;
const SAFE = Number.MAX_SAFE_INTEGER;
export const POW10: readonly number[] = Array.from({ length: MAX_SCALE + 1 }, (_, i) => 10 ** i);

/**
 * An exact decimal: `u × 10^-e` with `u` a safe integer (fast path), or a decimal.js value
 * when the number does not fit. Immutable.
 */
export class Dec {
  constructor(
    readonly u: number,
    readonly e: number,
    readonly big: Big | null = null,
  ) {}

  /** From a decimal.js value, showing at least `minScale` decimals. */
  static ofBig(b: Big, minScale = 0): Dec {
    const scale = Math.max(minScale, b.decimalPlaces());
    return parseDecimalString(b.toFixed(scale)) ?? new Dec(0, scale, b);
  }

  /** Decimals shown by toString. */
  get scale(): number {
    return this.big === null ? this.e : Math.max(this.e, this.big.decimalPlaces());
  }

  toBig(): Big {
    return this.big ?? new Big(this.e === 0 ? this.u : `${this.u}e-${this.e}`);
  }

  isZero(): boolean {
    return this.big === null ? this.u === 0 : this.big.isZero();
  }

  sign(): number {
    return this.big === null ? Math.sign(this.u) : this.big.isZero() ? 0 : this.big.isNeg() ? -1 : 1;
  }

  /** Canonical text: the scale is kept ("1.10" stays "1.10"); never an exponent. */
  toString(): string {
    if (this.big !== null) return this.big.toFixed(Math.max(this.e, this.big.decimalPlaces()));
    if (this.e === 0) return String(this.u);
    const neg = this.u < 0;
    const digits = String(neg ? -this.u : this.u).padStart(this.e + 1, '0');
    const cut = digits.length - this.e;
    return `${neg ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Parse `[+-]digits[.digits]`; `null` when the text is not a plain decimal. Falls back to decimal.js for long numbers. */
export function parseDecimalString(s: string): Dec | null {
  const n = s.length;
  if (n === 0 || n > 400) return null;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i = 1;
  }
  let u = 0;
  let digits = 0;
  let scale = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      u = u * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else return exponentForm(s);
  }
  if (digits === 0) return null;
  const e = scale < 0 ? 0 : scale;
  if (digits <= 15 && e <= MAX_SCALE) return new Dec(neg ? -u || 0 : u, e);
  return bigOf(s);
}

function exponentForm(s: string): Dec | null {
  return /^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d{1,4}$/i.test(s) ? bigOf(s) : null;
}

function bigOf(s: string): Dec | null {
  try {
    const b = new Big(s);
    if (!b.isFinite()) return null;
    const frac = /^[^eE]*\.(\d+)$/.exec(s);
    const scale = frac ? frac[1]!.length : Math.max(0, b.decimalPlaces());
    const text = b.toFixed(scale);
    const digits = text
      .replace(/^-/, '')
      .replace('.', '')
      .replace(/^0+(?=\d)/, '');
    if (digits.length <= 15 && scale <= MAX_SCALE) return new Dec(Number(text.replace('.', '')) || 0, scale);
    return new Dec(0, scale, b);
  } catch {
    return null;
  }
}

/** Bring two fast decimals to one scale; null when that would leave the safe-integer range. */
function align(a: Dec, b: Dec): [number, number, number] | null {
  if (a.e === b.e) return [a.u, b.u, a.e];
  if (a.e < b.e) {
    const f = POW10[b.e - a.e] as number;
    return Math.abs(a.u) <= SAFE / f ? [a.u * f, b.u, b.e] : null;
  }
  const f = POW10[a.e - b.e] as number;
  return Math.abs(b.u) <= SAFE / f ? [a.u, b.u * f, a.e] : null;
}

export function compareDec(a: Dec, b: Dec): number {
  if (a.big === null && b.big === null) {
    const x = align(a, b);
    if (x !== null) return x[0] < x[1] ? -1 : x[0] > x[1] ? 1 : 0;
  }
  return a.toBig().cmp(b.toBig());
}

export function addDec(a: Dec, b: Dec): Dec {
  if (a.big === null && b.big === null) {
    const x = align(a, b);
    if (x !== null) {
      const s = x[0] + x[1];
      if (Math.abs(s) <= SAFE) return new Dec(s || 0, x[2]);
    }
  }
  return Dec.ofBig(a.toBig().plus(b.toBig()), Math.max(a.scale, b.scale));
}

export function negDec(a: Dec): Dec {
  return a.big === null ? new Dec(-a.u || 0, a.e) : new Dec(0, a.e, a.big.neg());
}

export function subDec(a: Dec, b: Dec): Dec {
  return addDec(a, negDec(b));
}

export function absDec(a: Dec): Dec {
  return a.sign() < 0 ? negDec(a) : a;
}

export function mulDec(a: Dec, b: Dec): Dec {
  if (a.big === null && b.big === null && a.e + b.e <= MAX_SCALE) {
    const p = a.u * b.u;
    if (Math.abs(p) < 2 ** 53) return new Dec(p || 0, a.e + b.e);
  }
  return Dec.ofBig(a.toBig().times(b.toBig()), a.scale + b.scale);
}

/** Division to 34 significant digits (decimal128), half-even; caller checks for a zero divisor. */
export function divDec(a: Dec, b: Dec): Dec {
  return Dec.ofBig(a.toBig().div(b.toBig()).toSignificantDigits(34, Big.ROUND_HALF_EVEN));
}
