import type { FieldError } from '../errors.ts';
import type { DefinitionRow } from '../../store/repos/definitions.ts';

/** A definition version as the API and other contexts see it. */
export interface DefinitionVersion<Doc = unknown> {
  id: string;
  kind: string;
  key: string;
  version: number;
  status: 'draft' | 'published' | 'archived';
  title: string | null;
  document: Doc;
  contentHash: string;
  basedOn: number | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  archivedAt: string | null;
  /** When just published: what the kind's publish check found that does not refuse it. */
  warnings?: FieldError[];
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

export const toVersion = <Doc>(r: DefinitionRow): DefinitionVersion<Doc> => ({
  id: r.id,
  kind: r.kind,
  key: r.key,
  version: r.version,
  status: r.status as DefinitionVersion['status'],
  title: r.title,
  document: r.document as Doc,
  contentHash: r.contentHash,
  basedOn: r.basedOn,
  note: r.note,
  createdBy: r.createdBy,
  createdAt: iso(r.createdAt)!,
  publishedBy: r.publishedBy,
  publishedAt: iso(r.publishedAt),
  archivedAt: iso(r.archivedAt),
});

/** What decisions record: "this was decided by rule-set match v3 (sha…)". */
export const versionRef = (d: DefinitionVersion) => ({
  kind: d.kind,
  key: d.key,
  version: d.version,
  contentHash: d.contentHash,
});
