/** Names that are never read from data, even when present as own properties. */
const forbidden = new Set(['__proto__', 'constructor', 'prototype']);

function isIndex(key: string, length: number): number {
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < length && String(n) === key ? n : -1;
}

/** True for names never read from data. */
export function isForbiddenKey(key: string): boolean {
  return forbidden.has(key);
}

/** getOwn for a key already checked with isForbiddenKey at compile time. */
export function getOwnAllowed(obj: unknown, key: string): unknown {
  if (typeof obj === 'object' && obj !== null) {
    if (Array.isArray(obj)) {
      if (key === 'length') return obj.length;
      const i = isIndex(key, obj.length);
      return i < 0 ? undefined : (obj[i] as unknown);
    }
    if (!Object.hasOwn(obj, key)) return undefined;
    const v = (obj as Record<string, unknown>)[key];
    return typeof v === 'function' ? undefined : v;
  }
  if (typeof obj === 'string') {
    if (key === 'length') return obj.length;
    const i = isIndex(key, obj.length);
    return i < 0 ? undefined : obj[i];
  }
  return undefined;
}

/**
 * Read one own data property. Returns `undefined` when absent, inherited, forbidden or a function.
 * Arrays and strings also expose `length` and their indexes.
 */
export function getOwn(obj: unknown, key: string): unknown {
  if (typeof obj === 'object' && obj !== null) {
    if (Array.isArray(obj)) {
      if (key === 'length') return obj.length;
      const i = isIndex(key, obj.length);
      return i < 0 ? undefined : (obj[i] as unknown);
    }
    if (forbidden.has(key) || !Object.hasOwn(obj, key)) return undefined;
    const v = (obj as Record<string, unknown>)[key];
    return typeof v === 'function' ? undefined : v;
  }
  if (typeof obj === 'string') {
    if (key === 'length') return obj.length;
    const i = isIndex(key, obj.length);
    return i < 0 ? undefined : obj[i];
  }
  return undefined;
}

/** Split a `var` path the way json-logic-js does (`String(path).split('.')`). */
export function splitPath(path: unknown): string[] | null {
  if (path === undefined || path === null || path === '') return null;
  let text: string;
  try {
    text = String(path);
  } catch {
    text = '[object Object]'; // objects without a prototype have no toString
  }
  return text.split('.');
}

/** json-logic-js `var` semantics with own-property reads only. `parts === null` means the whole scope. */
export function readPath(data: unknown, parts: readonly string[] | null, notFound: unknown): unknown {
  if (parts === null) return data;
  let cur = data;
  for (let i = 0; i < parts.length; i++) {
    if (cur === null || cur === undefined) return notFound;
    cur = getOwn(cur, parts[i] as string);
    if (cur === undefined) return notFound;
  }
  return cur;
}
