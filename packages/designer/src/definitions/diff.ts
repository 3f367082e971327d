import type { DiffEntry } from '../api/types.ts';

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A structural diff of two JSON documents by pointer (objects by key, arrays by index), as the server's. */
export function diffJson(a: unknown, b: unknown, pointer = ''): DiffEntry[] {
  if (isObj(a) && isObj(b)) {
    const out: DiffEntry[] = [];
    for (const k of Object.keys(a))
      out.push(
        ...(k in b
          ? diffJson(a[k], b[k], `${pointer}/${esc(k)}`)
          : [{ op: 'remove' as const, pointer: `${pointer}/${esc(k)}`, from: a[k] }]),
      );
    for (const k of Object.keys(b)) if (!(k in a)) out.push({ op: 'add', pointer: `${pointer}/${esc(k)}`, to: b[k] });
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: DiffEntry[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= b.length) out.push({ op: 'remove', pointer: `${pointer}/${i}`, from: a[i] });
      else if (i >= a.length) out.push({ op: 'add', pointer: `${pointer}/${i}`, to: b[i] });
      else out.push(...diffJson(a[i], b[i], `${pointer}/${i}`));
    }
    return out;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ op: 'replace', pointer: pointer || '/', from: a, to: b }];
}

/** Stable pretty JSON for the text views and the side-by-side diff. */
export const pretty = (doc: unknown) => JSON.stringify(doc, null, 2);

/** A short one-line rendering of a changed value for the change list. */
export function preview(v: unknown, max = 80): string {
  const s = v === undefined ? '' : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
