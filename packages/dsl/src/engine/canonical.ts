import { RuleError } from '../errors.ts';

/**
 * Canonical JSON text of a rule (object keys sorted), depth-bounded so that hostile
 * documents cannot overflow the stack. Non-JSON values are written as a marker; parse reports them.
 */
export function canonicalJson(v: unknown, maxDepth: number): string {
  const out: string[] = [];
  const walk = (x: unknown, depth: number): void => {
    if (depth > maxDepth) throw new RuleError('limit_depth', '', `rule nested deeper than maxDepth ${maxDepth}`);
    if (x === null || typeof x === 'boolean' || typeof x === 'string') out.push(JSON.stringify(x));
    else if (typeof x === 'number')
      out.push(Object.is(x, -0) ? '-0' : Number.isFinite(x) ? JSON.stringify(x) : `#${String(x)}`);
    else if (Array.isArray(x)) {
      out.push('[');
      for (let i = 0; i < x.length; i++) {
        if (i > 0) out.push(',');
        walk(x[i], depth + 1);
      }
      out.push(']');
    } else if (typeof x === 'object') {
      const keys = Object.keys(x).sort();
      out.push('{');
      keys.forEach((k, i) => {
        if (i > 0) out.push(',');
        out.push(JSON.stringify(k), ':');
        walk((x as Record<string, unknown>)[k], depth + 1);
      });
      out.push('}');
    } else out.push(`#${typeof x}`);
  };
  walk(v, 0);
  return out.join('');
}

/** Content hash of a canonical rule text: two 32-bit FNV-1a lanes with different offsets, as 16 hex digits. */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
