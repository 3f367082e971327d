import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { roles } from '../schema/index.ts';

export type RoleRow = typeof roles.$inferSelect;

export async function listRoles(db: Executor, tenantId: string): Promise<RoleRow[]> {
  return db.select().from(roles).where(eq(roles.tenantId, tenantId)).orderBy(roles.key);
}

export async function findRoles(db: Executor, tenantId: string, keys: string[]): Promise<RoleRow[]> {
  if (!keys.length) return [];
  return db
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), inArray(roles.key, keys)));
}

export async function upsertRole(tx: Executor, row: Omit<typeof roles.$inferInsert, 'updatedAt'>): Promise<RoleRow> {
  const [r] = await tx
    .insert(roles)
    .values(row)
    .onConflictDoUpdate({
      target: [roles.tenantId, roles.key],
      set: { name: row.name, permissions: row.permissions, dataScope: row.dataScope ?? null, updatedAt: sql`now()` },
    })
    .returning();
  return r!;
}

export async function insertRoles(tx: Executor, rows: Omit<typeof roles.$inferInsert, 'updatedAt'>[]): Promise<void> {
  if (rows.length) await tx.insert(roles).values(rows).onConflictDoNothing();
}
