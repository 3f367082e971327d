import { lockOpenItems } from '../../store/repos/open-items.ts';
import type { ActionCtx, TenantCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { postDocument, todayIn, type LedgerDeps } from '../ledger/index.ts';
import { dec, formatMoney, minorUnits } from '../money/index.ts';
import { allocate } from '../settlement/index.ts';
import { overrideLines, uncovered, type OverrideItem } from './override-plan.ts';

export interface OverrideInput {
  receiptId: string;
  receivableIds: string[];
  /** The difference the request was filed (and approved) for. */
  amount?: string;
  adjustmentKind: 'discount' | 'rebate' | 'bank-fee' | 'rounding';
  postingDate?: string;
}

async function lockedParts(tx: Executor, tenantId: string, o: Pick<OverrideInput, 'receiptId' | 'receivableIds'>) {
  const locked = await lockOpenItems(tx, tenantId, [o.receiptId, ...o.receivableIds]);
  const receipt = locked.get(o.receiptId)!;
  const items: OverrideItem[] = o.receivableIds.map((id) => {
    const t = locked.get(id)!;
    return { documentId: id, open: dec(t.open.openAmount), dueDate: t.document.dueDate, number: t.document.number };
  });
  const customerId = locked.get(o.receivableIds[0]!)!.document.customerId;
  return { receipt, items, customerId, difference: uncovered(dec(receipt.open.openAmount), items) };
}

/**
 * Checks an override at submission (the subject already checked the receipt and the items): the receipt
 * must leave part of the items uncovered, and a difference typed in must be that part. Returns it.
 */
export async function checkOverride(tx: Executor, tenant: TenantCtx, o: OverrideInput): Promise<string> {
  const { receipt, difference } = await lockedParts(tx, tenant.id, o);
  const currency = receipt.document.currency;
  if (difference.lte(0))
    throw invalid(
      '/data/receivableIds',
      `${receipt.document.number} covers them (${formatMoney(dec(receipt.open.openAmount), currency)} open): settle them in the matching queue, no override is needed`,
    );
  if (o.amount !== undefined && !dec(o.amount).eq(difference))
    throw invalid(
      '/data/amount',
      `must be what ${receipt.document.number} leaves uncovered: ${formatMoney(difference, currency)} (or empty)`,
    );
  return difference.toFixed();
}

/**
 * Performs an approved override in the decision's transaction: an adjustment of the approved kind for the
 * difference (numbered by the request, so the ledger refuses a second one), then one settlement of every
 * item in full by the receipt and the adjustment. Refused when the open amounts moved since the request.
 */
export async function postOverride(
  ledger: LedgerDeps,
  ctx: ActionCtx,
  o: OverrideInput & { reason: string },
  request: { number: string },
) {
  const { receipt, items, customerId, difference } = await lockedParts(ledger.db, ctx.tenant.id, o);
  const currency = receipt.document.currency;
  if (o.amount === undefined || !difference.eq(o.amount))
    throw new HexiaoError(
      'conflict',
      `request ${request.number} absorbs ${o.amount === undefined ? 'no amount' : formatMoney(dec(o.amount), currency)}, but ${receipt.document.number} now leaves ${formatMoney(difference, currency)} of the items uncovered: the open amounts changed since it was filed; file a new request`,
    );
  const adjustment = await postDocument(ledger, ctx, {
    type: 'adjustment',
    adjustmentKind: o.adjustmentKind,
    ...(o.adjustmentKind === 'rounding' ? { side: 'credit' as const } : {}),
    number: request.number,
    customerId,
    currency,
    amount: difference.toFixed(minorUnits(currency) ?? 2),
    documentDate: o.postingDate ?? todayIn(ctx.tenant.timeZone),
    ...(o.postingDate ? { postingDate: o.postingDate } : {}),
    reference: request.number,
    description: `${o.adjustmentKind} approved by request ${request.number} for ${receipt.document.number}`.slice(
      0,
      500,
    ),
  });
  const payer = receipt.document.customerId;
  const settled = await allocate(ledger, ctx, {
    lines: overrideLines({ documentId: receipt.document.id, open: dec(receipt.open.openAmount) }, items, {
      documentId: adjustment.document.id,
      amount: difference,
    }),
    ...(o.postingDate ? { postingDate: o.postingDate } : {}),
    reason: o.reason,
    ...(payer && payer !== customerId ? { customerId: payer } : {}),
  });
  return { adjustment, settlement: settled };
}
