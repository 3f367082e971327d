import { heldTask, type FlowInstanceRow } from '../../store/repos/flows.ts';
import type { RequestRow } from '../../store/repos/requests.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import * as requests from '../requests/index.ts';

/**
 * Who sees an approval: its requester, whoever holds or held one of its tasks (or had one delegated away),
 * and whoever sees its request (approvers and auditors whose scope holds the customer). Anyone else is told
 * it does not exist.
 */
export async function requireInstanceAccess(
  db: Executor,
  ctx: ActionCtx,
  row: FlowInstanceRow,
  request: RequestRow,
): Promise<void> {
  const me = requests.requesterOf(ctx).id;
  if (row.requestedBy === me) return;
  if (await heldTask(db, ctx.tenant.id, row.id, me)) return;
  await requests.requireRequestAccess(db, ctx, request);
}
