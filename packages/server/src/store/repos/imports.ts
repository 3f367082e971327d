import { and, desc, eq, lt } from 'drizzle-orm';
import { sql, rows, type Executor } from '../db.ts';
import { pgArray } from './imports-bulk.ts';
import { importFiles, imports } from '../schema/index.ts';

export type ImportRow = typeof imports.$inferSelect;

/** Records a kept file once per content (sha-256); returns its id. */
export async function keepFile(tx: Executor, tenantId: string, f: { id: string; sha256: string; size: number; name: string; storedPath: string | null }): Promise<string> {
  await tx.insert(importFiles).values({ tenantId, ...f }).onConflictDoNothing();
  const [r] = await tx.select({ id: importFiles.id }).from(importFiles).where(and(eq(importFiles.tenantId, tenantId), eq(importFiles.sha256, f.sha256)));
  return r!.id;
}

export async function insertImport(tx: Executor, row: typeof imports.$inferInsert): Promise<void> {
  await tx.insert(imports).values(row);
}

export async function getImport(db: Executor, tenantId: string, id: string): Promise<ImportRow | undefined> {
  const [r] = await db.select().from(imports).where(and(eq(imports.tenantId, tenantId), eq(imports.id, id)));
  return r;
}

export async function listImports(db: Executor, tenantId: string, limit: number, before?: string): Promise<ImportRow[]> {
  return db
    .select()
    .from(imports)
    .where(and(eq(imports.tenantId, tenantId), before ? lt(imports.finishedAt, before) : undefined))
    .orderBy(desc(imports.finishedAt))
    .limit(limit);
}

/** Source keys of `type` among `keys` that already became documents. */
export async function existingSourceKeys(tx: Executor, tenantId: string, sourceType: string, keys: string[]): Promise<Set<string>> {
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
export async function linkDocuments(tx: Executor, tenantId: string, importId: string, links: ImportDocumentLink[]): Promise<void> {
  for (let i = 0; i < links.length; i += 5000) {
    const part = links.slice(i, i + 5000);
    await tx.execute(sql`INSERT INTO import_documents (tenant_id, import_id, source_type, source_key, role, document_id, file_id, position)
      SELECT ${tenantId}::uuid, ${importId}::uuid, * FROM unnest(${pgArray(part.map((l) => l.sourceType))}::text[], ${pgArray(part.map((l) => l.sourceKey))}::text[],
        ${pgArray(part.map((l) => l.role))}::text[], ${pgArray(part.map((l) => l.documentId))}::uuid[], ${pgArray(part.map((l) => l.fileId))}::uuid[], ${pgArray(part.map((l) => JSON.stringify(l.position)))}::jsonb[])`);
  }
}

/** Customers found by any of the given identifiers (tax id, Peppol endpoint id, GLN). */
export async function findCustomerByIds(tx: Executor, tenantId: string, ids: { taxId?: string; peppolId?: string; gln?: string; code?: string }): Promise<string | undefined> {
  const r = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM customers WHERE tenant_id = ${tenantId} AND status <> 'archived' AND (
      (${ids.taxId ?? null}::text IS NOT NULL AND regexp_replace(upper(tax_id), '[\s.-]', '', 'g') = ${ids.taxId ?? null})
      OR (${ids.peppolId ?? null}::text IS NOT NULL AND peppol_id = ${ids.peppolId ?? null})
      OR (${ids.gln ?? null}::text IS NOT NULL AND gln = ${ids.gln ?? null})
      OR (${ids.code ?? null}::text IS NOT NULL AND code = ${ids.code ?? null})) ORDER BY created_at LIMIT 1`,
  );
  return r[0]?.id;
}

/** The tenant's own tax ids (settings `taxIds` or `taxId`): invoices must be issued by one of them. */
export async function tenantTaxIds(db: Executor, tenantId: string): Promise<string[]> {
  const r = await rows<{ settings: { taxIds?: string[]; taxId?: string } | null }>(db, sql`SELECT settings FROM tenants WHERE tenant_id = ${tenantId}`);
  const s = r[0]?.settings ?? {};
  return [...(Array.isArray(s.taxIds) ? s.taxIds : []), ...(typeof s.taxId === 'string' ? [s.taxId] : [])];
}
