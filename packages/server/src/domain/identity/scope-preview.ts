import type { Executor } from '../../store/db.ts';
import { countCustomersInScope } from '../../store/repos/customer-scope-count.ts';
import * as roleRepo from '../../store/repos/roles.ts';
import { findUserById } from '../../store/repos/users.ts';
import { HexiaoError, type FieldError } from '../errors.ts';
import { rowScopeOf, validateScope, type ScopeRule } from './data-scope.ts';
import { builtInScopes } from './roles.ts';
import { builtInRoles } from './permissions.ts';

export interface ScopePreviewInput {
  userId: string;
  /** Try a role's data scope before saving it: this rule replaces the role's stored scope (null = all rows). */
  role?: string;
  dataScope?: ScopeRule | null;
}

export interface ScopePreview {
  user: { id: string; email: string; roles: string[] };
  /** The effective scope of the user's roles (the OR of them; null = every customer). */
  dataScope: ScopeRule | null;
  customers: number;
  total: number;
}

/**
 * How many customers a user would see with their roles' data scopes — with one role's scope replaced by a
 * draft when given, so an analyst sees the effect before saving the role.
 */
export async function previewDataScope(
  db: Executor,
  tenantId: string,
  input: ScopePreviewInput,
): Promise<ScopePreview> {
  if (input.dataScope !== undefined && input.dataScope !== null) {
    const errors: FieldError[] = validateScope(input.dataScope).map((e) => ({
      pointer: `/dataScope${e.pointer === '/' ? '' : e.pointer}`,
      reason: e.reason,
    }));
    if (errors.length)
      throw new HexiaoError('invalid_data', `data scope: ${errors.map((e) => `${e.pointer} ${e.reason}`).join('; ')}`, {
        errors,
      });
  }
  const user = await findUserById(db, tenantId, input.userId);
  if (!user) throw new HexiaoError('not_found', `user ${input.userId} does not exist`, { pointer: '/userId' });
  const rows = new Map((await roleRepo.findRoles(db, tenantId, user.roles)).map((r) => [r.key, r]));
  const scopes: ScopeRule[] = [];
  let unrestricted = false;
  for (const key of user.roles) {
    const row = rows.get(key);
    if (!row && !builtInRoles[key]) continue;
    const scope =
      input.role === key && input.dataScope !== undefined
        ? input.dataScope
        : row
          ? row.dataScope
          : (builtInScopes[key] ?? null);
    if (scope === null || scope === undefined) unrestricted = true;
    else scopes.push(scope);
  }
  const dataScope = unrestricted || !scopes.length ? null : scopes.length === 1 ? scopes[0]! : { or: scopes };
  const facts = { ...(user.attributes as Record<string, unknown>), id: user.id, email: user.email };
  const customers = await countCustomersInScope(db, tenantId, rowScopeOf({ dataScope, user: facts }));
  const total = await countCustomersInScope(db, tenantId, undefined);
  return { user: { id: user.id, email: user.email, roles: user.roles }, dataScope, customers, total };
}
