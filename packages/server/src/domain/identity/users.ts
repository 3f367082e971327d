import { insertUser, listUsers as listUserRows } from '../../store/repos/users.ts';
import type { Executor } from '../../store/db.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { hashPassword } from './password.ts';
import { builtInRoles } from './permissions.ts';
import { newId } from './secrets.ts';

export interface UserInput {
  email: string;
  name: string;
  password?: string;
  roles: string[];
  attributes?: Record<string, unknown>;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: string[];
  attributes: Record<string, unknown>;
  status: string;
}

/** Creates a user (password hashed with scrypt); roles must exist. */
export async function createUser(deps: DomainDeps, ctx: ActionCtx, input: UserInput, tx?: Executor): Promise<UserView> {
  input.roles.forEach((r, i) => {
    if (!(r in builtInRoles)) throw new HexiaoError('invalid_data', `/roles/${i} ${r} is not a role`, { pointer: `/roles/${i}` });
  });
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const run = async (t: Executor) => {
    const row = await insertUser(t, { tenantId: ctx.tenant.id, id: newId(), email: input.email, name: input.name, passwordHash, roles: input.roles, attributes: input.attributes });
    await recordAudit(t, ctx, deps.auditKey, { action: 'user.create', entityType: 'user', entityId: row.id, after: { email: row.email, roles: row.roles } });
    return row;
  };
  const row = tx ? await run(tx) : await deps.db.transaction(run);
  return { id: row.id, email: row.email, name: row.name, roles: row.roles, attributes: row.attributes as Record<string, unknown>, status: row.status };
}

export async function listUsers(db: Executor, tenantId: string): Promise<UserView[]> {
  return (await listUserRows(db, tenantId)).map((r) => ({ id: r.id, email: r.email, name: r.name, roles: r.roles, attributes: r.attributes as Record<string, unknown>, status: r.status }));
}
