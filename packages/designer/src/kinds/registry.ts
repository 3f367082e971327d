import type { KindEditorSpec } from './contract.ts';
import generic from './generic/index.ts';

// Every folder with an index.ts is a kind editor: adding one is adding a folder (no list to edit).
const modules = import.meta.glob<{ default: KindEditorSpec<never> }>('./*/index.ts', { eager: true });

const editors = new Map<string, KindEditorSpec<unknown>>();
for (const m of Object.values(modules)) {
  const spec = m.default as unknown as KindEditorSpec<unknown>;
  if (spec.kind !== '*') editors.set(spec.kind, spec);
}

/** The editor of a kind; kinds without their own folder get the JSON editor checked by their meta-schema. */
export function kindEditor(kind: string): KindEditorSpec<unknown> {
  return editors.get(kind) ?? (generic as unknown as KindEditorSpec<unknown>);
}

export const hasOwnEditor = (kind: string) => editors.has(kind);
