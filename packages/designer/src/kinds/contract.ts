import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { FieldError } from '../api/problem.ts';
import type { DefinitionKindInfo } from '../api/types.ts';

/** What every kind editor receives from the definition frame (draft autosave, publish and history live there). */
export interface KindEditorProps<Doc = unknown> {
  kind: DefinitionKindInfo;
  defKey: string;
  doc: Doc;
  /** Replace the working document (autosaved; kept in the browser until the server accepts it). */
  setDoc: (doc: Doc) => void;
  /** The server's problems with the document, pointers relative to the document. */
  errors: readonly FieldError[];
  readOnly: boolean;
}

/**
 * A kind editor: one folder under src/kinds/<kind>/ whose index.ts default-exports this. The registry
 * finds it by glob; the editor component is lazy so the first page loads none of them.
 */
export interface KindEditorSpec<Doc = unknown> {
  kind: string;
  icon?: ReactNode;
  /** The document a new definition starts from. */
  newDocument(): Doc;
  /** A one-line summary for the list (e.g. "customer · 4 fields"). */
  summary?(doc: Doc): string;
  Editor: LazyExoticComponent<ComponentType<KindEditorProps<Doc>>>;
}

export const defineKindEditor = <Doc>(spec: KindEditorSpec<Doc>): KindEditorSpec<Doc> => Object.freeze(spec);
