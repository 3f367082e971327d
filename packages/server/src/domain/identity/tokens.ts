import * as creds from '../../store/repos/credentials.ts';
import { findUserById } from '../../store/repos/users.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { actorPermissions, isPermission } from './permissions.ts';
import { resolveAccess } from './roles.ts';
import { issueCredential } from './secrets.ts';

export interface TokenView {
  id: string;
  name: string;
  userId: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const view = (t: creds.TokenRow): TokenView => ({
  id: t.id,
  name: t.name,
  userId: t.userId,
  scopes: t.scopes,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  revokedAt: t.revokedAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

/**
 * Issues an API token for the acting user; the secret is in the result once and never stored. Its scopes are
 * a subset of what the creator holds; a scoped token's child without scopes gets the parent's, not the user's.
 */
export async function createToken(
  deps: DomainDeps,
  ctx: ActionCtx,
  input: { name: string; scopes?: string[]; expiresInDays?: number },
): Promise<TokenView & { token: string }> {
  const userId = ctx.actor.userId;
  if (!userId) throw new HexiaoError('not_allowed', 'only a user can create API tokens');
  const user = await findUserById(deps.db, ctx.tenant.id, userId);
  if (!user) throw new HexiaoError('not_found', `user ${userId} does not exist`);
  const held = actorPermissions({
    roles: user.roles,
    scopes: ctx.actor.scopes,
    permissions: (await resolveAccess(deps.db, ctx.tenant.id, user.roles)).permissions,
  });
  // a token mints tokens only as a token manager, and never one that can do more than itself
  if (ctx.actor.type === 'token' && !held.has('token.manage'))
    throw new HexiaoError('not_allowed', 'an API token creates tokens only with the permission token.manage');
  const narrowed = ctx.actor.type === 'token' && (ctx.actor.scopes?.length ?? 0) > 0;
  const scopes = input.scopes?.length ? input.scopes : narrowed ? [...held].sort() : [];
  scopes.forEach((s, i) => {
    if (!isPermission(s))
      throw new HexiaoError('invalid_data', `/scopes/${i} ${s} is not a permission`, { pointer: `/scopes/${i}` });
    if (!held.has(s))
      throw new HexiaoError('invalid_data', `/scopes/${i} ${s} is a permission you do not hold`, {
        pointer: `/scopes/${i}`,
      });
  });
  const cred = issueCredential('hxt', ctx.tenant.id);
  const expiresAt = new Date(Date.now() + (input.expiresInDays ?? 90) * 86400_000);
  return deps.db.transaction(async (tx) => {
    const row = await creds.insertToken(tx, {
      tenantId: ctx.tenant.id,
      id: cred.id,
      userId,
      name: input.name,
      secretHash: cred.secretHash,
      scopes,
      expiresAt,
    });
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'token.create',
      entityType: 'api-token',
      entityId: cred.id,
      after: { name: input.name, scopes, expiresAt: expiresAt.toISOString() },
    });
    return { ...view(row), token: cred.value };
  });
}

export async function listTokens(deps: DomainDeps, ctx: ActionCtx, all: boolean): Promise<TokenView[]> {
  return (await creds.listTokens(deps.db, ctx.tenant.id, all ? undefined : ctx.actor.userId)).map(view);
}

export async function revokeToken(
  deps: DomainDeps,
  ctx: ActionCtx,
  id: string,
  canRevokeOthers: boolean,
): Promise<TokenView> {
  // a token without token.manage revokes only itself, not the user's other tokens
  const own = (t: creds.TokenRow) =>
    ctx.actor.type === 'token' ? t.id === ctx.actor.id : t.userId === ctx.actor.userId;
  return deps.db.transaction(async (tx) => {
    const existing = await creds.findToken(tx, ctx.tenant.id, id);
    if (!existing || existing.tenantId !== ctx.tenant.id || (!canRevokeOthers && !own(existing)))
      throw new HexiaoError('not_found', `API token ${id} does not exist`);
    const row = await creds.revokeToken(tx, ctx.tenant.id, id);
    await recordAudit(tx, ctx, deps.auditKey, { action: 'token.revoke', entityType: 'api-token', entityId: id });
    return view(row!);
  });
}
