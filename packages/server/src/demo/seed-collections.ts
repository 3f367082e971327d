import { makePromise, openDispute } from '../domain/collections/index.ts';
import type { ActionCtx } from '../domain/context.ts';
import type { Customer } from '../domain/customers/index.ts';
import type { DefinitionsDeps } from '../domain/definitions/index.ts';
import { postDocument, todayIn } from '../domain/ledger/index.ts';
import { addDays } from './dates.ts';
import { commercialDates } from './commercial-dates.ts';

/**
 * Collections the demo starts with, on three overdue invoices of customers a sales rep owns: a promise to pay
 * whose date passed unpaid (the first reminder sweep records it broken and escalates it), a promise for next
 * week (the collection plan expects that invoice then, and its reminders wait), and a quality dispute (its
 * reminders pause until it is resolved).
 */
export async function seedDemoCollections(deps: DefinitionsDeps, ctx: ActionCtx, customers: readonly Customer[]) {
  const today = todayIn(ctx.tenant.timeZone);
  const owned = customers.filter(
    (c) =>
      c.currency === 'CNY' &&
      !c.parentId &&
      c.salesOwner &&
      c.custom.inLiquidation !== true &&
      c.custom.inLegalDispute !== true,
  );
  const plans = [
    { number: 'DEMO-PTP-1', amount: '36000.00', due: -25 },
    { number: 'DEMO-PTP-2', amount: '18500.00', due: -15 },
    { number: 'DEMO-DSP-1', amount: '27300.00', due: -40 },
  ];
  const invoices = [];
  for (const [i, p] of plans.entries()) {
    const c = owned[i % Math.max(owned.length, 1)];
    if (!c) return { documents: 0 };
    const date = addDays(today, p.due - 30);
    invoices.push(
      await postDocument(deps, ctx, {
        type: 'invoice',
        number: p.number,
        customerId: c.id,
        currency: 'CNY',
        amount: p.amount,
        documentDate: date,
        dueDate: addDays(date, 30),
        description: 'Demo: an overdue invoice in collections',
        ...commercialDates(date),
      }),
    );
  }
  const [broken, pending, disputed] = invoices.map((r) => r.document.id);
  await makePromise(
    deps,
    ctx,
    broken!,
    { madeOn: addDays(today, -12), promisedDate: addDays(today, -4), note: 'promised by phone to the sales rep' },
    undefined,
  );
  await makePromise(
    deps,
    ctx,
    pending!,
    { promisedDate: addDays(today, 6), amount: '10000.00', note: 'first half next week, the rest at month end' },
    undefined,
  );
  await openDispute(
    deps,
    ctx,
    disputed!,
    { category: 'quality', reason: 'two lots of wafers failed incoming inspection', amount: '9100.00' },
    undefined,
  );
  return { documents: invoices.length };
}
