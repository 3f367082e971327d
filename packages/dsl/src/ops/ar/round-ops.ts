import { defineOp } from '../../engine/define-op.ts';
import { RuleError } from '../../errors.ts';
import { absDec, compareDec, mulDec, subDec } from './decimal/dec.ts';
import { currencyPlaces } from './decimal/currency.ts';
import { isRoundingMode, roundDec, roundingModes } from './decimal/rounding.ts';
import { decReader, toDec, withDecValue } from './readers.ts';

function placesOf(v: unknown, at: string): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 20) return v;
  if (typeof v === 'string') {
    const p = currencyPlaces(v);
    if (p !== undefined) return p;
  }
  throw new RuleError(
    'invalid_argument',
    at,
    `dec_round: expected an ISO 4217 currency code or 0-20 decimal places, got ${JSON.stringify(v)}`,
  );
}

export const decRound = defineOp({
  name: 'dec_round',
  arity: { min: 2, max: 3 },
  lazy: false,
  pure: true,
  signature: { params: ['decimal', 'any', 'string'], result: 'decimal' },
  doc: {
    summary: `Round an amount to a currency's ISO 4217 minor units (EUR 2, JPY 0, KWD 3) or to N places. Modes: ${roundingModes.join(', ')} (default half_up). The result has exactly that many decimals.`,
    example: { rule: { dec_round: ['2.345', 'EUR', 'half_even'] }, result: '2.34' },
  },
  compile(args, info) {
    const place = args[1]!;
    const mode = args[2] === undefined ? { constant: true, value: 'half_up' } : args[2];
    if (!place.constant || !mode.constant || !isRoundingMode(mode.value)) return undefined;
    let places: number;
    try {
      places = placesOf(place.value, info.at);
    } catch {
      return undefined;
    }
    const m = mode.value;
    const read = decReader(args[0]!, info);
    const at = info.at;
    const dec = (d: unknown, rt: Parameters<typeof read>[1]) => roundDec(toDec(read(d, rt), at), places, m);
    return withDecValue((d, rt) => dec(d, rt).toString(), dec);
  },
  evaluate(args, _rt, at) {
    const mode = args[2] ?? 'half_up';
    if (!isRoundingMode(mode))
      throw new RuleError(
        'invalid_argument',
        at,
        `dec_round: unknown rounding mode ${JSON.stringify(mode)}; use one of ${roundingModes.join(', ')}`,
      );
    return roundDec(toDec(args[0], at), placesOf(args[1], at), mode).toString();
  },
});

export const withinTolerance = defineOp({
  name: 'within_tolerance',
  arity: { min: 3, max: 4 },
  lazy: false,
  pure: true,
  signature: { params: ['decimal', 'decimal', 'decimal', 'decimal'], result: 'boolean' },
  doc: {
    summary:
      'True when |a − b| ≤ absolute tolerance, or (with a 4th argument) |a − b| ≤ relative × |b|. Pass null to use only the relative tolerance.',
    example: {
      rule: { within_tolerance: [{ var: 'paid' }, { var: 'open' }, '0.05', '0.001'] },
      data: { paid: '999.20', open: '1000.00' },
      result: true,
    },
    notes: 'Tolerances must not be negative. Exact decimal arithmetic.',
  },
  evaluate(args, _rt, at) {
    const a = toDec(args[0], at);
    const b = toDec(args[1], at);
    const diff = absDec(subDec(a, b));
    const abs = args[2] === null ? null : toDec(args[2], at);
    const rel = args[3] === undefined || args[3] === null ? null : toDec(args[3], at);
    if ((abs !== null && abs.sign() < 0) || (rel !== null && rel.sign() < 0)) {
      throw new RuleError('invalid_argument', at, 'within_tolerance: tolerances must not be negative');
    }
    if (abs !== null && compareDec(diff, abs) <= 0) return true;
    return rel !== null && compareDec(diff, mulDec(rel, absDec(b))) <= 0;
  },
});
