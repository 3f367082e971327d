import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { definitions } from '../schema/index.ts';

export type DefinitionRow = typeof definitions.$inferSelect;

const byName = (tenantId: string, kind: string, key: string) =>
  and(eq(definitions.tenantId, tenantId), eq(definitions.kind, kind), eq(definitions.key, key));

export async function listDefinitionVersions(
  db: Executor,
  tenantId: string,
  kind: string,
  key: string,
): Promise<DefinitionRow[]> {
  return db
    .select()
    .from(definitions)
    .where(byName(tenantId, kind, key))
    .orderBy(desc(definitions.version));
}

/** Locks every version of one definition (publishing and drafting serialise per definition). */
export async function lockDefinition(
  tx: Executor,
  tenantId: string,
  kind: string,
  key: string,
): Promise<DefinitionRow[]> {
  return tx
    .select()
    .from(definitions)
    .where(byName(tenantId, kind, key))
    .orderBy(desc(definitions.version))
    .for('update');
}

export async function findDefinitionVersion(
  db: Executor,
  tenantId: string,
  kind: string,
  key: string,
  version: number,
) {
  const [r] = await db
    .select()
    .from(definitions)
    .where(and(byName(tenantId, kind, key), eq(definitions.version, version)));
  return r;
}

/** The current version: the highest published one. */
export async function findCurrentDefinition(db: Executor, tenantId: string, kind: string, key: string) {
  const [r] = await db
    .select()
    .from(definitions)
    .where(and(byName(tenantId, kind, key), eq(definitions.status, 'published')))
    .orderBy(desc(definitions.version))
    .limit(1);
  return r;
}

export async function listDefinitions(db: Executor, tenantId: string, kind?: string): Promise<DefinitionRow[]> {
  // the newest row of each definition
  return db
    .selectDistinctOn([definitions.kind, definitions.key])
    .from(definitions)
    .where(
      kind ? and(eq(definitions.tenantId, tenantId), eq(definitions.kind, kind)) : eq(definitions.tenantId, tenantId),
    )
    .orderBy(definitions.kind, definitions.key, desc(definitions.version));
}

export async function insertDefinition(tx: Executor, row: typeof definitions.$inferInsert): Promise<DefinitionRow> {
  const [r] = await tx.insert(definitions).values(row).returning();
  return r!;
}

export async function updateDraft(
  tx: Executor,
  tenantId: string,
  id: string,
  set: { document: unknown; contentHash: string; title?: string | null; note?: string | null },
) {
  const [r] = await tx
    .update(definitions)
    .set(set)
    .where(and(eq(definitions.tenantId, tenantId), eq(definitions.id, id), eq(definitions.status, 'draft')))
    .returning();
  return r;
}

export async function setDefinitionStatus(
  tx: Executor,
  tenantId: string,
  id: string,
  status: 'published' | 'archived',
  actor: string,
) {
  const [r] = await tx
    .update(definitions)
    .set(
      status === 'published'
        ? { status, publishedAt: sql`now()`, publishedBy: actor }
        : { status, archivedAt: sql`now()` },
    )
    .where(and(eq(definitions.tenantId, tenantId), eq(definitions.id, id)))
    .returning();
  return r!;
}

export async function deleteDraft(tx: Executor, tenantId: string, id: string): Promise<void> {
  await tx
    .delete(definitions)
    .where(and(eq(definitions.tenantId, tenantId), eq(definitions.id, id), eq(definitions.status, 'draft')));
}
