/** One change between two JSON documents, addressed by JSON pointer. */
export interface DiffEntry {
  op: 'add' | 'remove' | 'replace';
  pointer: string;
  from?: unknown;
  to?: unknown;
}

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A structural diff: objects by key, arrays by index, everything else by value. */
export function diffDocuments(a: unknown, b: unknown, pointer = ''): DiffEntry[] {
  if (isObject(a) && isObject(b)) {
    const out: DiffEntry[] = [];
    for (const k of Object.keys(a).sort()) {
      if (!(k in b)) out.push({ op: 'remove', pointer: `${pointer}/${esc(k)}`, from: a[k] });
      else out.push(...diffDocuments(a[k], b[k], `${pointer}/${esc(k)}`));
    }
    for (const k of Object.keys(b).sort())
      if (!(k in a)) out.push({ op: 'add', pointer: `${pointer}/${esc(k)}`, to: b[k] });
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: DiffEntry[] = [];
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= b.length) out.push({ op: 'remove', pointer: `${pointer}/${i}`, from: a[i] });
      else if (i >= a.length) out.push({ op: 'add', pointer: `${pointer}/${i}`, to: b[i] });
      else out.push(...diffDocuments(a[i], b[i], `${pointer}/${i}`));
    }
    return out;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ op: 'replace', pointer: pointer || '/', from: a, to: b }];
}
