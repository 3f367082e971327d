import { runtimeSource as RT } from './compiled-rule.ts';
import { addDec, compareDec, mulDec, subDec, type Dec } from '../ops/ar/decimal/dec.ts';
import { currencyPlaces } from '../ops/ar/decimal/currency.ts';
import { isRoundingMode, roundDec, roundScaledToString } from '../ops/ar/decimal/rounding.ts';
import { dayNumberOf } from '../ops/ar/dates/day.ts';
import { toDec } from '../ops/ar/readers.ts';
import { asBuiltin, staticParts, type OpNode, type Source } from './codegen-read.ts';
import type { Generator } from './codegen.ts';
import type { RuleNode } from './types.ts';

/*
 * Templates for money and date operations. Amounts are read as (scaled integer, scale) pairs —
 * from a prepared record's slots, from a constant converted at compile time, or by scanning a
 * plain record's string in place (scaledUnits) — and compared or multiplied without allocating.
 * Whenever a pair is unavailable (text, exponents, > 15 digits, overflow) the operation's own
 * closure runs instead and gives the exact result or the usual RuleError.
 */

const decCompare: Readonly<Record<string, string>> = {
  'dec=': '=== 0',
  'dec!=': '!== 0',
  'dec<': '< 0',
  'dec<=': '<= 0',
  'dec>': '> 0',
  'dec>=': '>= 0',
};

const decArith: Readonly<Record<string, (a: Dec, b: Dec) => Dec>> = { 'dec+': addDec, 'dec-': subDec, 'dec*': mulDec };

function roundPlaces(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 20) return v;
  return typeof v === 'string' ? (currencyPlaces(v) ?? null) : null;
}

/** A fast exact constant amount, or null. */
function constantDec(v: unknown): Dec | null {
  try {
    const d = toDec(v, '');
    return d.big === null ? d : null;
  } catch {
    return null;
  }
}

/** dec+/dec-/dec* with two arguments, or dec_round with constant places and mode. */
export function isDecValued(g: Generator, node: RuleNode): node is OpNode {
  const n = asBuiltin(node, 'dec+', 'dec-', 'dec*', 'dec_round');
  if (n === null) return false;
  if (n.name !== 'dec_round') return n.args.length === 2;
  const [, places, mode] = n.args.map((a) => g.result(a));
  return (
    places!.constant &&
    roundPlaces(places!.value) !== null &&
    (mode === undefined || (mode.constant && isRoundingMode(mode.value)))
  );
}

/** Can `a` be read as a (scaled integer, scale) pair without allocating? */
function pairable(g: Generator, a: RuleNode): boolean {
  const r = g.result(a);
  if (r.constant) return constantDec(r.value) !== null;
  if (staticParts(a) !== null) return true;
  const n = asBuiltin(a, 'if', '?:');
  if (n === null || n.args.length % 2 === 0) return false;
  return n.args.every((b, i) => (i % 2 === 0 && i !== n.args.length - 1) || (pairable(g, b) && g.result(b).constant));
}

/** Statements setting temps `u`, `e` to the pair of `a` (e = -1 when it has no fast form). */
function pair(g: Generator, a: RuleNode, u: string, e: string, out: Source): void {
  const r = g.result(a);
  if (r.constant) {
    const d = constantDec(r.value)!;
    out.push(`${u} = ${g.value(d.u)}; ${e} = ${g.value(d.e)};`);
    return;
  }
  const parts = staticParts(a);
  if (parts !== null) {
    const raw = g.temp();
    out.push(
      `if (p !== null && (s = ${g.slot(parts.join('.'), 'num')}) >= 0 && (${e} = p.nums[s + 1]) >= 0) ${u} = p.nums[s];`,
      'else {',
      [...g.plain(parts, g.value(r.fn), raw), `${u} = su(${raw}); ${e} = sc.e;`],
      '}',
    );
    return;
  }
  const n = a as OpNode;
  let block = out;
  let i = 0;
  for (; i < n.args.length - 1; i += 2) {
    const c = g.emit(n.args[i]!, block);
    const then: Source = [];
    const other: Source = [];
    pair(g, n.args[i + 1]!, u, e, then);
    block.push(`if (${g.truthy(c)}) {`, then, '} else {', other, '}');
    block = other;
  }
  pair(g, n.args[i]!, u, e, block);
}

/** Two-argument dec comparisons over pairs; null when this node is not one (or has no fast form). */
export function emitDecCompare(g: Generator, n: OpNode, out: Source): string | null {
  if (!Object.hasOwn(decCompare, n.name) || n.args.length !== 2 || asBuiltin(n, n.name) === null) return null;
  const [a, b] = n.args as [RuleNode, RuleNode];
  if (!pairable(g, a) || !pairable(g, b)) {
    // Computed amounts: Decs straight from the inner dec ops, compared exactly (no text round trip).
    const at = g.value(n.ptr);
    const x = emitDecArg(g, a, out);
    const y = emitDecArg(g, b, out);
    const t = g.bool();
    out.push(`${t} = ${g.value(compareDec)}(toDec(${x}, ${at}), toDec(${y}, ${at})) ${decCompare[n.name]};`);
    return t;
  }
  const [t, ua, ea, ub, eb, c] = [g.bool(), g.temp(), g.temp(), g.temp(), g.temp(), g.temp()];
  out.push(`${t} = undefined;`);
  pair(g, a, ua, ea, out);
  pair(g, b, ub, eb, out);
  out.push(
    `if (${ea} >= 0 && ${eb} >= 0) { ${c} = cmpS(${ua}, ${ea}, ${ub}, ${eb}); if (${c} === ${c}) ${t} = ${c} ${decCompare[n.name]}; }`,
  );
  out.push(`if (${t} === undefined) ${t} = ${g.value(g.result(n).fn)}(d, ${RT});`);
  return t;
}

