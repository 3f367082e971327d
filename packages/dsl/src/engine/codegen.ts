import type { PreparePlan } from './prepared-record.ts';
import { truthy } from './truthy.ts';
import type { Closure, CompiledArg, RuleNode } from './types.ts';
import { isForbiddenKey, splitPath } from './path.ts';
import { addDec, Dec, mulDec, subDec } from '../ops/ar/decimal/dec.ts';
import { currencyPlaces } from '../ops/ar/decimal/currency.ts';
import { isRoundingMode, roundDec, roundScaledToString } from '../ops/ar/decimal/rounding.ts';
import { toDec } from '../ops/ar/readers.ts';

/*
 * Optional code generation for the root scope of a rule. Every identifier in the generated source
 * is produced here (t0, P0, S0, V, ...); every value taken from the rule (paths, constants,
 * compiled closures) is passed in the array V and referenced by index. Operation names select
 * one of the fixed templates below and are never spliced into the source. Nodes without a
 * template call their compiled closure, so behaviour is identical to the closure compiler; the
 * gain is one specialised function per rule (its own inline caches, no megamorphic closure calls).
 */

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
const decOps: Readonly<Record<string, string>> = {
  'dec=': '===',
  'dec!=': '!==',
  'dec<': '<',
  'dec<=': '<=',
  'dec>': '>',
  'dec>=': '>=',
};

type OpNode = Extract<RuleNode, { k: 'op' }>;

function staticPath(n: RuleNode): string | null {
  if (n.k !== 'op' || n.name !== 'var' || n.args.length !== 1) return null;
  const a = n.args[0]!;
  if (a.k !== 'lit' || (typeof a.value !== 'string' && typeof a.value !== 'number')) return null;
  const parts = splitPath(a.value);
  return parts === null || parts.some(isForbiddenKey) ? null : parts.join('.');
}

const slotOf = (plan: PreparePlan, path: string, kind: 'val' | 'num'): number =>
  (kind === 'val' ? plan.valSlot : plan.numSlot).get(path) ?? -1;

const decArith: Readonly<Record<string, (a: Dec, b: Dec) => Dec>> = { 'dec+': addDec, 'dec-': subDec, 'dec*': mulDec };

function roundPlaces(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 20) return v;
  return typeof v === 'string' ? (currencyPlaces(v) ?? null) : null;
}

class Generator {
  /** V[0] truthy, V[1] slot lookup, V[2] Dec, V[3] toDec. */
  readonly values: unknown[] = [truthy, slotOf, Dec, toDec];
  readonly outer: string[] = [];
  readonly temps: string[] = [];
  #n = 0;

  constructor(readonly results: ReadonlyMap<RuleNode, CompiledArg>) {}

  value(x: unknown): string {
    this.values.push(x);
    return `V[${this.values.length - 1}]`;
  }

  temp(): string {
    const t = `t${this.#n++}`;
    this.temps.push(t);
    return t;
  }

  /** Per-site cache of a slot lookup: returns the expression of the slot number (valid when p !== null). */
  slot(path: string, kind: 'val' | 'num'): string {
    const id = this.#n++;
    this.outer.push(`let P${id} = null, S${id} = -1;`);
    const key = this.value(path);
    return `(p.plan === P${id} ? S${id} : (P${id} = p.plan, S${id} = V[1](p.plan, ${key}, '${kind}')))`;
  }

  closure(n: RuleNode, out: string[]): string {
    const r = this.results.get(n)!;
    if (r.constant) return this.value(r.value);
    const t = this.temp();
    out.push(`${t} = ${this.value(r.fn)}(d, rt);`);
    return t;
  }

