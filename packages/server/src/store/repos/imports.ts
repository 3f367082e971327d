import { and, desc, eq, lt } from 'drizzle-orm';
import { sql, rows, type Executor } from '../db.ts';
import { pgArray } from './imports-bulk.ts';
import { importFiles, imports } from '../schema/index.ts';

export type ImportRow = typeof imports.$inferSelect;

/** Records a kept file once per content (sha-256); returns its id. */
export async function keepFile(
  tx: Executor,
  tenantId: string,
  f: { id: string; sha256: string; size: number; name: string; storedPath: string | null },
): Promise<string> {
  await tx
    .insert(importFiles)
    .values({ tenantId, ...f })
    .onConflictDoNothing();
  const [r] = await tx
    .select({ id: importFiles.id })
    .from(importFiles)
    .where(and(eq(importFiles.tenantId, tenantId), eq(importFiles.sha256, f.sha256)));
  return r!.id;
}

export async function insertImport(tx: Executor, row: typeof imports.$inferInsert): Promise<void> {
  await tx.insert(imports).values(row);
}

export async function getImport(db: Executor, tenantId: string, id: string): Promise<ImportRow | undefined> {
  const [r] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.tenantId, tenantId), eq(imports.id, id)));
  return r;
}

export async function listImports(
  db: Executor,
  tenantId: string,
  limit: number,
  before?: string,
): Promise<ImportRow[]> {
  return db
    .select()
    .from(imports)
    .where(and(eq(imports.tenantId, tenantId), before ? lt(imports.finishedAt, before) : undefined))
    .orderBy(desc(imports.finishedAt))
    .limit(limit);
}

/** Source keys of `type` among `keys` that already became documents. */
export async function existingSourceKeys(
  tx: Executor,
  tenantId: string,
  sourceType: string,
  keys: string[],
): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const r = await rows<{ source_key: string }>(
    tx,
    sql`SELECT source_key FROM import_documents WHERE tenant_id = ${tenantId} AND source_type = ${sourceType} AND source_key = ANY(${pgArray(keys)}::text[])`,
  );
  return new Set(r.map((x) => x.source_key));
}

export interface ImportDocumentLink {
  sourceType: string;
  sourceKey: string;
  role: string;
  documentId: string;
  fileId: string;
  position: unknown;
}

/** Links imported records to the documents they became (one multi-row insert). */
export async function linkDocuments(
  tx: Executor,
  tenantId: string,
  importId: string,
  links: ImportDocumentLink[],
): Promise<void> {
  for (let i = 0; i < links.length; i += 5000) {
    const part = links.slice(i, i + 5000);
    await tx.execute(sql`INSERT INTO import_documents (tenant_id, import_id, source_type, source_key, role, document_id, file_id, position)
      SELECT ${tenantId}::uuid, ${importId}::uuid, * FROM unnest(${pgArray(part.map((l) => l.sourceType))}::text[], ${pgArray(part.map((l) => l.sourceKey))}::text[],
        ${pgArray(part.map((l) => l.role))}::text[], ${pgArray(part.map((l) => l.documentId))}::uuid[], ${pgArray(part.map((l) => l.fileId))}::uuid[], ${pgArray(part.map((l) => JSON.stringify(l.position)))}::jsonb[])`);
  }
}

/** The tenant's own tax ids (settings `taxIds` or `taxId`): invoices must be issued by one of them. */
export async function tenantTaxIds(db: Executor, tenantId: string): Promise<string[]> {
  const r = await rows<{ settings: { taxIds?: string[]; taxId?: string } | null }>(
    db,
    sql`SELECT settings FROM tenants WHERE tenant_id = ${tenantId}`,
  );
  const s = r[0]?.settings ?? {};
  return [...(Array.isArray(s.taxIds) ? s.taxIds : []), ...(typeof s.taxId === 'string' ? [s.taxId] : [])];
}

/** Customers matching any of the identifiers (normalised tax id, Peppol endpoint id, GLN, code), in one query. */
export async function findCustomersByIds(
  tx: Executor,
  tenantId: string,
  ids: { taxIds: string[]; peppolIds: string[]; glns: string[]; codes: string[] },
) {
  return rows<{ id: string; code: string; tax: string | null; peppol_id: string | null; gln: string | null }>(
    tx,
    sql`SELECT id, code, regexp_replace(upper(tax_id), '[\s.-]', '', 'g') AS tax, peppol_id, gln FROM customers
        WHERE tenant_id = ${tenantId} AND status <> 'archived' AND (
          regexp_replace(upper(tax_id), '[\s.-]', '', 'g') = ANY(${pgArray(ids.taxIds)}::text[]) OR peppol_id = ANY(${pgArray(ids.peppolIds)}::text[])
          OR gln = ANY(${pgArray(ids.glns)}::text[]) OR code = ANY(${pgArray(ids.codes)}::text[]))
        ORDER BY created_at`,
  );
}
