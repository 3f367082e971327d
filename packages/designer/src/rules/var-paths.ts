import type { JsonSchema } from '../api/types.ts';

export interface VarPath {
  path: string;
  /** decimal, date, string, integer, number, boolean, object, array */
  type: string;
  description?: string;
}

const typeOf = (s: JsonSchema): string => {
  if (s.format === 'decimal') return 'decimal';
  if (s.format === 'date') return 'date';
  const t = Array.isArray(s.type) ? s.type.filter((x) => x !== 'null') : s.type ? [s.type] : [];
  return t.length === 1 ? t[0]! : t.length ? t.join(' | ') : 'any';
};

/**
 * Every `var` path a data schema offers, depth-first (objects and their fields; array items as `.0`
 * are not listed, the array itself is). Bounded depth so recursive or huge schemas stay cheap.
 */
export function varPaths(schema: JsonSchema, prefix = '', depth = 0, out: VarPath[] = []): VarPath[] {
  if (depth > 6 || out.length > 2000) return out;
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const type = typeOf(child);
    out.push({ path, type, ...(child.description ? { description: child.description } : {}) });
    if (child.properties) varPaths(child, path, depth + 1, out);
  }
  return out;
}

/** The sample value at a path of a data document (for hover and the variables pane). */
export function valueAt(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
