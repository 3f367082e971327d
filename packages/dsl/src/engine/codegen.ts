import { Dec } from '../ops/ar/decimal/dec.ts';
import { compareScaled, scaledUnits, scanned } from '../ops/ar/decimal/scaled.ts';
import { dayNumberOf } from '../ops/ar/dates/day.ts';
import { toDec } from '../ops/ar/readers.ts';
import { asBuiltin, plainRead, prefixRead, staticParts, type ReadContext, type Source } from './codegen-read.ts';
import { emitDaysBetween, emitDecCompare, emitDecValued, isDecValued } from './codegen-money.ts';
import type { PreparePlan } from './prepared-record.ts';
import { truthy } from './truthy.ts';
import type { OpNode } from './codegen-read.ts';
import { entryPrelude, entrySource, runtimeSource as RT, type EntryDeps } from './compiled-rule.ts';
import type { EvalContext } from './runtime.ts';
import type { CompiledArg, EagerOpSpec, RuleNode } from './types.ts';

/*
 * Code generation for the root scope of a rule. Every identifier in the generated source is
 * produced here (t0, P0, S0, V, the prelude names); every value taken from the rule (paths,
 * constants, compiled closures) is passed in the array V and referenced by index. Built-in
 * operations (checked by descriptor identity, not by name) select one of the fixed templates;
 * other nodes call their compiled closure, so behaviour is identical to the closure compiler.
 * The gain is one specialised function per rule: its own inline caches, no megamorphic closure
 * calls, and plain records read in place (codegen-read.ts) instead of through `Object.hasOwn`.
 */

export type { OpNode } from './codegen-read.ts';

const slotOf = (plan: PreparePlan, path: string, kind: 'val' | 'num'): number =>
  (kind === 'val' ? plan.valSlot : plan.numSlot).get(path) ?? -1;

/** Values every generated function receives first, bound to these fixed names. */
const prelude: ReadonlyArray<readonly [string, unknown]> = [
  ...entryPrelude,
  ['truthy', truthy],
  ['slotOf', slotOf],
  ['Dec', Dec],
  ['toDec', toDec],
  ['OP', Object.prototype],
  ['gp', Object.getPrototypeOf],
  ['su', scaledUnits],
  ['sc', scanned],
  ['cmpS', compareScaled],
  ['dn', dayNumberOf],
  ['NA', Object.freeze({})],
];

const binaryOps: Readonly<Record<string, string>> = {
  '==': '==',
  '===': '===',
  '!=': '!=',
  '!==': '!==',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
};

export class Generator implements ReadContext {
  readonly values: unknown[] = prelude.map(([, v]) => v);
  readonly outer: string[] = [];
  readonly temps: string[] = [];
  /**
   * Statements run first on plain records: first levels of the data read once and shared by
   * several paths (prepared records read their slots; a miss there runs the var's closure).
   */
  readonly entry: Source = [];
  /** Temps known to hold a boolean (no truthiness call needed). */
  readonly #bools = new Set<string>();
  readonly #prefixes = new Map<string, string>();
  readonly #refs = new Map<unknown, string>();
  #n = 0;

  constructor(
    readonly results: ReadonlyMap<RuleNode, CompiledArg>,
    /** Nodes of eager ops compiled to the generic closure (arguments evaluated, then `evaluate`). */
    readonly generic: ReadonlyMap<RuleNode, EagerOpSpec['evaluate']>,
    /** First-level keys to read once per evaluation. */
    shared: Iterable<string> = [],
  ) {
    for (const key of shared) {
      const h = this.temp();
      this.#prefixes.set(key, h);
      this.entry.push(...prefixRead(this, key, h));
    }
  }

  /**
   * Reference to a value passed to the generated function: a constant `vN` bound to `V[N]` in
   * the outer scope (one load, and keyed reads see one name); strings and numbers share one.
   */
  value(x: unknown): string {
    const primitive = typeof x === 'string' || typeof x === 'number';
    const hit = primitive ? this.#refs.get(x) : undefined;
    if (hit !== undefined) return hit;
    this.values.push(x);
    const ref = `v${this.values.length - 1}`;
    if (primitive) this.#refs.set(x, ref);
    return ref;
  }

