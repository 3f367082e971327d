import type { ActionCtx } from '../domain/context.ts';
import type { Customer } from '../domain/customers/index.ts';
import type { DefinitionsDeps } from '../domain/definitions/index.ts';
import { postDocument, postWriteOff, todayIn } from '../domain/ledger/index.ts';
import { postRecovery } from '../domain/recoveries/index.ts';
import { addDays } from './dates.ts';
import { commercialDates } from './commercial-dates.ts';

/** Two debts the demo writes off this month: provided for by last month's run, then written off as bad. */
export interface DemoBadDebts {
  items: { customerId: string; invoiceId: string; amount: string }[];
}

/**
 * Before last month's provisioning run: two invoices well over a year overdue, for customers who are neither
 * in liquidation nor in a legal dispute (their debts are the approval screens' candidates).
 */
export async function seedDemoBadDebts(
  deps: DefinitionsDeps,
  ctx: ActionCtx,
  customers: readonly Customer[],
): Promise<DemoBadDebts> {
  const today = todayIn(ctx.tenant.timeZone);
  const quiet = customers.filter(
    (c) => c.currency === 'CNY' && !c.parentId && c.custom.inLiquidation !== true && c.custom.inLegalDispute !== true,
  );
  const items: DemoBadDebts['items'] = [];
  for (const [i, c] of quiet.slice(-2).entries()) {
    const date = addDays(today, -430 - i * 20);
    const amount = ['90000.00', '45000.00'][i]!;
    const inv = await postDocument(deps, ctx, {
      type: 'invoice',
      number: `DEMO-BAD-${i + 1}`,
      customerId: c.id,
      currency: 'CNY',
      amount,
      documentDate: date,
      dueDate: addDays(date, 30),
      description: 'Demo: uncollectable after the customer stopped trading',
      ...commercialDates(date),
    });
    items.push({ customerId: c.id, invoiceId: inv.document.id, amount });
  }
  return { items };
}

/**
 * This month: both debts written off against the allowance; the first customer's liquidator later pays
 * 60 % (recovered: the receivable reinstated against the allowance and settled); the second customer's
 * unexpected payment stays open for the clerk, and matching proposes it as a recovery.
 */
export async function seedDemoRecoveries(deps: DefinitionsDeps, ctx: ActionCtx, debts: DemoBadDebts) {
  const today = todayIn(ctx.tenant.timeZone);
  const written = [];
  for (const [i, d] of debts.items.entries()) {
    const w = await postWriteOff(deps, ctx, {
      kind: 'bad-debt',
      items: [{ documentId: d.invoiceId }],
      reason: 'customer ceased trading; no assets (demo)',
      postingDate: today,
      number: `DEMO-WO-${i + 1}`,
    });
    written.push(w.items[0]!.document);
  }
  const [first, second] = debts.items;
  let recovered = 0;
  if (first && written[0]) {
    const cash = await postDocument(deps, ctx, {
      type: 'receipt',
      customerId: first.customerId,
      currency: 'CNY',
      amount: '54000.00',
      documentDate: today,
      reference: 'liquidation dividend',
    });
    await postRecovery(deps, ctx, {
      writeOffId: written[0].id,
      receiptId: cash.document.id,
      postingDate: today,
      reason: "liquidator's first dividend (demo)",
    });
    recovered++;
  }
  if (second)
    await postDocument(deps, ctx, {
      type: 'receipt',
      customerId: second.customerId,
      currency: 'CNY',
      amount: '10000.00',
      documentDate: today,
      reference: 'settlement offer',
    });
  // write-offs, the receipts and the recovery
  return { writeOffs: written.length, recovered, documents: written.length + (second ? 1 : 0) + 2 * recovered };
}
