import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { apiTokens, sessions } from '../schema/index.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;

export async function insertSession(db: Executor, s: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(s);
}

export async function revokeSession(db: Executor, tenantId: string, id: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
}

/** Removes a tenant's sessions that expired (the housekeeping job); returns how many. */
export async function purgeExpiredSessions(db: Executor, tenantId: string): Promise<number> {
  const r = await db
    .delete(sessions)
    .where(and(eq(sessions.tenantId, tenantId), sql`${sessions.expiresAt} <= now()`))
    .returning({ id: sessions.id });
  return r.length;
}

export async function insertToken(db: Executor, t: typeof apiTokens.$inferInsert): Promise<TokenRow> {
  const [r] = await db.insert(apiTokens).values(t).returning();
  return r!;
}

export async function findToken(db: Executor, tenantId: string, id: string): Promise<TokenRow | undefined> {
  const [r] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)))
    .limit(1);
  return r;
}

export async function listTokens(db: Executor, tenantId: string, userId?: string): Promise<TokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(
      userId ? and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId)) : eq(apiTokens.tenantId, tenantId),
    )
    .orderBy(apiTokens.createdAt);
}

export async function revokeToken(db: Executor, tenantId: string, id: string): Promise<TokenRow | undefined> {
  const [r] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)))
    .returning();
  return r;
}

export async function touchToken(db: Executor, tenantId: string, id: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)));
}