  /** Emit statements computing `n` into a temp (or return a constant reference). */
  emit(n: RuleNode, out: string[]): string {
    const r = this.results.get(n);
    if (r === undefined) throw new Error('codegen: node not compiled');
    if (r.constant) return this.value(r.value);
    if (n.k !== 'op') return this.closure(n, out);
    const path = staticPath(n);
    if (path !== null) return this.emitVar(n, path, out);
    const name = n.name;
    if (Object.hasOwn(binaryOps, name) && n.args.length === 2) {
      const a = this.emit(n.args[0]!, out);
      const b = this.emit(n.args[1]!, out);
      const t = this.temp();
      out.push(`${t} = ${a} ${binaryOps[name]} ${b};`);
      return t;
    }
    if (name === 'and' || name === 'or') return this.emitAndOr(n, out);
    if (name === 'if' || name === '?:') return this.emitIf(n, out);
    if (name === '!' || name === '!!') {
      const a = this.emit(n.args[0]!, out);
      const t = this.temp();
      out.push(`${t} = ${name === '!' ? '!' : ''}V[0](${a});`);
      return t;
    }
    if (Object.hasOwn(decOps, name) && n.args.length === 2) return this.emitDecCompare(n, out);
    if (name === 'dec_round' && this.#decValued(n)) {
      const fused = this.emitMulRound(n, out);
      if (fused !== null) return fused;
    }
    if (this.#decValued(n)) {
      const x = this.emitDecValue(n, out);
      const t = this.temp();
      out.push(`${t} = ${x}.toString();`);
      return t;
    }
    if (name === 'days_between') return this.emitDaysBetween(n, out);
    return this.closure(n, out);
  }

