import { defineOp } from '../../engine/define-op.ts';
import { RuleError } from '../../errors.ts';
import { calendarFor, isBusinessDay } from './dates/calendar.ts';
import { formatDay } from './dates/day.ts';
import { toDay, toInt } from './readers.ts';

const calendarNote =
  'Calendars are passed by name in the evaluation context ({ calendars: { CN: { holidays, workdays, weekend } } }); a sample CN 2025-2026 calendar ships as sampleCalendars.';

export const isBusinessDayOp = defineOp({
  name: 'is_business_day',
  arity: { min: 2, max: 2 },
  lazy: false,
  pure: false,
  signature: { params: ['date', 'string'], result: 'boolean' },
  doc: {
    summary: "True on a working day of the named calendar (make-up working days such as China's 调休 Saturdays count).",
    example: { rule: { is_business_day: ['2025-02-08', 'CN'] }, result: true },
    notes: calendarNote,
  },
  evaluate: (args, rt, at) => isBusinessDay(calendarFor(rt, args[1], at), toDay(args[0], at)),
});

export const addBusinessDays = defineOp({
  name: 'add_business_days',
  arity: { min: 3, max: 3 },
  lazy: false,
  pure: false,
  signature: { params: ['date', 'number', 'string'], result: 'date' },
  doc: {
    summary:
      'Move N working days forward (or back when negative) in the named calendar; 0 rolls a non-working day forward to the next working day.',
    example: { rule: { add_business_days: ['2025-09-30', 1, 'CN'] }, result: '2025-10-09' },
    notes: calendarNote,
  },
  evaluate(args, rt, at) {
    const cal = calendarFor(rt, args[2], at);
    let day = toDay(args[0], at);
    let n = toInt(args[1], at, 'business days');
    if (n === 0) {
      while (!isBusinessDay(cal, day)) {
        rt.tick(at);
        day++;
      }
      return formatDay(day);
    }
    const step = n > 0 ? 1 : -1;
    while (n !== 0) {
      rt.tick(at);
      day += step;
      if (isBusinessDay(cal, day)) n -= step;
    }
    return formatDay(day);
  },
});

export const businessDaysBetween = defineOp({
  name: 'business_days_between',
  arity: { min: 3, max: 3 },
  lazy: false,
  pure: false,
  signature: { params: ['date', 'date', 'string'], result: 'number' },
  doc: {
    summary: 'Working days after the first date up to and including the second (negative when the second is earlier).',
    example: { rule: { business_days_between: ['2025-01-24', '2025-02-07', 'CN'] }, result: 5 },
    notes: calendarNote,
  },
  evaluate(args, rt, at) {
    const cal = calendarFor(rt, args[2], at);
    const a = toDay(args[0], at);
    const b = toDay(args[1], at);
    const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
    if (hi - lo > rt.limits.maxIterations) {
      throw new RuleError('limit_iterations', at, `business_days_between spans ${hi - lo} days, over maxIterations`);
    }
    let count = 0;
    rt.tick(at, hi - lo);
    for (let d = lo + 1; d <= hi; d++) if (isBusinessDay(cal, d)) count++;
    return sign * count;
  },
});
