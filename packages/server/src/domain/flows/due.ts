import { apply, sampleCalendars } from '@hexiao/dsl';
import { parse } from 'tinyduration';

/** Flow calendar names and the DSL calendar each counts business days on. */
const calendars: Record<string, string> = { 'cn-workdays': 'CN', CN: 'CN' };

export const knownCalendar = (name: string) => name in calendars;

/**
 * `from` plus an ISO 8601 duration. With a calendar, days (and weeks as 5 days) are business days on it;
 * years and months are calendar months; hours and minutes are wall-clock time.
 */
export function addDuration(from: string, duration: string, calendar?: string): string {
  const d = parse(duration);
  const t = new Date(from);
  if (d.years || d.months) t.setUTCMonth(t.getUTCMonth() + (d.years ?? 0) * 12 + (d.months ?? 0));
  const cal = calendar ? calendars[calendar] : undefined;
  if (cal) {
    const days = (d.days ?? 0) + (d.weeks ?? 0) * 5;
    if (days > 0) {
      const day = apply(
        { add_business_days: [t.toISOString().slice(0, 10), days, cal] },
        {},
        {
          calendars: sampleCalendars,
        },
      ) as string;
      const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
      t.setUTCFullYear(y, m - 1, dd);
    }
  } else t.setUTCDate(t.getUTCDate() + (d.days ?? 0) + (d.weeks ?? 0) * 7);
  t.setUTCHours(t.getUTCHours() + (d.hours ?? 0), t.getUTCMinutes() + (d.minutes ?? 0));
  return t.toISOString();
}
