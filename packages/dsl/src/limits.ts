/** Resource limits applied to every rule document and every evaluation. */
export interface Limits {
  /** Maximum nesting depth of a rule document (operations, arrays and literal objects). */
  maxDepth: number;
  /** Maximum number of nodes (operations, literals) in a rule document. */
  maxNodes: number;
  /** Maximum length of a string literal or of a string an operation builds. */
  maxStringLength: number;
  /** Maximum total loop iterations (map, filter, reduce, all, some, none, business-day walks) per evaluation. */
  maxIterations: number;
  /** Maximum length of an array an operation builds (merge, map, extract_refs). */
  maxArrayLength: number;
  /** Maximum length of a regular expression pattern. */
  maxPatternLength: number;
}

export const defaultLimits: Readonly<Limits> = Object.freeze({
  maxDepth: 64,
  maxNodes: 10_000,
  maxStringLength: 100_000,
  maxIterations: 100_000,
  maxArrayLength: 100_000,
  maxPatternLength: 1_000,
});

export function resolveLimits(partial?: Partial<Limits>): Readonly<Limits> {
  if (!partial) return defaultLimits;
  const out: Limits = { ...defaultLimits };
  for (const key of Object.keys(defaultLimits) as (keyof Limits)[]) {
    const v = partial[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[key] = Math.floor(v);
  }
  return Object.freeze(out);
}
