import type { CalendarSpec, RuntimeContext } from '../../../engine/runtime.ts';
import { RuleError } from '../../../errors.ts';
import { parseDay, weekday } from './day.ts';

/** A calendar ready for lookups: weekend flags and day-number sets. */
export interface BusinessCalendar {
  readonly weekend: readonly boolean[];
  readonly holidays: ReadonlySet<number>;
  readonly workdays: ReadonlySet<number>;
}

function days(list: readonly string[] | undefined, name: string, at: string): Set<number> {
  const out = new Set<number>();
  for (const s of list ?? []) {
    const n = typeof s === 'string' ? parseDay(s) : null;
    if (n === null)
      throw new RuleError('invalid_argument', at, `calendar "${name}": ${JSON.stringify(s)} is not a YYYY-MM-DD date`);
    out.add(n);
  }
  return out;
}

function build(spec: CalendarSpec, name: string, at: string): BusinessCalendar {
  const weekend = [false, false, false, false, false, false, false];
  for (const d of spec.weekend ?? [0, 6]) if (Number.isInteger(d) && d >= 0 && d <= 6) weekend[d] = true;
  return { weekend, holidays: days(spec.holidays, name, at), workdays: days(spec.workdays, name, at) };
}

/** Resolve a named calendar from the evaluation context (built once per calendar object). */
export function calendarFor(rt: RuntimeContext, name: unknown, at: string): BusinessCalendar {
  const all = rt.context.calendars;
  if (typeof name !== 'string' || all === undefined || !Object.hasOwn(all, name)) {
    throw new RuleError(
      'unknown_calendar',
      at,
      `unknown calendar ${JSON.stringify(name)}: pass it in the context's calendars`,
    );
  }
  const spec = all[name] as CalendarSpec;
  const cached = rt.caches.calendars.get(spec) as BusinessCalendar | undefined;
  if (cached !== undefined) return cached;
  const cal = build(spec, name, at);
  rt.caches.calendars.set(spec, cal);
  return cal;
}

/** Working day: a make-up working day (调休), or a non-weekend day that is not a holiday. */
export function isBusinessDay(cal: BusinessCalendar, day: number): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  return !cal.weekend[weekday(day)];
}
