import { toRuleError } from '../errors.ts';
import type { Limits } from '../limits.ts';
import { isPrepared, PreparedRecord, preparedBrand } from './prepared-record.ts';
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

/** What a generated entry function needs besides the rule body (see {@link entrySource}). */
export interface EntryDeps {
  readonly limits: Readonly<Limits>;
  readonly base: EvalContext;
  readonly caches: EngineCaches;
}

/**
 * The runtime of one evaluation, made on first need: the rule's shared one, or a fresh one when
 * a context is passed or the rule is re-entered. `steps` starts at 0; `busy` until the entry returns.
 */
export function enter(
  shared: RuntimeContext,
  deps: EntryDeps,
  prep: PreparedRecord | null,
  context: EvalContext | undefined,
): RuntimeContext {
  let rt = shared;
  if (context !== undefined || rt.busy)
    rt = new RuntimeContext(deps.limits, mergeContext(deps.base, context), deps.caches);
  rt.steps = 0;
  rt.prep = prep;
  rt.busy = true;
  return rt;
}

/**
 * The wrapper of {@link wrapClosure} as fixed source for a generated rule, with `body`
 * (statements setting `result`) inlined: each rule gets its own entry function and inline
 * caches. Templates that need no runtime (reads, comparisons, money and date fast paths) run
 * without one; anything that does uses {@link runtimeSource}, which makes it once per
 * evaluation. The names are bound by the generator's prelude.
 */
export function entrySource(body: string): string {
  return [
    'const shared = new RuntimeContext(W.limits, W.base, W.caches);',
    'return function run(data, context) {',
    '  let d = data, p = null, rt = null;',
    "  if (typeof d === 'object' && d !== null && preparedBrand in d && d instanceof PreparedRecord) { p = d; d = d.data; }",
    '  else if (d === undefined) d = null;',
    '  try {',
    body,
    '    if (rt !== null) rt.busy = false;',
    '    return result;',
    '  } catch (e) {',
    '    if (rt !== null) rt.busy = false;',
    '    throw toRuleError(e);',
    '  }',
    '};',
  ].join('\n');
}

/** Source of the evaluation's runtime inside a generated body (made on first use). */
export const runtimeSource = '(rt ??= enter(shared, W, p, context))';

/** Values the entry source refers to by name. */
export const entryPrelude: ReadonlyArray<readonly [string, unknown]> = [
  ['RuntimeContext', RuntimeContext],
  ['enter', enter],
  ['PreparedRecord', PreparedRecord],
  ['preparedBrand', preparedBrand],
  ['toRuleError', toRuleError],
];

/** Give a generated entry function its hash. */
export function asCompiledRule(run: (data?: unknown, context?: EvalContext) => unknown, hash: string): CompiledRule {
  return Object.assign(run, { hash }) as CompiledRule;
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
    if (isPrepared(d)) {
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
  return asCompiledRule(run, hash);
}
