import { checkVoucherBalancesNow, numberPendingVouchers } from '../../store/repos/voucher-counters.ts';
import { createAuditStage, takeStagedAuditInputs } from '../../store/repos/audit.ts';
import { actorInfo, appendAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';

/**
 * Runs fn as a bulk run inside the caller's transaction: the vouchers it posts go in without numbers and its
 * audit entries wait, and its last step checks the vouchers' balances, numbers them (gapless, in the order
 * posted) and chains the entries. Every posting takes the period's voucher counter and the tenant's audit head
 * until it commits; a run that took them at its first posting held them for the whole run (an import of 100k
 * receipts for about a minute), and every other posting of the tenant waited. A run that throws leaves nothing.
 */
export async function inBulk<T>(
  tx: Executor,
  ctx: ActionCtx,
  auditKey: Buffer,
  fn: (ctx: ActionCtx) => Promise<T>,
): Promise<T> {
  if (ctx.bulk) return fn(ctx);
  await createAuditStage(tx);
  const out = await fn({ ...ctx, bulk: true });
  await checkVoucherBalancesNow(tx);
  await numberPendingVouchers(tx, ctx.tenant.id);
  await appendAudit(tx, ctx.tenant.id, auditKey, actorInfo(ctx), await takeStagedAuditInputs(tx));
  return out;
}
