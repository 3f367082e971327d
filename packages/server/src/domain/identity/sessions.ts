import * as creds from '../../store/repos/credentials.ts';
import { findSessionPrincipal, findTokenPrincipal } from '../../store/repos/principals.ts';
import * as users from '../../store/repos/users.ts';
import { findTenantBySlug } from '../../store/repos/tenants.ts';
import { appendAudit } from '../audit/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Actor, ActionCtx, RequestInfo, TenantCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { verifyPassword } from './password.ts';
import { issueCredential, parseCredential, secretMatches } from './secrets.ts';
import { resolveAccess } from './roles.ts';
import { withTenant } from '../../store/tenant-scope.ts';
import type { Executor } from '../../store/db.ts';
import type { UserRow } from '../../store/repos/users.ts';

export interface LoginInput {
  tenant: string;
  email: string;
  password: string;
  ttlSeconds: number;
  request: RequestInfo;
}

export interface LoginResult {
  cookieValue: string;
  sessionId: string;
  expiresAt: Date;
  tenant: TenantCtx;
  user: { id: string; email: string; name: string; roles: string[] };
}

const refused = () => new HexiaoError('unauthenticated', 'wrong tenant, email or password');

/**
 * Checks the password (scrypt, constant work for unknown users), applies lockout with backoff, opens a
 * session and audits the success or the failure.
 */
export async function login(deps: DomainDeps, input: LoginInput): Promise<LoginResult> {
  const tenant = await findTenantBySlug(deps.db, input.tenant);
  const user = tenant
    ? await withTenant(deps.db, tenant.id, (tx) => users.findUserByEmail(tx, tenant.id, input.email))
    : undefined;
  const ok = await verifyPassword(input.password, user?.passwordHash);
  if (!tenant) throw refused();
  const failure = {
    actorType: 'anonymous' as const,
    actorName: input.email,
    ip: input.request.ip,
    userAgent: input.request.userAgent,
    requestId: input.request.requestId,
  };
  if (!user || user.status !== 'active') {
    await withTenant(deps.db, tenant.id, (tx) =>
      appendAudit(tx, tenant.id, deps.auditKey, failure, [
        {
          action: 'auth.login-failed',
          entityType: 'user',
          after: { email: input.email, reason: user ? 'disabled' : 'unknown user' },
        },
      ]),
    );
    throw refused();
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await withTenant(deps.db, tenant.id, (tx) =>
      appendAudit(tx, tenant.id, deps.auditKey, failure, [
        { action: 'auth.login-locked', entityType: 'user', entityId: user.id },
      ]),
    );
    // the same answer as for an unknown account: a lock must not tell which e-mails exist
    throw refused();
  }
  if (!ok) {
    await withTenant(deps.db, tenant.id, async (tx) => {
      await users.recordFailedLogin(tx, tenant.id, user.id);
      await appendAudit(tx, tenant.id, deps.auditKey, failure, [
        { action: 'auth.login-failed', entityType: 'user', entityId: user.id, after: { reason: 'wrong password' } },
      ]);
    });
    throw refused();
  }
  const session = issueCredential('hxs', tenant.id);
  const expiresAt = new Date(Date.now() + input.ttlSeconds * 1000);
  const actor: Actor = { type: 'user', id: user.id, userId: user.id, name: user.email, roles: user.roles };
  await withTenant(deps.db, tenant.id, async (tx) => {
    await users.recordSuccessfulLogin(tx, tenant.id, user.id);
    await creds.insertSession(tx, {
      tenantId: tenant.id,
      id: session.id,
      userId: user.id,
      secretHash: session.secretHash,
      expiresAt,
      ip: input.request.ip ?? null,
      userAgent: input.request.userAgent ?? null,
    });
    await recordAudit(tx, { tenant, actor, request: input.request }, deps.auditKey, {
      action: 'auth.login',
      entityType: 'session',
      entityId: session.id,
    });
  });
  return {
    cookieValue: session.value,
    sessionId: session.id,
    expiresAt,
    tenant,
    user: { id: user.id, email: user.email, name: user.name, roles: user.roles },
  };
}

export async function logout(deps: DomainDeps, ctx: ActionCtx, sessionId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await creds.revokeSession(tx, ctx.tenant.id, sessionId);
    await recordAudit(tx, ctx, deps.auditKey, { action: 'auth.logout', entityType: 'session', entityId: sessionId });
  });
}

export interface Authenticated {
  tenant: TenantCtx;
  actor: Actor;
  sessionId?: string;
}

/** The tenant a session cookie or API token names (not yet verified): the request's transaction is bound to it. */
export function credentialTenant(credential: { session?: string; bearer?: string }): string | undefined {
  if (credential.bearer) return parseCredential(credential.bearer, 'hxt')?.tenantId;
  if (credential.session) return parseCredential(credential.session, 'hxs')?.tenantId;
  return undefined;
}

/**
 * Resolves a session cookie or an API token to tenant + actor; undefined when absent or not valid. `bound` is
 * a transaction already bound to the tenant the credential names (`credentialTenant`): the request's own, so
 * authentication costs no transaction of its own; without it one is opened.
 */
export async function authenticate(
  deps: DomainDeps,
  credential: { session?: string; bearer?: string },
  bound?: Executor,
): Promise<Authenticated | undefined> {
  const inTenant = <T>(tenantId: string, work: (db: Executor) => Promise<T>) =>
    bound ? work(bound) : withTenant(deps.db, tenantId, work);
  if (credential.bearer) {
    const parsed = parseCredential(credential.bearer, 'hxt');
    if (!parsed) return undefined;
    return inTenant(parsed.tenantId, async (db) => {
      const found = await findTokenPrincipal(db, parsed.tenantId, parsed.id);
      if (!found) return undefined;
      const { credential: token, user, tenant } = found;
      if (
        token.tenantId !== parsed.tenantId ||
        !secretMatches(parsed.secret, token.secretHash) ||
        token.revokedAt ||
        token.expiresAt <= new Date() ||
        user.status !== 'active'
      )
        return undefined;
      // last use is kept to the minute: a write on every request would cost more than it tells
      if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000)
        await creds.touchToken(db, tenant.id, token.id);
      return {
        tenant,
        actor: {
          type: 'token' as const,
          id: token.id,
          userId: user.id,
          name: `${user.email} (token ${token.name})`,
          roles: user.roles,
          scopes: token.scopes,
          ...(await access(db, user)),
        },
      };
    });
  }
  if (credential.session) {
    const parsed = parseCredential(credential.session, 'hxs');
    if (!parsed) return undefined;
    return inTenant(parsed.tenantId, async (db) => {
      const found = await findSessionPrincipal(db, parsed.tenantId, parsed.id);
      if (!found) return undefined;
      const { credential: session, user, tenant } = found;
      if (
        session.tenantId !== parsed.tenantId ||
        !secretMatches(parsed.secret, session.secretHash) ||
        user.status !== 'active'
      )
        return undefined;
      return {
        tenant,
        actor: {
          type: 'user' as const,
          id: user.id,
          userId: user.id,
          name: user.email,
          roles: user.roles,
          ...(await access(db, user)),
        },
        sessionId: session.id,
      };
    });
  }
  return undefined;
}

/** Permissions and data scope from the tenant's roles, and the `$user` facts scopes read. */
async function access(db: Executor, user: UserRow) {
  const { permissions, dataScope } = await resolveAccess(db, user.tenantId, user.roles);
  return {
    permissions,
    dataScope,
    user: { ...(user.attributes as Record<string, unknown>), id: user.id, email: user.email },
  };
}