  /** dec+/dec-/dec* with two arguments, or dec_round with constant places and mode: computed as a Dec inline. */
  #decValued(n: OpNode): boolean {
    if (Object.hasOwn(decArith, n.name)) return n.args.length === 2;
    if (n.name !== 'dec_round') return false;
    const [, places, mode] = n.args.map((a) => this.results.get(a)!);
    return (
      places!.constant &&
      roundPlaces(places!.value) !== null &&
      (mode === undefined || (mode.constant && isRoundingMode(mode.value)))
    );
  }

  /** Can `a` be read as a (scaled integer, scale) pair without allocating? */
  #pairable(a: RuleNode): boolean {
    const r = this.results.get(a)!;
    if (r.constant) {
      try {
        return toDec(r.value, '').big === null;
      } catch {
        return false;
      }
    }
    if (staticPath(a) !== null) return true;
    if (a.k !== 'op' || (a.name !== 'if' && a.name !== '?:') || a.args.length % 2 === 0) return false;
    return a.args.every((b, i) =>
      i % 2 === 0 && i !== a.args.length - 1 ? true : this.#pairable(b) && this.results.get(b)!.constant,
    );
  }

  /** Emit statements setting temps `u`, `e` (e = -1 when no fast pair is available). */
  #pair(a: RuleNode, u: string, e: string, out: string[]): void {
    const r = this.results.get(a)!;
    if (r.constant) {
      const d = toDec(r.value, '');
      out.push(`${u} = ${this.value(d.u)}; ${e} = ${this.value(d.e)};`);
      return;
    }
    const path = staticPath(a);
    if (path !== null) {
      out.push(
        `${u} = 0; ${e} = -1;`,
        `if (p !== null) { const s = ${this.slot(path, 'num')}; if (s >= 0) { ${u} = p.nums[s]; ${e} = p.nums[s + 1]; } }`,
      );
      return;
    }
    const n = a as OpNode;
    let block = out;
    let i = 0;
    for (; i < n.args.length - 1; i += 2) {
      const c = this.emit(n.args[i]!, block);
      const then: string[] = [];
      const other: string[] = [];
      this.#pair(n.args[i + 1]!, u, e, then);
      block.push(`if (V[0](${c})) {`, then as unknown as string, '} else {', other as unknown as string, '}');
      block = other;
    }
    this.#pair(n.args[i]!, u, e, block);
  }

  /** dec_round(dec*(x, y), places, mode) on scaled integers, formatted directly; falls back to the closures. */
  emitMulRound(n: OpNode, out: string[]): string | null {
    const inner = n.args[0]!;
    if (inner.k !== 'op' || inner.name !== 'dec*' || inner.args.length !== 2) return null;
    if (this.results.get(inner)!.constant) return null;
    if (!this.#pairable(inner.args[0]!) || !this.#pairable(inner.args[1]!)) return null;
    const places = roundPlaces(this.results.get(n.args[1]!)!.value);
    const mode = n.args[2] === undefined ? 'half_up' : this.results.get(n.args[2])!.value;
    const [ua, ea, ub, eb, pr, t] = [this.temp(), this.temp(), this.temp(), this.temp(), this.temp(), this.temp()];
    out.push(`${t} = undefined;`);
    this.#pair(inner.args[0]!, ua, ea, out);
    this.#pair(inner.args[1]!, ub, eb, out);
    out.push(`if (${ea} >= 0 && ${eb} >= 0 && ${ea} + ${eb} <= 15) { ${pr} = ${ua} * ${ub};`);
    out.push(
      `  if (${pr} < 9007199254740992 && ${pr} > -9007199254740992) ${t} = ${this.value(roundScaledToString)}(${pr}, ${ea} + ${eb}, ${this.value(places)}, ${this.value(mode)}); }`,
    );
    out.push(`if (${t} === undefined) ${t} = ${this.value(this.results.get(n)!.fn)}(d, rt);`);
    return t;
  }

  /** Expression of the Dec result of a dec-valued node (arguments converted after all are evaluated, as the op does). */
  emitDecValue(n: OpNode, out: string[]): string {
    const at = this.value(n.ptr);
    const t = this.temp();
    if (n.name === 'dec_round') {
      const x = this.emitDecArg(n.args[0]!, out);
      const r = this.results;
      const places = roundPlaces(r.get(n.args[1]!)!.value);
      const mode = n.args[2] === undefined ? 'half_up' : r.get(n.args[2])!.value;
      out.push(`${t} = ${this.value(roundDec)}(V[3](${x}, ${at}), ${this.value(places)}, ${this.value(mode)});`);
      return t;
    }
    const a = this.emitDecArg(n.args[0]!, out);
    const b = this.emitDecArg(n.args[1]!, out);
    out.push(`${t} = ${this.value(decArith[n.name])}(V[3](${a}, ${at}), V[3](${b}, ${at}));`);
    return t;
  }

  /** Expression of an argument of a dec op: a Dec when known fast, else the raw value (converted by the op). */
  emitDecArg(a: RuleNode, out: string[]): string {
    const r = this.results.get(a)!;
    if (r.constant) {
      try {
        return this.value(toDec(r.value, ''));
      } catch {
        return this.value(r.value);
      }
    }
    if (a.k === 'op' && this.#decValued(a)) return this.emitDecValue(a, out);
    const path = staticPath(a);
    if (path !== null) {
      const t = this.temp();
      const s = this.temp();
      out.push(
        `${t} = undefined;`,
        `if (p !== null) { ${s} = ${this.slot(path, 'num')}; if (${s} >= 0 && p.nums[${s} + 1] >= 0) ${t} = new V[2](p.nums[${s}], p.nums[${s} + 1]); }`,
      );
      out.push(`if (${t} === undefined) ${t} = ${this.value(r.fn)}(d, rt);`);
      return t;
    }
    if (a.k === 'op' && (a.name === 'if' || a.name === '?:')) return this.emitDecIf(a, out);
    return this.emit(a, out);
  }

  /** An `if` feeding a dec op: literal results are converted once at compile time. */
  emitDecIf(n: OpNode, out: string[]): string {
    const t = this.temp();
    let block = out;
    let i = 0;
    const branch = (a: RuleNode, into: string[]) => {
      const v = a.k === 'lit' ? this.emitDecArg(a, into) : this.emit(a, into);
      into.push(`${t} = ${v};`);
    };
    for (; i < n.args.length - 1; i += 2) {
      const c = this.emit(n.args[i]!, block);
      const then: string[] = [];
      const other: string[] = [];
      branch(n.args[i + 1]!, then);
      block.push(`if (V[0](${c})) {`, then as unknown as string, '} else {', other as unknown as string, '}');
      block = other;
    }
    if (i === n.args.length - 1) branch(n.args[i]!, block);
    else block.push(`${t} = null;`);
    return t;
  }

  emitVar(n: OpNode, path: string, out: string[]): string {
    const t = this.temp();
    const slot = this.slot(path, 'val');
    out.push(`${t} = undefined;`, `if (p !== null) { const s = ${slot}; if (s >= 0) ${t} = p.vals[s]; }`);
    out.push(`if (${t} === undefined) ${t} = ${this.value(this.results.get(n)!.fn)}(d, rt);`);
    return t;
  }

  emitAndOr(n: OpNode, out: string[]): string {
    const t = this.temp();
    const stop = n.name === 'and' ? '!' : '';
    let block = out;
    n.args.forEach((a, i) => {
      const v = this.emit(a, block);
      block.push(`${t} = ${v};`);
      if (i < n.args.length - 1) {
        const inner: string[] = [];
        block.push(`if (!(${stop}V[0](${t}))) {`, inner as unknown as string, '}');
        block = inner;
      }
    });
    return t;
  }

  emitIf(n: OpNode, out: string[]): string {
    const t = this.temp();
    let block = out;
    let i = 0;
    for (; i < n.args.length - 1; i += 2) {
      const c = this.emit(n.args[i]!, block);
      const then: string[] = [];
      const other: string[] = [];
      const v = this.emit(n.args[i + 1]!, then);
      then.push(`${t} = ${v};`);
      block.push(`if (V[0](${c})) {`, then as unknown as string, '} else {', other as unknown as string, '}');
      block = other;
    }
    if (i === n.args.length - 1) {
      const v = this.emit(n.args[i]!, block);
      block.push(`${t} = ${v};`);
    } else block.push(`${t} = null;`);
    return t;
  }

  /** Fast source of a money argument: slot expression pair, constant pair, or null. */
  #money(a: RuleNode): { u: string; e: string; pre: string[] } | null {
    const r = this.results.get(a)!;
    if (r.constant) return null;
    const path = staticPath(a);
    if (path === null) return null;
    const s = this.temp();
    return { u: `p.nums[${s}]`, e: `(${s} < 0 ? -1 : p.nums[${s} + 1])`, pre: [`${s} = ${this.slot(path, 'num')};`] };
  }

  emitDecCompare(n: OpNode, out: string[]): string {
    const whole = this.results.get(n)!;
    const a = this.#money(n.args[0]!);
    const b = this.#money(n.args[1]!);
    if (a === null || b === null) return this.closure(n, out);
    const t = this.temp();
    const ea = this.temp();
    const eb = this.temp();
    out.push(`${t} = undefined;`);
    out.push(`if (p !== null) { ${a.pre.join(' ')} ${b.pre.join(' ')} ${ea} = ${a.e}; ${eb} = ${b.e};`);
    out.push(`  if (${ea} >= 0 && ${ea} === ${eb}) ${t} = ${a.u} ${decOps[n.name]} ${b.u}; }`);
    out.push(`if (${t} === undefined) ${t} = ${this.value(whole.fn)}(d, rt);`);
    return t;
  }

  emitDaysBetween(n: OpNode, out: string[]): string {
    const pa = staticPath(n.args[0]!);
    const pb = staticPath(n.args[1]!);
    if (pa === null || pb === null || n.args.length !== 2) return this.closure(n, out);
    const t = this.temp();
    const sa = this.slot(pa, 'num');
    const sb = this.slot(pb, 'num');
    out.push(
      `${t} = NaN;`,
      `if (p !== null) { const i = ${sa}, j = ${sb}; if (i >= 0 && j >= 0) ${t} = p.nums[j] - p.nums[i]; }`,
    );
    out.push(`if (${t} !== ${t}) ${t} = ${this.value(this.results.get(n)!.fn)}(d, rt);`);
    return t;
  }
}

function render(lines: readonly (string | string[])[], indent: string): string {
  return lines.map((l) => (Array.isArray(l) ? render(l, `${indent}  `) : `${indent}${l}`)).join('\n');
}

/**
 * Generate one specialised root function for a compiled rule. Returns null when the rule gains
 * nothing (a single closure call) or when the platform forbids `new Function` (CSP).
 */
export function generateRoot(root: RuleNode, results: ReadonlyMap<RuleNode, CompiledArg>): Closure | null {
  const g = new Generator(results);
  const body: string[] = [];
  const res = g.emit(root, body);
  if (body.length <= 1) return null;
  const source = [
    '"use strict";',
    ...g.outer,
    'return function rule(d, rt) {',
    '  const p = rt.prep;',
    g.temps.length > 0 ? `  let ${g.temps.join(', ')};` : '',
    render(body, '  '),
    `  return ${res};`,
    '};',
  ].join('\n');
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- source built only from fixed templates and generated names
    return new Function('V', source)(g.values) as Closure;
  } catch {
    return null;
  }
}
