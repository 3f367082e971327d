import type { RequestRow } from '../../store/repos/requests.ts';
import type { ActionCtx } from '../context.ts';
import { actorScope, getCustomer } from '../customers/index.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, isHexiaoError } from '../errors.ts';
import { actorPermissions } from '../identity/index.ts';
import { requesterOf } from './submit.ts';

/**
 * Who sees a request and adds evidence to it: its requester, and approvers and auditors whose data scope
 * holds its customer. Anyone else is told it does not exist.
 */
export async function requireRequestAccess(db: Executor, ctx: ActionCtx, r: RequestRow): Promise<void> {
  if (r.requestedBy === requesterOf(ctx).id) return;
  const p = actorPermissions(ctx.actor);
  const hidden = new HexiaoError('not_found', `request ${r.id} does not exist`);
  if (!p.has('writeoff.approve') && !p.has('audit.read')) throw hidden;
  if (!r.customerId) return;
  try {
    await getCustomer(db, ctx.tenant.id, r.customerId, actorScope(ctx.actor));
  } catch (e) {
    if (isHexiaoError(e) && e.type === 'not_found') throw hidden;
    throw e;
  }
}
