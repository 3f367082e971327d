import type { ValueType } from '../engine/types.ts';
import { parseDay } from '../ops/ar/dates/day.ts';
import { parseDecimalString } from '../ops/ar/decimal/dec.ts';

/** Type of a literal in a rule: strings that parse as a date or an amount count as such. */
export function literalType(v: unknown): ValueType {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') {
    if (parseDay(v) !== null) return 'date';
    if (parseDecimalString(v) !== null) return 'decimal';
    return 'string';
  }
  return Array.isArray(v) ? 'array' : 'object';
}
