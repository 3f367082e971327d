import { invalid } from '../errors.ts';

/** The first and last day of a `YYYY-MM` period; refused (pointer /period) when it is not one. */
export function periodBounds(period: string): { startsOn: string; endsOn: string; next: string } {
  if (!/^(?!0000)\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw invalid('/period', `must be YYYY-MM (got ${period})`);
  const y = +period.slice(0, 4);
  const m = +period.slice(5, 7);
  const endsOn = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
  return { startsOn: `${period}-01`, endsOn, next };
}
