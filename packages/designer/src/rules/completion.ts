import { getLocation } from 'jsonc-parser';
import type { VarPath } from './var-paths.ts';

export interface VarCompletion {
  label: string;
  detail: string;
  documentation?: string;
  /** Text offsets replaced by the completion (the string's content, without quotes). */
  replace: { start: number; end: number };
}

/** Where the cursor is, when it is inside the string of a `{"var": "…"}` (or `{"var": ["…", default]}`). */
export function varStringAt(text: string, offset: number): { start: number; end: number; typed: string } | undefined {
  const loc = getLocation(text, offset);
  const p = loc.path;
  const inVar =
    (p[p.length - 1] === 'var' && !loc.isAtPropertyKey) || (p[p.length - 2] === 'var' && p[p.length - 1] === 0);
  if (!inVar) return undefined;
  const node = loc.previousNode;
  if (node && node.type === 'string' && offset > node.offset && offset <= node.offset + node.length) {
    const start = node.offset + 1;
    const end = node.offset + node.length - (text[node.offset + node.length - 1] === '"' ? 1 : 0);
    return { start, end: Math.max(start, end), typed: text.slice(start, offset) };
  }
  return undefined;
}

/** Completions of var paths at a cursor, most specific first: paths that start with what was typed. */
export function varCompletions(text: string, offset: number, paths: readonly VarPath[]): VarCompletion[] {
  const at = varStringAt(text, offset);
  if (!at) return [];
  const typed = at.typed.toLowerCase();
  return paths
    .filter((p) => !typed || p.path.toLowerCase().includes(typed))
    .sort((a, b) => Number(!a.path.toLowerCase().startsWith(typed)) - Number(!b.path.toLowerCase().startsWith(typed)))
    .map((p) => ({
      label: p.path,
      detail: p.type,
      ...(p.description ? { documentation: p.description } : {}),
      replace: { start: at.start, end: at.end },
    }));
}

/** The var path under the cursor, for hover docs. */
export function varHoverAt(text: string, offset: number, paths: readonly VarPath[]): VarPath | undefined {
  const at = varStringAt(text, offset);
  if (!at) return undefined;
  const full = text.slice(at.start, at.end);
  return paths.find((p) => p.path === full);
}
