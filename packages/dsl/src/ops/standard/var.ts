import { defineOp } from '../../engine/define-op.ts';
import { getOwnAllowed, isForbiddenKey, readPath, splitPath } from '../../engine/path.ts';
import { slotCache } from '../../engine/prepared-record.ts';
import type { Closure } from '../../engine/types.ts';

/** `var` with json-logic-js semantics, reading only own data properties. */
export function lookupVar(data: unknown, path: unknown, fallback: unknown): unknown {
  return readPath(data, splitPath(path), fallback === undefined ? null : fallback);
}

/** Specialised reader for a constant path. */
export function compileRead(parts: string[] | null, nf: unknown): Closure {
  if (parts === null) return (d) => d;
  if (parts.some(isForbiddenKey)) return () => nf;
  const getOwn = getOwnAllowed;
  if (parts.length === 1) {
    const [k] = parts as [string];
    return (d) => {
      if (d === null || d === undefined) return nf;
      const v = getOwn(d, k);
      return v === undefined ? nf : v;
    };
  }
  if (parts.length === 2) {
    const [k1, k2] = parts as [string, string];
    return (d) => {
      if (d === null || d === undefined) return nf;
      const a = getOwn(d, k1);
      if (a === undefined || a === null) return nf;
      const v = getOwn(a, k2);
      return v === undefined ? nf : v;
    };
  }
  return (d) => readPath(d, parts, nf);
}

export const varOp = defineOp({
  name: 'var',
  family: 'standard',
  arity: { min: 0, max: 2 },
  lazy: true,
  pure: false,
  signature: { params: ['string', 'any'], result: 'any' },
  doc: {
    summary:
      'Read a value from the data by dotted path; the second argument is the default when missing. Own data properties only (plus length of arrays and strings); never a function or prototype.',
    example: { rule: { var: 'invoice.amount' }, data: { invoice: { amount: '120.00' } }, result: '120.00' },
  },
  evaluate(args, data, rt) {
    const path = args[0]?.(data, rt);
    const def = args[1]?.(data, rt);
    return lookupVar(data, path, def);
  },
  compile(args, info) {
    const [path, def] = args;
    if (path !== undefined && !path.constant) return undefined;
    if (def !== undefined && !def.constant) return undefined;
    const parts = splitPath(path?.value);
    const nf = def === undefined || def.value === undefined ? null : def.value;
    const read = compileRead(parts, nf);
    if (info.scoped || parts === null || parts.some(isForbiddenKey)) return read;
    // Root-scope read over a prepared record: its flat slot, when the schema has one.
    const slotOf = slotCache(parts.join('.'), 'val');
    return (d, rt) => {
      const p = rt.prep;
      if (p !== null) {
        const slot = slotOf(p.plan);
        if (slot >= 0) {
          const v = p.vals[slot];
          if (v !== undefined) return v;
        }
      }
      return read(d, rt);
    };
  },
});

/** Keys `missing` checks: one array argument, or the arguments themselves. */
function missingKeys(keys: readonly unknown[], data: unknown): unknown[] {
  const list = Array.isArray(keys[0]) ? (keys[0] as unknown[]) : keys;
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i++) {
    const key = list[i];
    const v = Array.isArray(key) ? lookupVar(data, key[0], key[1]) : lookupVar(data, key, undefined);
    if (v === null || v === '') out.push(key);
  }
  return out;
}

export const missingOp = defineOp({
  name: 'missing',
  family: 'standard',
  arity: { min: 0 },
  lazy: true,
  pure: false,
  signature: { params: ['any'], rest: true, result: 'array' },
  doc: {
    summary: 'The listed paths that are missing (null or empty string) in the data.',
    example: { rule: { missing: ['invoice_no', 'amount'] }, data: { amount: '5.00' }, result: ['invoice_no'] },
  },
  evaluate(args, data, rt) {
    return missingKeys(
      args.map((a) => a(data, rt)),
      data,
    );
  },
});

export const missingSomeOp = defineOp({
  name: 'missing_some',
  family: 'standard',
  arity: { min: 2, max: 2 },
  lazy: true,
  pure: false,
  signature: { params: ['number', 'array'], result: 'array' },
  doc: {
    summary: 'Empty when at least N of the paths are present, otherwise the missing ones.',
    example: { rule: { missing_some: [1, ['iban', 'account']] }, data: { account: '42' }, result: [] },
  },
  evaluate(args, data, rt) {
    const need = (args[0] as Closure)(data, rt);
    const options = (args[1] as Closure)(data, rt);
    const keys = Array.isArray(options) ? options : [options];
    const missing = missingKeys(keys, data);
    const len = typeof options === 'string' || Array.isArray(options) ? options.length : Number.NaN;
    return len - missing.length >= (need as number) ? [] : missing;
  },
});
