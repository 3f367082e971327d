import type { Executor } from '../../store/db.ts';
import * as repo from '../../store/repos/roles.ts';
import { findUserById, setUserRoles } from '../../store/repos/users.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError, type FieldError } from '../errors.ts';
import { validateScope, type ScopeRule } from './data-scope.ts';
import { actorPermissions, builtInRoles, isPermission, type Permission } from './permissions.ts';

export interface RoleView {
  key: string;
  name: string;
  permissions: string[];
  dataScope: ScopeRule | null;
  builtIn: boolean;
}

/** A role as the API returns it (role-schema.test.ts keeps RoleView in step with it). */
export const roleViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'name', 'permissions', 'dataScope', 'builtIn'],
  properties: {
    key: { type: 'string' },
    name: { type: 'string' },
    permissions: { type: 'array', items: { type: 'string' } },
    dataScope: { type: ['object', 'null'], description: 'the JsonLogic rule that narrows the rows its holders see' },
    builtIn: { type: 'boolean' },
  },
} as const;

export const roleListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: { items: { type: 'array', items: roleViewSchema } },
} as const;

const titles: Record<string, string> = {
  admin: 'Administrator',
  analyst: 'Business analyst',
  clerk: 'AR clerk',
  'sales-rep': 'Sales representative',
  'region-manager': 'Region manager',
  'finance-manager': 'Finance manager',
  cfo: 'CFO',
  auditor: 'Auditor',
};

/** Built-in data scopes: a sales rep sees the customers they own, a region manager their region. */
export const builtInScopes: Record<string, ScopeRule> = {
  'sales-rep': { '==': [{ var: 'customer.salesOwner' }, { var: '$user.email' }] },
  'region-manager': { '==': [{ var: 'customer.region' }, { var: '$user.region' }] },
};

/** The built-in roles a new tenant starts with; the tenant admin may change them afterwards. */
export function builtInRoleRows(tenantId: string) {
  return Object.entries(builtInRoles).map(([key, permissions]) => ({
    tenantId,
    key,
    name: titles[key] ?? key,
    permissions: [...permissions],
    dataScope: builtInScopes[key] ?? null,
    builtIn: true,
  }));
}

export const seedRoles = (tx: Executor, tenantId: string) => repo.insertRoles(tx, builtInRoleRows(tenantId));

export interface Access {
  permissions: Permission[];
  /** null = every row; otherwise the OR of the roles' scopes. */
  dataScope: ScopeRule | null;
}

/** What a set of roles grants: the union of permissions, and of data scopes (any unscoped role means all rows). */
export async function resolveAccess(db: Executor, tenantId: string, roleKeys: readonly string[]): Promise<Access> {
  const rows = await repo.findRoles(db, tenantId, [...roleKeys]);
  const found = new Map(rows.map((r) => [r.key, r]));
  const permissions = new Set<Permission>();
  const scopes: ScopeRule[] = [];
  let unrestricted = false;
  for (const key of roleKeys) {
    const row = found.get(key);
    const perms = row ? row.permissions : builtInRoles[key];
    if (!perms) continue;
    for (const p of perms) if (isPermission(p)) permissions.add(p);
    const scope = row ? row.dataScope : (builtInScopes[key] ?? null);
    if (scope === null || scope === undefined) unrestricted = true;
    else scopes.push(scope);
  }
  return {
    permissions: [...permissions].sort(),
    // with no permission at all the scope does not matter: nothing can be called
    dataScope: unrestricted || !scopes.length ? null : scopes.length === 1 ? scopes[0]! : { or: scopes },
  };
}

export async function listRoles(db: Executor, tenantId: string): Promise<RoleView[]> {
  const rows = await repo.listRoles(db, tenantId);
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    permissions: r.permissions,
    dataScope: r.dataScope ?? null,
    builtIn: r.builtIn,
  }));
}

export interface RoleInput {
  name: string;
  permissions: string[];
  dataScope?: ScopeRule | null;
}

