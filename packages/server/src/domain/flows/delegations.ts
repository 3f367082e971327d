import * as repo from '../../store/repos/flows.ts';
import type { FlowDelegationRow } from '../../store/repos/flows.ts';
import { findUserById, findUserByEmail } from '../../store/repos/users.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps, Executor } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { actorPermissions } from '../identity/index.ts';
import { newId } from '../ids.ts';
import { todayIn } from '../ledger/index.ts';
import { userOf } from './commands.ts';

export interface DelegationInput {
  /** Whose tasks: the actor's own unless an administrator names someone (id or e-mail). */
  from?: string;
  to: string;
  starts: string;
  ends: string;
  note?: string;
}

export interface DelegationView {
  id: string;
  from: { id: string; name: string; email: string };
  to: { id: string; name: string; email: string };
  starts: string;
  ends: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

const isDate = (s: unknown): s is string =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

async function userRef(db: Executor, tenantId: string, ref: string, pointer: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const u = isUuid ? await findUserById(db, tenantId, ref.toLowerCase()) : await findUserByEmail(db, tenantId, ref);
  if (!u || u.status !== 'active') throw invalid(pointer, `${ref} is not an active user of this tenant`);
  return u;
}

const canManage = (ctx: ActionCtx) => actorPermissions(ctx.actor).has('user.manage');

/**
 * A standing delegation: from `starts` to `ends` (inclusive, in the tenant's days), tasks that would go to
 * `from` go to `to` instead, acting on their behalf. One level deep: a delegate's own delegation is not
 * followed, and a delegate who may not decide a request (its requester) is passed over. Tasks already open
 * stay where they are (delegate them one by one).
 */
export async function createDelegation(
  deps: DomainDeps,
  ctx: ActionCtx,
  input: DelegationInput,
): Promise<DelegationView> {
  const me = userOf(ctx);
  if (!isDate(input.starts)) throw invalid('/starts', 'must be a date (YYYY-MM-DD)');
  if (!isDate(input.ends)) throw invalid('/ends', 'must be a date (YYYY-MM-DD)');
  if (input.ends < input.starts) throw invalid('/ends', 'must not be before starts');
  if (input.ends < todayIn(ctx.tenant.timeZone))
    throw invalid('/ends', 'is in the past: the delegation would never apply');
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    const from =
      input.from === undefined
        ? await userRef(tx, tenantId, me, '/from')
        : await userRef(tx, tenantId, input.from, '/from');
    if (from.id !== me && !canManage(ctx))
      throw new HexiaoError('not_allowed', "only an administrator (user.manage) delegates someone else's tasks", {
        pointer: '/from',
      });
    const to = await userRef(tx, tenantId, input.to, '/to');
    if (to.id === from.id) throw invalid('/to', 'names the user who delegates: a delegation goes to someone else');
    const row = await repo.insertDelegation(tx, {
      tenantId,
      id: newId(),
      fromUser: from.id,
      toUser: to.id,
      starts: input.starts,
      ends: input.ends,
      note: input.note ?? null,
      createdBy: ctx.actor.name,
    });
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'flow.delegation.create',
      entityType: 'flow-delegation',
      entityId: row.id,
      after: { from: from.id, to: to.id, starts: row.starts, ends: row.ends, note: row.note },
    });
    return view(row, from, to);
  });
}

function view(
  r: FlowDelegationRow,
  from: { id: string; name: string; email: string },
  to: { id: string; name: string; email: string },
): DelegationView {
  return {
    id: r.id,
    from: { id: from.id, name: from.name, email: from.email },
    to: { id: to.id, name: to.name, email: to.email },
    starts: r.starts,
    ends: r.ends,
    note: r.note,
    createdBy: r.createdBy,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/** Delegations in force or to come: the actor's (from or to them), or everyone's for an administrator. */
export async function listDelegations(db: Executor, ctx: ActionCtx, o: { all?: boolean } = {}) {
  const tenantId = ctx.tenant.id;
  const me = userOf(ctx);
  if (o.all && !canManage(ctx))
    throw new HexiaoError('not_allowed', "only an administrator (user.manage) lists everyone's delegations");
  const rows = await repo.listDelegations(db, tenantId, {
    from: todayIn(ctx.tenant.timeZone),
    ...(o.all ? {} : { user: me }),
  });
  const users = new Map<string, { id: string; name: string; email: string }>();
  const user = async (id: string) => {
    if (!users.has(id)) users.set(id, (await findUserById(db, tenantId, id))!);
    return users.get(id)!;
  };
  const items: DelegationView[] = [];
  for (const r of rows) items.push(view(r, await user(r.fromUser), await user(r.toUser)));
  return { items };
}

/** Ends a delegation now (its delegator, or an administrator); tasks already handed over stay with the delegate. */
export async function revokeDelegation(deps: DomainDeps, ctx: ActionCtx, id: string): Promise<{ revoked: true }> {
  const me = userOf(ctx);
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    const d = await repo.findDelegation(tx, tenantId, id, true);
    if (!d || (d.fromUser !== me && d.toUser !== me && !canManage(ctx)))
      throw new HexiaoError('not_found', `delegation ${id} does not exist`);
    if (d.fromUser !== me && !canManage(ctx))
      throw new HexiaoError('not_allowed', 'only the delegator or an administrator revokes a delegation');
    if (d.revokedAt) throw new HexiaoError('unexpected_state', `delegation ${id} was revoked already`);
    await repo.revokeDelegation(tx, tenantId, id, ctx.actor.name);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'flow.delegation.revoke',
      entityType: 'flow-delegation',
      entityId: id,
      before: { from: d.fromUser, to: d.toUser, starts: d.starts, ends: d.ends },
    });
    return { revoked: true as const };
  });
}
