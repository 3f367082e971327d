import type { ActionCtx } from '../domain/context.ts';
import { postDocuments, type LedgerDeps, type PostDocumentInput } from '../domain/ledger/index.ts';
import { dec } from '../domain/money/index.ts';

interface OpenInvoice {
  number: string;
  customerId: string | null;
  currency: string;
  amount: string;
  documentDate: string;
}

const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/**
 * Receipts the demo leaves for `hexiao match` (nobody has settled them): an exact reference, a full-width one,
 * a reformatted one short by a bank fee, one payment for two invoices of a customer, the payer's exact amount
 * without a reference, a known payer's payment without a reference that fits nothing exactly (a suggestion for the clerk), and an amount nobody is owed. Returns how many it posted.
 */
export async function seedDemoReceiptsForMatching(
  deps: LedgerDeps,
  ctx: ActionCtx,
  open: readonly OpenInvoice[],
  o: { date: string; bankAccountId: string },
): Promise<number> {
  const base = ctx.tenant.baseCurrency;
  const local = open.filter((i) => i.currency === base && i.customerId);
  const used = new Set<OpenInvoice>();
  const take = (pick: (i: OpenInvoice) => boolean = () => true) => {
    const i = local.find((x) => !used.has(x) && pick(x));
    if (i) used.add(i);
    return i;
  };
  const receipts: PostDocumentInput[] = [];
  const receipt = (amount: string, reference: string, customerId: string | null = null) =>
    receipts.push({
      type: 'receipt',
      customerId,
      currency: base,
      amount,
      documentDate: o.date,
      valueDate: o.date,
      bankAccountId: o.bankAccountId,
      reference,
    });
  const exact = take();
  if (exact) receipt(exact.amount, `Payment ${exact.number}`);
  const wide = take();
  if (wide) receipt(wide.amount, `货款 ${fullWidth(wide.number)}`);
  const fee = take((i) => dec(i.amount).gt(100));
  // the bank identified the payer of this one (its account is on file): a bank fee is then absorbed on its own
  if (fee)
    receipt(
      dec(fee.amount).minus('8.50').toFixed(2),
      `${fee.number.toLowerCase().replace(/-/g, ' ')} fee deducted`,
      fee.customerId,
    );
  const first = take((i) => local.some((j) => j !== i && !used.has(j) && j.customerId === i.customerId));
  const second = first && take((j) => j.customerId === first.customerId);
  if (first && second) receipt(dec(first.amount).plus(second.amount).toFixed(2), `${first.number}, ${second.number}`);
  const quiet = take((i) => !local.some((j) => j !== i && j.customerId === i.customerId && j.amount === i.amount));
  if (quiet) receipt(quiet.amount, 'transfer', quiet.customerId);
  // a known payer's payment without a reference that fits no item exactly: matching only suggests an allocation
  const near = take(
    (i) =>
      dec(i.amount).gt(1000) &&
      !local.some((j) => j !== i && j.customerId === i.customerId && dec(j.amount).minus(i.amount).abs().lt(100)),
  );
  if (near) receipt(dec(near.amount).minus('3.00').toFixed(2), 'payment', near.customerId);
  receipt('4321.09', 'consulting fee');
  await postDocuments(deps, ctx, receipts);
  return receipts.length;
}
