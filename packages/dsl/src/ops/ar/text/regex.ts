import { RE2JS } from 're2js';
import type { RuntimeContext } from '../../../engine/runtime.ts';
import { RuleError } from '../../../errors.ts';

const flagBits: Readonly<Record<string, number>> = { i: RE2JS.CASE_INSENSITIVE, s: RE2JS.DOTALL, m: RE2JS.MULTILINE };
const MAX_CACHED = 1000;

/** Compile an analyst's pattern with RE2 (linear time, no backtracking); cached per engine. */
export function re2For(rt: RuntimeContext, pattern: unknown, flags: unknown, at: string): RE2JS {
  if (typeof pattern !== 'string') throw new RuleError('type', at, 'expected a regular expression pattern string');
  const f = flags === undefined || flags === null ? '' : flags;
  if (typeof f !== 'string' || ![...f].every((c) => Object.hasOwn(flagBits, c))) {
    throw new RuleError('invalid_argument', at, `unknown regex flags ${JSON.stringify(f)}; use any of "i", "s", "m"`);
  }
  if (pattern.length > rt.limits.maxPatternLength) {
    throw new RuleError(
      'limit_string',
      at,
      `pattern of ${pattern.length} characters exceeds maxPatternLength ${rt.limits.maxPatternLength}`,
    );
  }
  const key = `${f}/${pattern}`;
  const cache = rt.caches.regex;
  const hit = cache.get(key) as RE2JS | undefined;
  if (hit !== undefined) return hit;
  let bits = 0;
  for (const c of f) bits |= flagBits[c] as number;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, bits);
  } catch (e) {
    throw new RuleError('invalid_regex', at, `invalid regular expression: ${(e as Error).message}`);
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, re);
  return re;
}
