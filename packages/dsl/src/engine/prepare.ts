import { Dec } from '../ops/ar/decimal/dec.ts';
import { Day, toDay, toDec } from '../ops/ar/readers.ts';
import { deref, type DataSchema } from '../typecheck/json-schema.ts';
import { readPath } from './path.ts';
import { PreparedRecord } from './prepared-record.ts';

interface PlanItem {
  readonly key: string;
  readonly parts: readonly string[];
  readonly kind: 'decimal' | 'date';
}

const plans = new WeakMap<object, readonly PlanItem[]>();

/** Money and date fields of a schema (through nested objects, not arrays), computed once per schema. */
function planFor(schema: DataSchema): readonly PlanItem[] {
  const hit = plans.get(schema);
  if (hit !== undefined) return hit;
  const out: PlanItem[] = [];
  const walk = (s: DataSchema | undefined, parts: string[], depth: number): void => {
    const d = deref(schema, s);
    if (d === undefined || depth > 16) return;
    if (d.format === 'decimal' || d.format === 'date') {
      if (parts.length > 0) out.push({ key: parts.join('.'), parts, kind: d.format });
      return;
    }
    const props = d.properties;
    if (props === undefined) return;
    for (const name of Object.keys(props)) {
      if (name.includes('.')) continue; // not addressable by a var path
      walk(props[name], [...parts, name], depth + 1);
    }
  };
  walk(schema, [], 0);
  plans.set(schema, out);
  return out;
}

/**
 * Convert a record once so many rules run fast on it: money fields (`format: "decimal"`) become
 * exact decimals and dates (`format: "date"`) day numbers, keyed by var path. Values that do not
 * parse are left out, so rules raise their usual type error on them.
 */
export function prepareRecord(data: unknown, schema: DataSchema): PreparedRecord {
  const values: Record<string, Dec | Day> = {};
  for (const item of planFor(schema)) {
    const raw = readPath(data, item.parts, undefined);
    if (raw === undefined || raw === null) continue;
    try {
      values[item.key] = item.kind === 'decimal' ? toDec(raw, '') : new Day(toDay(raw, ''));
    } catch {
      // leave it to the rule to report
    }
  }
  return new PreparedRecord(data, values);
}
