import type { FromSchema } from 'json-schema-to-ts';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers as listUserRows,
  setUserStatus as setStatusRow,
} from '../../store/repos/users.ts';
import type { Executor } from '../../store/db.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { hashPassword } from './password.ts';
import { listRoles as listRoleRows } from '../../store/repos/roles.ts';
import { builtInRoles } from './permissions.ts';
import { refuseGrantBeyondOwn } from './roles.ts';
import { newId } from './secrets.ts';

export interface UserInput {
  email: string;
  name: string;
  password?: string;
  roles: string[];
  attributes?: Record<string, unknown>;
}

/** A user as the API returns it (never a password hash); `UserView` is derived from this schema. */
export const userViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'email', 'name', 'roles', 'attributes', 'status'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    email: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    attributes: { type: 'object', description: 'what data-scope rules read as $user.<attribute>' },
    status: { type: 'string', description: 'active or disabled' },
  },
} as const;
export type UserView = FromSchema<typeof userViewSchema>;

export const userListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: { items: { type: 'array', items: userViewSchema } },
} as const;

/** Creates a user (password hashed with scrypt); roles must exist. */
export async function createUser(deps: DomainDeps, ctx: ActionCtx, input: UserInput, tx?: Executor): Promise<UserView> {
  const defined = new Set((await listRoleRows(tx ?? deps.db, ctx.tenant.id)).map((r) => r.key));
  input.roles.forEach((r, i) => {
    if (!(r in builtInRoles) && !defined.has(r))
      throw new HexiaoError('invalid_data', `/roles/${i} ${r} is not a role`, { pointer: `/roles/${i}` });
  });
  await refuseGrantBeyondOwn(tx ?? deps.db, ctx, input.roles);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const run = async (t: Executor) => {
    if (await findUserByEmail(t, ctx.tenant.id, input.email))
      throw new HexiaoError('conflict', `a user with the e-mail ${input.email} already exists`, { pointer: '/email' });
    const row = await insertUser(t, {
      tenantId: ctx.tenant.id,
      id: newId(),
      email: input.email,
      name: input.name,
      passwordHash,
      roles: input.roles,
      attributes: input.attributes,
    });
    await recordAudit(t, ctx, deps.auditKey, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      after: { email: row.email, roles: row.roles },
    });
    return row;
  };
  const row = tx ? await run(tx) : await deps.db.transaction(run);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    attributes: row.attributes as Record<string, unknown>,
    status: row.status,
  };
}

export async function listUsers(db: Executor, tenantId: string): Promise<UserView[]> {
  return (await listUserRows(db, tenantId)).map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    roles: r.roles,
    attributes: r.attributes as Record<string, unknown>,
    status: r.status,
  }));
}

export async function setUserStatus(
  deps: DomainDeps,
  ctx: ActionCtx,
  id: string,
  status: 'active' | 'disabled',
): Promise<UserView> {
  if (id === ctx.actor.userId && status === 'disabled')
    throw new HexiaoError('not_allowed', 'you cannot disable yourself');
  return deps.db.transaction(async (tx) => {
    const before = await findUserById(tx, ctx.tenant.id, id);
    if (!before) throw new HexiaoError('not_found', `user ${id} does not exist`);
    await setStatusRow(tx, ctx.tenant.id, id, status);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'user.status',
      entityType: 'user',
      entityId: id,
      before: { status: before.status },
      after: { status },
    });
    return {
      id,
      email: before.email,
      name: before.name,
      roles: before.roles,
      attributes: before.attributes as Record<string, unknown>,
      status,
    };
  });
}
