import { readVoucher } from '../ledger/index.ts';
import { lockOpenItems, updateOpenItem } from '../../store/repos/open-items.ts';
import { findSettlementReversal, getSettlement, insertSettlement } from '../../store/repos/settlements.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { mirrorVoucher, saveVoucher, todayIn, type LedgerDeps } from '../ledger/index.ts';
import { dec } from '../money/index.ts';
import { refuseReversalByPoster, requireOpenPeriod, segregationPolicy } from '../periods/index.ts';
import { planSettlementReversal } from './allocate-plan.ts';
import type { PostedSettlement } from './allocate.ts';

export interface ReverseSettlementRequest {
  settlementId: string;
  reason: string;
  postingDate?: string;
}

/** Undoes an allocation by posting its reversal (lines with sign -1, mirrored voucher); never twice. */
export async function reverseSettlement(
  deps: LedgerDeps,
  ctx: ActionCtx,
  input: ReverseSettlementRequest,
): Promise<PostedSettlement> {
  if (!input.reason?.trim()) throw invalid('/reason', 'is required: say why the settlement is reversed');
  const postingDate = input.postingDate ?? todayIn(ctx.tenant.timeZone);
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    const period = await requireOpenPeriod(tx, tenantId, postingDate);
    const original = await getSettlement(tx, tenantId, input.settlementId, true);
    const record = `settlement ${input.settlementId}`;
    if (!original) throw new HexiaoError('not_found', `${record} does not exist`, { pointer: '/settlementId' });
    if (original.kind !== 'allocation')
      throw new HexiaoError(
        'conflict',
        `${record} is a ${original.kind} and cannot be reversed${original.kind === 'document-reversal' ? ' (it belongs to a red document)' : ''}`,
        { pointer: '/settlementId', record },
      );
    refuseReversalByPoster(await segregationPolicy(tx, tenantId), {
      postedBy: original.createdBy,
      actor: ctx.actor.name,
      baseAmount: original.lines.reduce((t, l) => t.plus(l.debitBaseAmount), dec('0')),
      record,
    });
    if (await findSettlementReversal(tx, tenantId, original.id))
      throw new HexiaoError('conflict', `${record} is already reversed`, { pointer: '/settlementId', record });
    if (postingDate < original.postingDate)
      throw invalid('/postingDate', `is before the settlement's posting date ${original.postingDate}`, record);
    const docs = await lockOpenItems(
      tx,
      tenantId,
      original.lines.flatMap((l) => [l.debitDocumentId, l.creditDocumentId]),
    );
    const originalVoucher = original.voucherId ? await readVoucher(tx, tenantId, original.voucherId) : undefined;
    const plan = planSettlementReversal({ lines: original.lines, docs, originalVoucher: originalVoucher ?? null });
    const id = newId();
    const voucher = originalVoucher
      ? await saveVoucher(
          tx,
          ctx,
          mirrorVoucher(originalVoucher, {
            voucherDate: postingDate,
            sourceType: 'settlement',
            sourceId: id,
            description: `reversal of ${originalVoucher.voucherNo}: ${input.reason}`,
            currency: originalVoucher.currency,
            mappingKey: originalVoucher.mappingKey,
            mappingVersion: originalVoucher.mappingVersion,
          }),
        )
      : null;
    deps.fault?.('unsettle:after-voucher');
    const header = {
      id,
      kind: 'reversal' as const,
      customerId: original.customerId,
      postingDate,
      period,
      reversesId: original.id,
      reason: input.reason,
      voucherId: voucher?.id ?? null,
    };
    await insertSettlement(tx, tenantId, header, plan.lines, ctx.actor.name);
    for (const o of plan.open.values()) await updateOpenItem(tx, tenantId, o);
    deps.fault?.('unsettle:after-open-items');
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'settlement.reverse',
      entityType: 'settlement',
      entityId: original.id,
      after: { reversal: id, voucherNo: voucher?.voucherNo ?? null, reason: input.reason },
    });
    return { settlement: { ...header, lines: plan.lines }, voucher };
  });
}
