/*
 * Source templates that read a root-scope `var` path from plain data in generated code.
 *
 * A level is read only when it is an own property: `key in obj` (a map check once the site is
 * warm) proves the key exists somewhere on the chain, and `Object.getPrototypeOf(obj) ===
 * Object.prototype` with `!(key in Object.prototype)` proves it is not inherited — together the
 * same answer as `Object.hasOwn`, at a fraction of its cost. Anything else (arrays, strings,
 * other prototypes, a key that Object.prototype has or has been polluted with) runs the var's
 * own closure, which reads through `getOwn`. A key that is absent is `null` without any read.
 * Keys are passed in the values array and never appear in the source.
 */

import { runtimeSource as RT } from './compiled-rule.ts';
import { builtinOps } from '../ops/index.ts';
import { isForbiddenKey, splitPath } from './path.ts';
import type { OpDescriptor, RuleNode } from './types.ts';

const builtins = new Map<string, OpDescriptor>(builtinOps().map((o) => [o.name, o]));

export type OpNode = Extract<RuleNode, { k: 'op' }>;

/** `n` when it is the built-in operation of one of these names (by descriptor: a replaced op never gets a template). */
export function asBuiltin(n: RuleNode, ...names: string[]): OpNode | null {
  return n.k === 'op' && names.includes(n.name) && n.op === builtins.get(n.name) ? n : null;
}

/** The parts of a root-scope `{"var": "a.b"}` (one constant path, nothing forbidden), else null. */
export function staticParts(n: RuleNode): string[] | null {
  const v = asBuiltin(n, 'var');
  if (v === null || v.args.length !== 1) return null;
  const a = v.args[0]!;
  if (a.k !== 'lit' || (typeof a.value !== 'string' && typeof a.value !== 'number')) return null;
  const parts = splitPath(a.value);
  return parts === null || parts.some(isForbiddenKey) ? null : parts;
}

/** Lines of generated source; a nested array is an indented block. */
export type Source = Array<string | Source>;

/** What the read template needs from the generator. */
export interface ReadContext {
  /** Reference to a value passed to the generated function (`vN`). */
  value(x: unknown): string;
}

/**
 * One level of an own-property read of `k` from `t`. `NA` (an unusual shape: the var's closure
 * will read it) passes through; null and undefined read as null; a key that is not there is null.
 */
function level(t: string, k: string): string {
  return (
    `if (typeof ${t} === 'object' && ${t} !== null && ${t} !== NA) ` +
    `${t} = ${k} in ${t} ? (gp(${t}) === OP && !(${k} in OP) ? ${t}[${k}] : NA) : null; ` +
    `else if (${t} !== NA && ${t} !== null) ${t} = ${t} === undefined ? null : NA;`
  );
}

/**
 * Statements reading `parts` from `d` into `t` (null when absent, never a function); `fallback`
 * is the expression of the var's closure, called with the data and the runtime for unusual shapes.
 * `prefix`, when given, holds the first level already read (or `NA`).
 */
export function plainRead(
  g: ReadContext,
  parts: readonly string[],
  fallback: string,
  t: string,
  prefix?: string,
): Source {
  const lines: Source = [`${t} = ${prefix ?? 'd'};`];
  for (let i = prefix === undefined ? 0 : 1; i < parts.length; i++) lines.push(level(t, g.value(parts[i])));
  lines.push(`if (${t} === NA) ${t} = ${fallback}(d, ${RT});`);
  lines.push(`else if (${t} === undefined || typeof ${t} === 'function') ${t} = null;`);
  return lines;
}

/** Statements reading the first level `key` of `d` into `h` once per evaluation (`NA` when unusual). */
export function prefixRead(g: ReadContext, key: string, h: string): Source {
  return [`${h} = d;`, level(h, g.value(key))];
}
