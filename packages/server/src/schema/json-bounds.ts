import type { FieldError } from '../domain/errors.ts';

/**
 * How deep any JSON input may nest: above the rules language's own limit (64) so that every legal rule fits
 * inside a document, far below what recursive code (canonical JSON, schema compilers, scope parsers) survives.
 */
export const maxJsonDepth = 128;

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Why a text cannot be stored: PostgreSQL refuses NUL in text and JSON, and a lone surrogate is not Unicode. */
export function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (loneSurrogate.test(s)) return 'contains a lone surrogate (not valid Unicode)';
  return undefined;
}

/**
 * The first reason a parsed JSON value cannot be accepted, with its JSON pointer under `base`: nesting
 * beyond `maxDepth` (pointing at the first value beyond it), or a string or key holding NUL or a lone
 * surrogate. Iterative, so no input can exhaust the stack.
 */
export function jsonInputProblem(value: unknown, base = '', maxDepth = maxJsonDepth): FieldError | undefined {
  const stack: { v: unknown; pointer: string; depth: number }[] = [{ v: value, pointer: base, depth: 0 }];
  while (stack.length) {
    const { v, pointer, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const reason = textProblem(v);
      if (reason) return { pointer: pointer || '/', reason };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth)
      return { pointer: pointer || '/', reason: `nests deeper than ${maxDepth} levels of arrays and objects` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], pointer: `${pointer}/${i}`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const reason = textProblem(k);
      if (reason) return { pointer: `${pointer}/${escape(k)}`, reason: `has a key that ${reason}` };
      stack.push({ v: (v as Record<string, unknown>)[k], pointer: `${pointer}/${escape(k)}`, depth: depth + 1 });
    }
  }
  return undefined;
}
