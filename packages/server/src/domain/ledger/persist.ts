import type { Executor } from '../../store/db.ts';
import { insertDocument } from '../../store/repos/documents.ts';
import { insertOpenItem } from '../../store/repos/open-items.ts';
import { nextVoucherNumber } from '../../store/repos/voucher-counters.ts';
import { insertVoucher } from '../../store/repos/vouchers.ts';
import type { ActionCtx } from '../context.ts';
import { newId } from '../identity/secrets.ts';
import type { DocumentPlan } from './post-plan.ts';
import { voucherNo, type Voucher, type VoucherDraft } from './types.ts';

/** Numbers the voucher from the period's locked counter (gapless) and inserts it with its lines. */
export async function saveVoucher(tx: Executor, ctx: ActionCtx, draft: VoucherDraft, id = newId()): Promise<Voucher> {
  const period = draft.voucherDate.slice(0, 7);
  const number = await nextVoucherNumber(tx, ctx.tenant.id, period);
  const voucher: Voucher = { ...draft, id, period, number, voucherNo: voucherNo(period, number) };
  await insertVoucher(tx, ctx.tenant.id, voucher, ctx.actor.name);
  return voucher;
}

/** Voucher first (the document references it), then the document and its open item. */
export async function saveDocumentPlan(tx: Executor, ctx: ActionCtx, plan: DocumentPlan, objectType?: { key: string; version: number } | null): Promise<Voucher> {
  const voucher = await saveVoucher(tx, ctx, plan.voucher, plan.document.voucherId);
  await insertDocument(tx, ctx.tenant.id, plan.document, ctx.actor.name, objectType ?? undefined);
  await insertOpenItem(tx, ctx.tenant.id, plan.openItem);
  return voucher;
}
