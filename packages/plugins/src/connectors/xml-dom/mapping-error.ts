import { InputError } from '@hexiao/plugins/sdk';
/** Thrown by a map function for a document it cannot turn into a record; becomes a Rejection naming the field. */
export class MappingError extends InputError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'MappingError';
  }
}

/** Required value or a MappingError naming the field. */
export function required<T>(value: T | undefined, field: string, what = field): T {
  if (value === undefined || value === null || value === '') throw new MappingError(field, `${what} is missing`);
  return value;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})/;

/** `YYYY-MM-DD` from an ISO date or date-time ("2017-11-13", "2017-11-13+01:00", "2017-11-13T10:00:00"). */
export function isoDateOf(text: string | undefined, field: string): string | undefined {
  if (text === undefined) return undefined;
  const m = isoDate.exec(text.trim());
  if (!m || !validDate(+m[1]!, +m[2]!, +m[3]!)) throw new MappingError(field, `"${text}" is not a date`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** UN/CEFACT date format 102 (`CCYYMMDD`) or 203/204 (with a time, dropped); also accepts an ISO date. */
export function date102(text: string | undefined, field: string): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  const m = /^(\d{4})(\d{2})(\d{2})(\d{4}(\d{2})?)?$/.exec(t); // 102, or 203/204 with a time
  if (!m) return isoDateOf(t, field);
  if (!validDate(+m[1]!, +m[2]!, +m[3]!)) throw new MappingError(field, `"${text}" is not a date`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
