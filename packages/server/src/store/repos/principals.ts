import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { apiTokens, sessions, tenants, users } from '../schema/index.ts';
import type { TenantCtx } from '../../model/tenant.ts';
import { tenantCtxOf } from './tenants.ts';
import type { TokenRow, SessionRow } from './credentials.ts';
import type { UserRow } from './users.ts';

export interface Principal<C> {
  credential: C;
  user: UserRow;
  tenant: TenantCtx;
}

/** An API token with its user and tenant, in one query: every token-authenticated request asks. */
export async function findTokenPrincipal(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<Principal<TokenRow> | undefined> {
  const [r] = await db
    .select({ credential: apiTokens, user: users, tenant: tenants })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)))
    .innerJoin(tenants, eq(tenants.tenantId, apiTokens.tenantId))
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)))
    .limit(1);
  return r ? { credential: r.credential, user: r.user, tenant: tenantCtxOf(r.tenant) } : undefined;
}

/** A live (neither revoked nor expired) session with its user and tenant, in one query. */
export async function findSessionPrincipal(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<Principal<SessionRow> | undefined> {
  const [r] = await db
    .select({ credential: sessions, user: users, tenant: tenants })
    .from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .innerJoin(tenants, eq(tenants.tenantId, sessions.tenantId))
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        eq(sessions.id, id),
        isNull(sessions.revokedAt),
        sql`${sessions.expiresAt} > now()`,
      ),
    )
    .limit(1);
  return r ? { credential: r.credential, user: r.user, tenant: tenantCtxOf(r.tenant) } : undefined;
}