/** A dec-valued node as its string result: fused multiply-and-round when possible, else a Dec inline. */
export function emitDecValued(g: Generator, n: OpNode, out: Source): string {
  if (n.name === 'dec_round') {
    const fused = emitMulRound(g, n, out);
    if (fused !== null) return fused;
  }
  const x = emitDecValue(g, n, out);
  const t = g.temp();
  out.push(`${t} = ${x}.toString();`);
  return t;
}

/** dec_round(dec*(x, y), places, mode) on scaled integers, formatted directly; null when not applicable. */
function emitMulRound(g: Generator, n: OpNode, out: Source): string | null {
  const inner = asBuiltin(n.args[0]!, 'dec*');
  if (inner === null || inner.args.length !== 2 || g.result(inner).constant) return null;
  if (!pairable(g, inner.args[0]!) || !pairable(g, inner.args[1]!)) return null;
  const places = roundPlaces(g.result(n.args[1]!).value);
  const mode = n.args[2] === undefined ? 'half_up' : g.result(n.args[2]).value;
  const [ua, ea, ub, eb, pr, t] = [g.temp(), g.temp(), g.temp(), g.temp(), g.temp(), g.temp()];
  out.push(`${t} = undefined;`);
  pair(g, inner.args[0]!, ua, ea, out);
  pair(g, inner.args[1]!, ub, eb, out);
  out.push(`if (${ea} >= 0 && ${eb} >= 0 && ${ea} + ${eb} <= 15) { ${pr} = ${ua} * ${ub};`);
  out.push(
    `  if (${pr} < 9007199254740992 && ${pr} > -9007199254740992) ${t} = ${g.value(roundScaledToString)}(${pr}, ${ea} + ${eb}, ${g.value(places)}, ${g.value(mode)}); }`,
  );
  out.push(`if (${t} === undefined) ${t} = ${g.value(g.result(n).fn)}(d, ${RT});`);
  return t;
}

/** Expression of the Dec result of a dec-valued node (arguments converted after all are evaluated, as the op does). */
function emitDecValue(g: Generator, n: OpNode, out: Source): string {
  const at = g.value(n.ptr);
  const t = g.temp();
  if (n.name === 'dec_round') {
    const x = emitDecArg(g, n.args[0]!, out);
    const places = roundPlaces(g.result(n.args[1]!).value);
    const mode = n.args[2] === undefined ? 'half_up' : g.result(n.args[2]).value;
    out.push(`${t} = ${g.value(roundDec)}(toDec(${x}, ${at}), ${g.value(places)}, ${g.value(mode)});`);
    return t;
  }
  const a = emitDecArg(g, n.args[0]!, out);
  const b = emitDecArg(g, n.args[1]!, out);
  out.push(`${t} = ${g.value(decArith[n.name])}(toDec(${a}, ${at}), toDec(${b}, ${at}));`);
  return t;
}

/** Expression of an argument of a dec op: a Dec when known fast, else the raw value (converted by the op). */
function emitDecArg(g: Generator, a: RuleNode, out: Source): string {
  const r = g.result(a);
  if (r.constant) return g.value(constantDec(r.value) ?? r.value);
  if (isDecValued(g, a)) return emitDecValue(g, a, out);
  const parts = staticParts(a);
  if (parts !== null) {
    const t = g.temp();
    out.push(
      `if (p !== null && (s = ${g.slot(parts.join('.'), 'num')}) >= 0 && p.nums[s + 1] >= 0) ${t} = new Dec(p.nums[s], p.nums[s + 1]);`,
      'else {',
      g.plain(parts, g.value(r.fn), t),
      '}',
    );
    return t;
  }
  const choice = asBuiltin(a, 'if', '?:');
  if (choice !== null) {
    // Literal results are converted once, at compile time.
    return g.emitIf(choice, out, (b, into) => (b.k === 'lit' ? emitDecArg(g, b, into) : g.emit(b, into)));
  }
  return g.emit(a, out);
}

/** Statements setting `t` to the day number of `a` (NaN when it has no fast form). */
function day(g: Generator, a: RuleNode, t: string, out: Source): boolean {
  const r = g.result(a);
  if (r.constant) {
    out.push(`${t} = ${g.value(dayNumberOf(r.value))};`);
    return true;
  }
  const parts = staticParts(a);
  if (parts === null) return false;
  const raw = g.temp();
  out.push(
    `if (p === null || (s = ${g.slot(parts.join('.'), 'num')}) < 0 || (${t} = p.nums[s]) !== ${t}) {`,
    [...g.plain(parts, g.value(r.fn), raw), `${t} = dn(${raw});`],
    '}',
  );
  return true;
}

/** days_between of vars or constant dates as a difference of day numbers; the closure otherwise. */
export function emitDaysBetween(g: Generator, n: OpNode, out: Source): string {
  if (n.args.length !== 2) return g.closure(n, out);
  const [da, db, t] = [g.temp(), g.temp(), g.temp()];
  const body: Source = [];
  if (!day(g, n.args[0]!, da, body) || !day(g, n.args[1]!, db, body)) return g.closure(n, out);
  out.push(...body, `${t} = ${db} - ${da};`, `if (${t} !== ${t}) ${t} = ${g.value(g.result(n).fn)}(d, ${RT});`);
  return t;
}
