import { defineOp } from '../../engine/define-op.ts';
import { RuleError } from '../../errors.ts';
import { addMonthsDay, endOfMonthDay, formatDay } from './dates/day.ts';
import { dayReader, toDay, toInt } from './readers.ts';
import { daySource } from './fast-slots.ts';
import type { RuntimeContext } from '../../engine/runtime.ts';

const MAX_SHIFT = 1_000_000; // days or months: keeps results within a sane calendar range

function shift(n: unknown, at: string, what: string): number {
  const k = toInt(n, at, what);
  if (Math.abs(k) > MAX_SHIFT) throw new RuleError('invalid_argument', at, `${what} shift ${k} is out of range`);
  return k;
}

export const daysBetween = defineOp({
  name: 'days_between',
  arity: { min: 2, max: 2 },
  lazy: false,
  pure: true,
  signature: { params: ['date', 'date'], result: 'number' },
  doc: {
    summary: 'Calendar days from the first date to the second (negative when the second is earlier).',
    example: {
      rule: { days_between: [{ var: 'due_date' }, { var: 'as_of' }] },
      data: { due_date: '2024-02-28', as_of: '2024-03-01' },
      result: 2,
    },
  },
  evaluate: (args, _rt, at) => {
    const a = toDay(args[0], at);
    return toDay(args[1], at) - a;
  },
  compile(args, info) {
    const a = dayReader(args[0]!, info);
    const b = dayReader(args[1]!, info);
    const at = info.at;
    const generic = (d: unknown, rt: RuntimeContext): number => {
      const x = a(d, rt);
      const y = b(d, rt);
      const dx = toDay(x, at);
      return toDay(y, at) - dx;
    };
    const sa = daySource(args[0]!, info);
    const sb = daySource(args[1]!, info);
    if (sa === null || sb === null) return generic;
    // Fused path over prepared records: subtract the day numbers in place.
    return (d, rt) => {
      const p = rt.prep;
      if (p !== null) {
        const i = sa.slotOf(p.plan);
        const j = sb.slotOf(p.plan);
        if (i >= 0 && j >= 0) {
          const r = (p.nums[j] as number) - (p.nums[i] as number);
          if (r === r) return r;
        }
      }
      return generic(d, rt);
    };
  },
});

export const addDays = defineOp({
  name: 'add_days',
  arity: { min: 2, max: 2 },
  lazy: false,
  pure: true,
  signature: { params: ['date', 'number'], result: 'date' },
  doc: {
    summary: 'Date plus N calendar days (N may be negative).',
    example: { rule: { add_days: ['2025-12-25', 10] }, result: '2026-01-04' },
  },
  evaluate: (args, _rt, at) => formatDay(toDay(args[0], at) + shift(args[1], at, 'days')),
});

export const addMonths = defineOp({
  name: 'add_months',
  arity: { min: 2, max: 2 },
  lazy: false,
  pure: true,
  signature: { params: ['date', 'number'], result: 'date' },
  doc: {
    summary: 'Date plus N months, clamped to the last day of the target month.',
    example: { rule: { add_months: ['2024-01-31', 1] }, result: '2024-02-29' },
  },
  evaluate: (args, _rt, at) => formatDay(addMonthsDay(toDay(args[0], at), shift(args[1], at, 'months'))),
});

export const endOfMonth = defineOp({
  name: 'end_of_month',
  arity: { min: 1, max: 1 },
  lazy: false,
  pure: true,
  signature: { params: ['date'], result: 'date' },
  doc: {
    summary: "Last day of the date's month.",
    example: { rule: { end_of_month: '2100-02-10' }, result: '2100-02-28' },
  },
  evaluate: (args, _rt, at) => formatDay(endOfMonthDay(toDay(args[0], at))),
});

function ascendingIntegers(bounds: unknown[]): boolean {
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i];
    if (!Number.isInteger(b) || (i > 0 && (b as number) <= (bounds[i - 1] as number))) return false;
  }
  return true;
}

function bucketLabels(bounds: number[]): string[] {
  const labels = [`<=${bounds[0]}`];
  for (let i = 1; i < bounds.length; i++) labels.push(`${bounds[i - 1]! + 1}-${bounds[i]}`);
  labels.push(`>${bounds[bounds.length - 1]}`);
  return labels;
}

export const ageBucket = defineOp({
  name: 'age_bucket',
  arity: { min: 2, max: 3 },
  lazy: false,
  pure: true,
  signature: { params: ['number', 'array', 'array'], result: 'string' },
  doc: {
    summary:
      'Aging bucket of a number of days past due. Bounds are ascending inclusive upper limits; labels default to "<=0", "1-30", "31-60", ">60" style, or pass one label per bucket (bounds + 1).',
    example: {
      rule: { age_bucket: [{ days_between: [{ var: 'due_date' }, '2025-03-31'] }, [0, 30, 60, 90]] },
      data: { due_date: '2025-02-14' },
      result: '31-60',
    },
  },
  evaluate(args, _rt, at) {
    const days = toInt(args[0], at, 'days');
    const bounds = args[1];
    if (!Array.isArray(bounds) || bounds.length === 0 || !ascendingIntegers(bounds)) {
      throw new RuleError(
        'invalid_argument',
        at,
        'age_bucket: bounds must be a non-empty ascending array of whole numbers',
      );
    }
    const labels = args[2] === undefined ? bucketLabels(bounds as number[]) : args[2];
    if (!Array.isArray(labels) || labels.length !== bounds.length + 1) {
      throw new RuleError('invalid_argument', at, `age_bucket: expected ${bounds.length + 1} labels`);
    }
    for (let i = 0; i < bounds.length; i++) if (days <= (bounds[i] as number)) return labels[i];
    return labels[bounds.length];
  },
});