  /** Temps holding the shared first levels (see `entry`). */
  prefixTemps(): string[] {
    return [...this.#prefixes.values()];
  }

  /** A new temp that will hold a boolean. */
  bool(): string {
    const t = this.temp();
    this.#bools.add(t);
    return t;
  }

  /** Source testing the JsonLogic truthiness of `x`. */
  truthy(x: string): string {
    return this.#bools.has(x) ? x : `truthy(${x})`;
  }

  /** Statements reading a root-scope path from the plain data into `t` (see codegen-read.ts). */
  plain(parts: readonly string[], fallback: string, t: string): Source {
    return plainRead(this, parts, fallback, t, this.#prefixes.get(parts[0]!));
  }

  temp(): string {
    const t = `t${this.#n++}`;
    this.temps.push(t);
    return t;
  }

  result(n: RuleNode): CompiledArg {
    const r = this.results.get(n);
    if (r === undefined) throw new Error('codegen: node not compiled');
    return r;
  }

  /** Per-site cache of a slot lookup: the expression of the slot number (valid when p !== null). */
  slot(path: string, kind: 'val' | 'num'): string {
    const id = this.#n++;
    this.outer.push(`let P${id} = null, S${id} = -1;`);
    const key = this.value(path);
    return `(p.plan === P${id} ? S${id} : (P${id} = p.plan, S${id} = slotOf(p.plan, ${key}, '${kind}')))`;
  }

  closure(n: RuleNode, out: Source): string {
    const r = this.result(n);
    if (r.constant) return this.value(r.value);
    const t = this.temp();
    out.push(`${t} = ${this.value(r.fn)}(d, ${RT});`);
    return t;
  }

  /** Emit statements computing `n` into a temp (or return a constant reference). */
  emit(n: RuleNode, out: Source): string {
    const r = this.result(n);
    if (r.constant) return this.value(r.value);
    if (n.k !== 'op') return this.closure(n, out);
    const parts = staticParts(n);
    if (parts !== null) return this.read(n, parts, out);
    const name = n.name;
    if (Object.hasOwn(binaryOps, name) && n.args.length === 2 && asBuiltin(n, name) !== null) {
      const a = this.emit(n.args[0]!, out);
      const b = this.emit(n.args[1]!, out);
      const t = this.bool();
      out.push(`${t} = ${a} ${binaryOps[name]} ${b};`);
      return t;
    }
    if (asBuiltin(n, 'and', 'or') !== null) return this.emitAndOr(n, out);
    if (asBuiltin(n, 'if', '?:') !== null) return this.emitIf(n, out);
    if (asBuiltin(n, '!', '!!') !== null) {
      const a = this.emit(n.args[0]!, out);
      const t = this.bool();
      out.push(`${t} = ${name === '!' ? '!' : '!!'}${this.truthy(a)};`);
      return t;
    }
    if (asBuiltin(n, 'in', 'in_list') !== null) {
      const list = this.result(n.args[1]!);
      if (list.constant && Array.isArray(list.value)) {
        // Same answers as the ops' own constant-list closures (strict equality, -0 equals 0).
        const a = this.emit(n.args[0]!, out);
        const t = this.bool();
        out.push(`${t} = ${this.value(new Set(list.value))}.has(${a});`);
        return t;
      }
    }
    const money = emitDecCompare(this, n, out) ?? (isDecValued(this, n) ? emitDecValued(this, n, out) : null);
    if (money !== null) return money;
    if (asBuiltin(n, 'days_between') !== null) return emitDaysBetween(this, n, out);
    const evaluate = this.generic.get(n);
    if (evaluate !== undefined && (n.op.scopedArgs?.length ?? 0) === 0) return this.emitGeneric(n, evaluate, out);
    return this.closure(n, out);
  }

  /** A root-scope var: a prepared record's slot, else an own-property read of the plain data. */
  read(n: RuleNode, parts: readonly string[], out: Source): string {
    const t = this.temp();
    out.push(
      `if (p === null || (s = ${this.slot(parts.join('.'), 'val')}) < 0 || (${t} = p.vals[s]) === undefined) {`,
      this.plain(parts, this.value(this.result(n).fn), t),
      '}',
    );
    return t;
  }

  /** An eager op without a specialised closure: arguments in order, then the op's own `evaluate`. */
  emitGeneric(n: OpNode, evaluate: EagerOpSpec['evaluate'], out: Source): string {
    const args = n.args.map((a) => this.emit(a, out));
    const t = this.temp();
    out.push(`${t} = ${this.value(evaluate)}([${args.join(', ')}], ${RT}, ${this.value(n.ptr)});`);
    return t;
  }

  emitAndOr(n: OpNode, out: Source): string {
    const t = this.temp();
    const go = n.name === 'and' ? '' : '!'; // and: go on while truthy; or: while falsy
    let block = out;
    let allBool = true;
    n.args.forEach((a, i) => {
      const v = this.emit(a, block);
      allBool &&= this.#bools.has(v);
      block.push(`${t} = ${v};`);
      if (i < n.args.length - 1) {
        const inner: Source = [];
        block.push(`if (${go}${this.#bools.has(v) ? v : `truthy(${t})`}) {`, inner, '}');
        block = inner;
      }
    });
    if (allBool) this.#bools.add(t);
    return t;
  }

  /** `if`/`?:`; `branch` emits a result (default: its value). */
  emitIf(n: OpNode, out: Source, branch?: (a: RuleNode, into: Source) => string): string {
    const t = this.temp();
    const value = branch ?? ((a: RuleNode, into: Source) => this.emit(a, into));
    let block = out;
    let i = 0;
    for (; i < n.args.length - 1; i += 2) {
      const c = this.emit(n.args[i]!, block);
      const then: Source = [];
      const other: Source = [];
      then.push(`${t} = ${value(n.args[i + 1]!, then)};`);
      block.push(`if (${this.truthy(c)}) {`, then, '} else {', other, '}');
      block = other;
    }
    if (i === n.args.length - 1) block.push(`${t} = ${value(n.args[i]!, block)};`);
    else block.push(`${t} = null;`);
    return t;
  }
}

/** First-level keys of the data that two or more root-scope var paths start with (read once per evaluation). */
function sharedFirstKeys(root: RuleNode): string[] {
  const counts = new Map<string, number>();
  const walk = (n: RuleNode): void => {
    if (n.k === 'arr') n.items.forEach(walk);
    if (n.k !== 'op') return;
    const parts = staticParts(n);
    if (parts !== null) counts.set(parts[0]!, (counts.get(parts[0]!) ?? 0) + 1);
    else n.args.forEach((a, i) => (n.op.scopedArgs?.includes(i) ? undefined : walk(a)));
  };
  walk(root);
  return [...counts].filter(([, count]) => count > 1).map(([key]) => key);
}

/** Source text of nested lines, one level of indentation per nested block. */
function render(lines: Source, depth: number, out: string[] = []): string[] {
  for (const l of lines) {
    if (typeof l === 'string') out.push(l.length === 0 ? l : ' '.repeat(depth) + l);
    else render(l, depth + 1, out);
  }
  return out;
}

/** Why code generation did not give a rule its own function (see `EngineOptions.onCodegenFallback`). */
export type CodegenOutcome =
  | {
      readonly kind: 'generated';
      readonly run: (data?: unknown, context?: EvalContext) => unknown;
      /** The generated source (values are referenced as vN = V[N]; for tests and profiling). */
      readonly source: string;
    }
  | { readonly kind: 'not-needed' }
  | { readonly kind: 'failed'; readonly stage: 'generate' | 'new-function'; readonly error: unknown };

/**
 * Generate one specialised entry function for a compiled rule (the wrapper of compiled-rule.ts
 * with the rule's body inlined). `not-needed` when the rule gains nothing (a single closure
 * call); `failed` when generating threw or the platform refused `new Function` (strict CSP):
 * the caller keeps the closures and reports it.
 */
export function generateRoot(
  root: RuleNode,
  results: ReadonlyMap<RuleNode, CompiledArg>,
  generic: ReadonlyMap<RuleNode, EagerOpSpec['evaluate']>,
  deps: EntryDeps,
): CodegenOutcome {
  let source: string;
  let values: unknown[];
  try {
    const g = new Generator(results, generic, sharedFirstKeys(root));
    const body: Source = [];
    const res = g.emit(root, body);
    if (body.length <= 1) return { kind: 'not-needed' };
    values = g.values;
    const hoisted = g.prefixTemps();
    const entry: Source =
      hoisted.length === 0 ? [] : ['if (p === null) {', g.entry, '} else {', hoisted.map((h) => `${h} = NA;`), '}'];
    const inner = [`let ${['s', ...g.temps].join(', ')};`, ...entry, ...body, `const result = ${res};`];
    source = [
      "'use strict';",
      `const ${prelude.map(([name], i) => `${name} = V[${i}]`).join(', ')};`,
      ...values.slice(prelude.length).map((_, i) => `const v${i + prelude.length} = V[${i + prelude.length}];`),
      ...g.outer,
      entrySource(render(inner, 2).join('\n')),
    ].join('\n');
  } catch (error) {
    return { kind: 'failed', stage: 'generate', error };
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- source built only from fixed templates and generated names
    const run = new Function('V', 'W', source)(values, deps) as (data?: unknown, context?: EvalContext) => unknown;
    return { kind: 'generated', run, source };
  } catch (error) {
    return { kind: 'failed', stage: 'new-function', error };
  }
}