/** Creates or changes a role; the change is audited with before and after (permission changes are money-relevant). */
export async function saveRole(deps: DomainDeps, ctx: ActionCtx, key: string, input: RoleInput): Promise<RoleView> {
  const errors: FieldError[] = [];
  input.permissions.forEach((p, i) => {
    if (!isPermission(p)) errors.push({ pointer: `/permissions/${i}`, reason: `${p} is not a permission` });
  });
  if (input.dataScope !== undefined && input.dataScope !== null)
    errors.push(
      ...validateScope(input.dataScope).map((e) => ({
        pointer: `/dataScope${e.pointer === '/' ? '' : e.pointer}`,
        reason: e.reason,
      })),
    );
  if (errors.length)
    throw new HexiaoError('invalid_data', `role ${key}: ${errors.map((e) => `${e.pointer} ${e.reason}`).join('; ')}`, {
      errors,
      record: `role ${key}`,
    });
  return deps.db.transaction(async (tx) => {
    const [before] = await repo.findRoles(tx, ctx.tenant.id, [key]);
    const row = await repo.upsertRole(tx, {
      tenantId: ctx.tenant.id,
      key,
      name: input.name,
      permissions: [...new Set(input.permissions)].sort(),
      dataScope: input.dataScope ?? null,
      builtIn: before?.builtIn ?? false,
    });
    const view: RoleView = {
      key: row.key,
      name: row.name,
      permissions: row.permissions,
      dataScope: row.dataScope ?? null,
      builtIn: row.builtIn,
    };
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'role.save',
      entityType: 'role',
      entityId: key,
      before: before ? { permissions: before.permissions, dataScope: before.dataScope } : null,
      after: { permissions: view.permissions, dataScope: view.dataScope },
    });
    return view;
  });
}

/** Replaces another user's roles (audited), granting only what the actor holds (see grants.ts). */
export async function assignRoles(
  deps: DomainDeps,
  ctx: ActionCtx,
  userId: string,
  roleKeys: string[],
): Promise<{ id: string; roles: string[] }> {
  return deps.db.transaction(async (tx) => {
    const user = await findUserById(tx, ctx.tenant.id, userId);
    if (!user) throw new HexiaoError('not_found', `user ${userId} does not exist`);
    const known = new Set([
      ...(await repo.listRoles(tx, ctx.tenant.id)).map((r) => r.key),
      ...Object.keys(builtInRoles),
    ]);
    roleKeys.forEach((r, i) => {
      if (!known.has(r))
        throw new HexiaoError('invalid_data', `/roles/${i} ${r} is not a role`, { pointer: `/roles/${i}` });
    });
    if (userId === ctx.actor.userId)
      throw new HexiaoError('not_allowed', 'changing your own roles needs a second person: ask another user manager');
    await refuseGrantBeyondOwn(tx, ctx, roleKeys);
    await setUserRoles(tx, ctx.tenant.id, userId, roleKeys);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'user.roles',
      entityType: 'user',
      entityId: userId,
      before: { roles: user.roles },
      after: { roles: roleKeys },
    });
    return { id: userId, roles: roleKeys };
  });
}

/**
 * What a user manager may hand out: only permissions they hold themselves, `admin` only with
 * `tenant.admin`, and nothing at all from behind a data scope (the scope could not bound whom they grant
 * what, nor the `$user` attributes they set).
 */
export async function refuseGrantBeyondOwn(
  db: Executor,
  ctx: ActionCtx,
  roleKeys: readonly string[],
  pointer = '/roles',
): Promise<void> {
  if (ctx.actor.dataScope !== undefined && ctx.actor.dataScope !== null)
    throw new HexiaoError('not_allowed', 'managing users needs a role without a data scope', { pointer });
  const held = actorPermissions(ctx.actor);
  if (roleKeys.includes('admin') && !held.has('tenant.admin'))
    throw new HexiaoError('not_allowed', 'granting admin needs the permission tenant.admin', { pointer });
  const granted = await resolveAccess(db, ctx.tenant.id, roleKeys);
  const beyond = granted.permissions.filter((p) => !held.has(p));
  if (beyond.length)
    throw new HexiaoError('not_allowed', `you can grant only permissions you hold; not ${beyond.join(', ')}`, {
      pointer,
    });
}
