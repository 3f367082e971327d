import type { Dec } from '../ops/ar/decimal/dec.ts';
import { toDay, toDec } from '../ops/ar/readers.ts';
import { deref, type DataSchema } from '../typecheck/json-schema.ts';
import { readPath } from './path.ts';
import { PreparedRecord, type PreparePlan } from './prepared-record.ts';

interface Leaf {
  readonly parts: readonly string[];
  readonly kind: 'raw' | 'decimal' | 'date';
  readonly val: number;
  readonly num: number;
}

interface Plan extends PreparePlan {
  readonly leaves: readonly Leaf[];
  readonly numCount: number;
}

const plans = new WeakMap<object, Plan>();

/** Scalar leaves of a schema (through nested objects, not arrays), laid out once per schema. */
function planFor(schema: DataSchema): Plan {
  const hit = plans.get(schema);
  if (hit !== undefined) return hit;
  const leaves: Leaf[] = [];
  const valSlot = new Map<string, number>();
  const numSlot = new Map<string, number>();
  let nums = 0;
  const walk = (s: DataSchema | undefined, parts: string[], depth: number): void => {
    const d = deref(schema, s);
    if (d === undefined || depth > 16) return;
    const props = d.properties;
    if (props !== undefined) {
      for (const name of Object.keys(props)) {
        if (!name.includes('.')) walk(props[name], [...parts, name], depth + 1); // dotted names are not var-addressable
      }
      return;
    }
    if (parts.length === 0 || d.type === 'array' || d.type === 'object' || d.items !== undefined) return;
    const key = parts.join('.');
    const kind = d.format === 'decimal' ? 'decimal' : d.format === 'date' ? 'date' : 'raw';
    const num = kind === 'raw' ? -1 : nums;
    if (kind === 'decimal') nums += 2;
    if (kind === 'date') nums += 1;
    valSlot.set(key, leaves.length);
    if (num >= 0) numSlot.set(key, num);
    leaves.push({ parts, kind, val: leaves.length, num });
  };
  walk(schema, [], 0);
  const plan: Plan = { leaves, valSlot, numSlot, numCount: nums };
  plans.set(schema, plan);
  return plan;
}

/** Scaled integer and scale of an amount, or [NaN, -1] when it has no fast exact form. */
function money(raw: unknown): [number, number] {
  try {
    const d: Dec = toDec(raw, '');
    return d.big === null ? [d.u, d.e] : [Number.NaN, -1];
  } catch {
    return [Number.NaN, -1];
  }
}

function dayNumber(raw: unknown): number {
  try {
    return toDay(raw, '');
  } catch {
    return Number.NaN;
  }
}

/**
 * Convert a record once so many rules run fast on it: scalar fields into flat slots, money
 * (`format: "decimal"`) into exact scaled integers, dates (`format: "date"`) into day numbers.
 * Values that do not parse get no fast slot, so rules raise their usual errors on them.
 */
export function prepareRecord(data: unknown, schema: DataSchema): PreparedRecord {
  const plan = planFor(schema);
  const vals: unknown[] = [];
  const nums: number[] = [];
  for (const leaf of plan.leaves) {
    const raw = readPath(data, leaf.parts, undefined);
    const scalar = raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean';
    vals.push(scalar ? raw : undefined);
    if (leaf.kind === 'decimal') {
      const [u, e] = money(raw);
      nums.push(u, e);
    } else if (leaf.kind === 'date') nums.push(dayNumber(raw));
  }
  return new PreparedRecord(data, plan, vals, nums);
}
