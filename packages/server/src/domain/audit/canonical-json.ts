/**
 * JSON with object keys sorted at every level, so a value hashes the same after a JSONB round trip.
 * Iterative (an explicit stack, no recursion): whatever depth is stored, verification can always hash it.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // each item is a value still to write, or a literal piece of punctuation
  const todo: ({ v: unknown } | string)[] = [{ v: value }];
  while (todo.length) {
    const item = todo.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const v = item.v;
    if (v === null || v === undefined) out.push('null');
    else if (Array.isArray(v)) {
      todo.push(']');
      for (let i = v.length - 1; i >= 0; i--) {
        todo.push({ v: v[i] });
        if (i > 0) todo.push(',');
      }
      out.push('[');
    } else if (v instanceof Date) out.push(JSON.stringify(v.toISOString()));
    else if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      todo.push('}');
      for (let i = keys.length - 1; i >= 0; i--) {
        todo.push({ v: o[keys[i]!] });
        todo.push(`${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`);
      }
      out.push('{');
    } else out.push(JSON.stringify(v));
  }
  return out.join('');
}
