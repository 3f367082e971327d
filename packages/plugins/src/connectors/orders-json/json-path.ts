import { MappingError } from '../xml-dom/index.ts';
import { InputError } from '@hexiao/plugins/sdk';

const forbidden = new Set(['__proto__', 'constructor', 'prototype']);
const cache = new Map<string, (string | number)[]>();

function steps(path: string): (string | number)[] {
  let s = cache.get(path);
  if (s) return s;
  s = [];
  const p = path.replace(/^\$\.?/, '');
  for (const part of p.split('.').filter(Boolean)) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new InputError(`invalid path "${path}"`);
    if (m[1]) s.push(m[1]);
    for (const i of m[2]!.matchAll(/\[(\d+)\]/g)) s.push(Number(i[1]));
  }
  for (const k of s) if (typeof k === 'string' && forbidden.has(k)) throw new InputError(`path "${path}" uses "${k}"`);
  cache.set(path, s);
  return s;
}

/** Own-property lookup by a dot path (no prototype access). */
export function getPath(value: unknown, path: string | undefined): unknown {
  if (path === undefined) return undefined;
  let cur: unknown = value;
  for (const k of steps(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** A scalar as text: strings trimmed, numbers only when their decimal form is exact (≤ 15 significant digits). */
export function scalarText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') {
    const s = String(value);
    if (!Number.isFinite(value) || /e/i.test(s) || s.replace(/^-|\./g, '').replace(/^0+/, '').length > 15)
      throw new MappingError(field, `number ${s} cannot be read exactly; send it as a string`);
    return s;
  }
  if (typeof value === 'boolean') return String(value);
  throw new MappingError(field, `expected a text or number, got ${Array.isArray(value) ? 'an array' : 'an object'}`);
}
