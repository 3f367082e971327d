import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { users } from '../schema/index.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Executor, tenantId: string, email: string): Promise<UserRow | undefined> {
  const [r] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${email})`))
    .limit(1);
  return r;
}

export async function findUserById(db: Executor, tenantId: string, id: string): Promise<UserRow | undefined> {
  const [r] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
    .limit(1);
  return r;
}

export async function listUsers(db: Executor, tenantId: string): Promise<UserRow[]> {
  return db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(users.email);
}

export async function insertUser(
  db: Executor,
  u: {
    tenantId: string;
    id: string;
    email: string;
    name: string;
    passwordHash: string | null;
    roles: string[];
    attributes?: Record<string, unknown>;
  },
): Promise<UserRow> {
  const [r] = await db
    .insert(users)
    .values({ ...u, attributes: u.attributes ?? {}, status: 'active', failedLogins: 0 })
    .returning();
  return r!;
}

/** Records a failed login and locks the account with a growing backoff after repeated failures. */
export async function recordFailedLogin(db: Executor, tenantId: string, id: string): Promise<void> {
  await db
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`CASE WHEN ${users.failedLogins} + 1 >= 5
        THEN now() + make_interval(secs => least(3600, 30 * power(2, ${users.failedLogins} + 1 - 5)))
        ELSE ${users.lockedUntil} END`,
    })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
}

export async function recordSuccessfulLogin(db: Executor, tenantId: string, id: string): Promise<void> {
  await db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
}

export async function setUserRoles(tx: Executor, tenantId: string, id: string, roles: string[]): Promise<void> {
  await tx
    .update(users)
    .set({ roles })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
}

export async function setUserStatus(
  tx: Executor,
  tenantId: string,
  id: string,
  status: 'active' | 'disabled',
): Promise<void> {
  await tx
    .update(users)
    .set({ status })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
}
