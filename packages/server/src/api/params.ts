import { HexiaoError } from '../domain/errors.ts';

/** Path ids are UUIDs: anything else is simply not found (never a database error). */
export function uuidParam(id: string | undefined, what: string): string {
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    throw new HexiaoError('not_found', `${what} ${String(id).slice(0, 80)} does not exist`);
  return id.toLowerCase();
}

/** A positive integer from the query string, within bounds. */
export function intQuery(value: string | undefined, name: string, dflt: number, max: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new HexiaoError('invalid_data', `query ${name} must be an integer from 1 to ${max}`, {
      pointer: `/query/${name}`,
    });
  return n;
}
