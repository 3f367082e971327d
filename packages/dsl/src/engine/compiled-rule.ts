import { toRuleError } from '../errors.ts';
import type { Limits } from '../limits.ts';
import { PreparedRecord } from './prepared-record.ts';
import { RuntimeContext, type EngineCaches, type EvalContext } from './runtime.ts';
import type { Closure } from './types.ts';

/** A rule compiled to a closure: call it with data (plain or prepared) and an optional context. */
export interface CompiledRule {
  (data?: unknown, context?: EvalContext): unknown;
  /** Content hash of the canonical rule text (the cache key). */
  readonly hash: string;
}

export function mergeContext(base: EvalContext, extra: EvalContext | undefined): EvalContext {
  if (extra === undefined) return base;
  return {
    calendars: extra.calendars ?? base.calendars,
    tables: extra.tables ?? base.tables,
  } as EvalContext;
}

/** Wrap a root closure: one reusable runtime per rule, prepared-record unwrapping, RuleError-only failures. */
export function wrapClosure(
  fn: Closure,
  hash: string,
  limits: Readonly<Limits>,
  base: EvalContext,
  caches: EngineCaches,
): CompiledRule {
  const shared = new RuntimeContext(limits, base, caches);
  const run = (data?: unknown, context?: EvalContext): unknown => {
    let rt = shared;
    if (context !== undefined || rt.busy) rt = new RuntimeContext(limits, mergeContext(base, context), caches);
    rt.steps = 0;
    let d = data;
    if (d instanceof PreparedRecord) {
      rt.prep = d;
      d = d.data;
    } else {
      rt.prep = null;
      if (d === undefined) d = null;
    }
    rt.busy = true;
    try {
      const result = fn(d, rt);
      rt.busy = false;
      return result;
    } catch (e) {
      rt.busy = false;
      throw toRuleError(e);
    }
  };
  return Object.assign(run, { hash }) as CompiledRule;
}
