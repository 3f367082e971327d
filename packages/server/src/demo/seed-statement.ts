import type { ActionCtx } from '../domain/context.ts';
import type { Customer } from '../domain/customers/index.ts';
import type { DefinitionsDeps } from '../domain/definitions/index.ts';
import { postDocuments } from '../domain/ledger/index.ts';
import { commercialDates } from './commercial-dates.ts';

/**
 * The invoices the demo's own bank statement pays (examples/demo-tenant/statements/icbc-20261015.camt053.xml):
 * fixed numbers and dates, so the committed file matches them whenever the demo is loaded. Its four payments
 * are a reference, two references in one payment, a payer's payment without one (a suggestion) and a payment
 * for two invoices that a clerk allocates by hand.
 */
export const demoStatementInvoices = [
  { number: 'INV-DEMO-S01', customer: 'C00004', amount: '58000.00' },
  { number: 'INV-DEMO-S02', customer: 'C00008', amount: '23400.00' },
  { number: 'INV-DEMO-S03', customer: 'C00008', amount: '11700.00' },
  { number: 'INV-DEMO-S04', customer: 'C00010', amount: '30000.00' },
  { number: 'INV-DEMO-S05', customer: 'C00011', amount: '40000.00' },
  { number: 'INV-DEMO-S06', customer: 'C00011', amount: '25000.00' },
] as const;

export async function seedDemoStatementInvoices(
  deps: DefinitionsDeps,
  ctx: ActionCtx,
  customers: readonly Customer[],
): Promise<number> {
  const byCode = new Map(customers.map((c) => [c.code, c]));
  const invoices = demoStatementInvoices.flatMap((s, i) => {
    const c = byCode.get(s.customer);
    return c
      ? [
          {
            type: 'invoice' as const,
            number: s.number,
            customerId: c.id,
            currency: 'CNY',
            amount: s.amount,
            documentDate: `2026-09-${String(10 + i).padStart(2, '0')}`,
            dueDate: `2026-10-${String(10 + i).padStart(2, '0')}`,
            description: 'Demo: paid by the committed bank statement of 15 October 2026',
            ...commercialDates(`2026-09-${String(10 + i).padStart(2, '0')}`),
          },
        ]
      : [];
  });
  await postDocuments(deps, ctx, invoices);
  return invoices.length;
}
