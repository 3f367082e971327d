import { slotCache } from '../../engine/prepared-record.ts';
import type { Closure, CompileInfo, CompiledArg, RuleNode } from '../../engine/types.ts';
import { RuleError } from '../../errors.ts';
import { Dec, parseDecimalString } from './decimal/dec.ts';
import { parseDay } from './dates/day.ts';

/** The path of a plain `{"var": "a.b"}` node (no default), else null. */
export function staticVarPath(node: RuleNode): string | null {
  if (node.k !== 'op' || node.name !== 'var' || node.args.length !== 1) return null;
  const a = node.args[0]!;
  return a.k === 'lit' && typeof a.value === 'string' && a.value !== '' ? a.value : null;
}

function show(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

/** An exact decimal from a money string or number; anything else is a type error. */
export function toDec(v: unknown, at: string): Dec {
  if (v instanceof Dec) return v;
  if (typeof v === 'string') {
    const d = parseDecimalString(v);
    if (d !== null) return d;
  } else if (typeof v === 'number' && Number.isFinite(v)) {
    if (Number.isSafeInteger(v)) return new Dec(v, 0);
    const d = parseDecimalString(String(v));
    if (d !== null) return d;
  }
  throw new RuleError('type', at, `expected an amount (decimal string or number), got ${show(v)}`);
}

/** A date converted once by `prepare`: its day number. */
export class Day {
  constructor(readonly n: number) {}
}

/** A day number from a `YYYY-MM-DD` string (or a prepared date). */
export function toDay(v: unknown, at: string): number {
  if (v instanceof Day) return v.n;
  if (typeof v === 'string') {
    const n = parseDay(v);
    if (n !== null) return n;
  }
  throw new RuleError('type', at, `expected a date as YYYY-MM-DD, got ${show(v)}`);
}

export function toInt(v: unknown, at: string, what: string): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,9}$/.test(v)) return Number(v);
  throw new RuleError('type', at, `expected a whole number of ${what}, got ${show(v)}`);
}

export function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** Marks a closure whose op can also hand over its result as a Dec (skips format + re-parse). */
export const decValued: unique symbol = Symbol('hexiao:dec-valued') as never;
export type DecClosure = (d: unknown, rt: Parameters<Closure>[1]) => Dec;

/** Attach the Dec-valued variant to a string-returning closure. */
export function withDecValue(fn: Closure, dec: DecClosure): Closure {
  return Object.assign(fn, { [decValued]: dec });
}

type Reader = (d: unknown, rt: Parameters<Closure>[1]) => unknown;

/**
 * Closure yielding an argument for a receivables op: the prepared value (Dec / Day) when the
 * argument is a plain `var` over a prepared record, a pre-converted constant, or the raw value.
 * Callers convert with toDec/toDay after evaluating every argument (same order as json-logic-js).
 */
function reader(
  arg: CompiledArg,
  info: CompileInfo,
  conv: (v: unknown, at: string) => unknown,
  fromNums: (nums: readonly number[], slot: number) => unknown,
): Reader {
  if (arg.constant) {
    let v = arg.value;
    try {
      v = conv(arg.value, info.at);
    } catch {
      // keep the raw value: the error is raised when (and if) the op runs
    }
    return () => v;
  }
  const fn = arg.fn;
  const inner = (fn as { [decValued]?: DecClosure })[decValued];
  if (inner !== undefined && fromNums === decFromNums) return inner;
  const table = constantBranches(arg.node, conv, info.at);
  if (table !== null) {
    // `if` choosing among constant amounts / dates: convert each constant once, at compile time.
    return (d, rt) => {
      const v = fn(d, rt);
      const hit = table.get(v);
      return hit === undefined ? v : hit;
    };
  }
  const path = info.scoped ? null : staticVarPath(arg.node);
  if (path !== null) {
    const slotOf = slotCache(path, 'num');
    return (d, rt) => {
      const p = rt.prep;
      if (p !== null) {
        const slot = slotOf(p.plan);
        if (slot >= 0) {
          const v = fromNums(p.nums, slot);
          if (v !== undefined) return v;
        }
      }
      return fn(d, rt);
    };
  }
  return fn;
}

/** For an `if` whose results are all literals: each literal converted once (null if any fails or is not a string). */
function constantBranches(
  node: RuleNode,
  conv: (v: unknown, at: string) => unknown,
  at: string,
): Map<unknown, unknown> | null {
  if (node.k !== 'op' || (node.name !== 'if' && node.name !== '?:') || node.args.length < 3) return null;
  const table = new Map<unknown, unknown>();
  const n = node.args.length;
  const results: number[] = [];
  for (let i = 1; i < n; i += 2) results.push(i);
  if (n % 2 === 1) results.push(n - 1);
  for (const i of results) {
    const a = node.args[i]!;
    if (a.k !== 'lit' || typeof a.value !== 'string') return null;
    try {
      table.set(a.value, conv(a.value, at));
    } catch {
      return null;
    }
  }
  return table;
}

const decFromNums = (nums: readonly number[], slot: number): Dec | undefined => {
  const e = nums[slot + 1] as number;
  return e >= 0 ? new Dec(nums[slot] as number, e) : undefined;
};
const dayFromNums = (nums: readonly number[], slot: number): Day | undefined => {
  const n = nums[slot] as number;
  return n === n ? new Day(n) : undefined;
};
const dayOf = (v: unknown, at: string): Day => new Day(toDay(v, at));

/** Argument reader for decimal ops (convert the result with toDec). */
export const decReader = (arg: CompiledArg, info: CompileInfo): Reader => reader(arg, info, toDec, decFromNums);
/** Argument reader for date ops (convert the result with toDay). */
export const dayReader = (arg: CompiledArg, info: CompileInfo): Reader => reader(arg, info, dayOf, dayFromNums);
