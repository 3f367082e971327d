import type { Executor } from '../../store/db.ts';
import { insertDocument, insertDocuments } from '../../store/repos/documents.ts';
import { insertOpenItem, insertOpenItems } from '../../store/repos/open-items.ts';
import { nextVoucherNumber, takeVoucherNumbers } from '../../store/repos/voucher-counters.ts';
import { insertVoucher, insertVouchers } from '../../store/repos/vouchers.ts';
import type { ActionCtx } from '../context.ts';
import { newId } from '../ids.ts';
import type { DocumentPlan } from './post-plan.ts';
import { voucherNo, type Voucher, type VoucherDraft } from './types.ts';

/**
 * Numbers the voucher from the period's locked counter (gapless) and inserts it with its lines. In a bulk run
 * it goes in without a number: the run numbers all of its vouchers in its last step.
 */
export async function saveVoucher(tx: Executor, ctx: ActionCtx, draft: VoucherDraft, id = newId()): Promise<Voucher> {
  const period = draft.voucherDate.slice(0, 7);
  if (ctx.bulk) return (await saveUnnumbered(tx, ctx, [{ draft, id }]))[0]!;
  const number = await nextVoucherNumber(tx, ctx.tenant.id, period);
  const voucher: Voucher = { ...draft, id, period, number, voucherNo: voucherNo(period, number) };
  await insertVoucher(tx, ctx.tenant.id, voucher, ctx.actor.name);
  return voucher;
}

/**
 * Many vouchers at once: one counter step per period (numbers gapless and in the order given), one
 * multi-row insert.
 */
export async function saveVouchers(
  tx: Executor,
  ctx: ActionCtx,
  drafts: readonly { draft: VoucherDraft; id: string }[],
): Promise<Voucher[]> {
  if (ctx.bulk) return saveUnnumbered(tx, ctx, drafts);
  const byPeriod = new Map<string, number>();
  for (const { draft } of drafts) {
    const period = draft.voucherDate.slice(0, 7);
    byPeriod.set(period, (byPeriod.get(period) ?? 0) + 1);
  }
  const next = new Map<string, number>();
  for (const [period, count] of [...byPeriod.entries()].sort())
    next.set(period, (await takeVoucherNumbers(tx, ctx.tenant.id, period, count)) - count + 1);
  const vouchers = drafts.map(({ draft, id }) => {
    const period = draft.voucherDate.slice(0, 7);
    const number = next.get(period)!;
    next.set(period, number + 1);
    return { ...draft, id, period, number, voucherNo: voucherNo(period, number) };
  });
  await insertVouchers(tx, ctx.tenant.id, vouchers, ctx.actor.name);
  return vouchers;
}

async function saveUnnumbered(
  tx: Executor,
  ctx: ActionCtx,
  drafts: readonly { draft: VoucherDraft; id: string }[],
): Promise<Voucher[]> {
  const vouchers = drafts.map(({ draft, id }) => ({
    ...draft,
    id,
    period: draft.voucherDate.slice(0, 7),
    number: null,
    voucherNo: null,
  }));
  await insertVouchers(tx, ctx.tenant.id, vouchers, ctx.actor.name);
  return vouchers;
}

/** Voucher first (the document references it), then the document and its open item. */
export async function saveDocumentPlan(
  tx: Executor,
  ctx: ActionCtx,
  plan: DocumentPlan,
  objectType?: { key: string; version: number } | null,
): Promise<Voucher> {
  const voucher = await saveVoucher(tx, ctx, plan.voucher, plan.document.voucherId);
  await insertDocument(tx, ctx.tenant.id, plan.document, ctx.actor.name, objectType ?? undefined);
  await insertOpenItem(tx, ctx.tenant.id, plan.openItem);
  return voucher;
}

/**
 * Many document plans at once: one counter step per period (numbers stay gapless and in plan order),
 * then one multi-row insert per table.
 */
export async function saveDocumentPlans(
  tx: Executor,
  ctx: ActionCtx,
  plans: { plan: DocumentPlan; objectType?: { key: string; version: number } | null }[],
): Promise<Voucher[]> {
  const vouchers = await saveVouchers(
    tx,
    ctx,
    plans.map(({ plan }) => ({ draft: plan.voucher, id: plan.document.voucherId })),
  );
  await insertDocuments(
    tx,
    ctx.tenant.id,
    plans.map(({ plan, objectType }) => ({ document: plan.document, objectType: objectType ?? undefined })),
    ctx.actor.name,
  );
  await insertOpenItems(
    tx,
    ctx.tenant.id,
    plans.map(({ plan }) => plan.openItem),
  );
  return vouchers;
}
