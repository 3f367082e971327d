/** Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian). Pure integer maths, no Date objects. */

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day number of a civil date (Howard Hinnant's days_from_civil). */
export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDay(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** The digit at `i` (0-9), or -100000 so that any number built with it is out of range. */
function digitAt(v: string, i: number): number {
  const c = v.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100_000;
}

/**
 * Day number of a strict `YYYY-MM-DD` string; NaN when malformed or not a real date (2025-02-29).
 * Allocation-free and small enough to be inlined: generated rules call it for every date they
 * read from a plain record.
 */
export function dayNumberOf(v: unknown): number {
  if (typeof v !== 'string' || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return Number.NaN;
  const y = digitAt(v, 0) * 1000 + digitAt(v, 1) * 100 + digitAt(v, 2) * 10 + digitAt(v, 3);
  const m = digitAt(v, 5) * 10 + digitAt(v, 6);
  const d = digitAt(v, 8) * 10 + digitAt(v, 9);
  if (y < 0 || m < 1 || m > 12 || d < 1 || (d > 28 && d > daysInMonth(y, m))) return Number.NaN;
  // days_from_civil for years 0..9999, shifted by one 400-year era so that every quotient is a
  // non-negative integer division (the same day number as dayFromCivil, without floats).
  const yy = (m <= 2 ? y - 1 : y) + 400;
  const era = (yy / 400) | 0;
  const yoe = yy - era * 400;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + d - 1;
  return (era - 1) * 146097 + doe - 719468;
}

/** Parse a strict `YYYY-MM-DD` date; `null` when malformed or not a real date (2025-02-29). */
export function parseDay(s: string): number | null {
  const n = dayNumberOf(s);
  return n === n ? n : null;
}

export function formatDay(n: number): string {
  const [y, m, d] = civilFromDay(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Add months, clamping to the month's last day (2025-01-31 + 1 month = 2025-02-28). */
export function addMonthsDay(n: number, months: number): number {
  const [y, m, d] = civilFromDay(n);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return dayFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function endOfMonthDay(n: number): number {
  const [y, m] = civilFromDay(n);
  return dayFromCivil(y, m, daysInMonth(y, m));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}
