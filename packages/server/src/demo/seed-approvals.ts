import { demoApprovalDefinitions, demoRoles } from '../../../../examples/demo-tenant/index.ts';
import type { ActionCtx } from '../domain/context.ts';
import type { Customer } from '../domain/customers/index.ts';
import { publishDraft, saveDraft, type DefinitionsDeps } from '../domain/definitions/index.ts';
import { saveRole } from '../domain/identity/index.ts';
import { postDocument, todayIn } from '../domain/ledger/index.ts';
import { allocate } from '../domain/settlement/index.ts';
import { addDays } from './dates.ts';
import { commercialDates } from './commercial-dates.ts';

/** The roles the demo flows assign; created before the users who hold them. */
export async function seedDemoRoles(deps: DefinitionsDeps, ctx: ActionCtx): Promise<number> {
  for (const r of demoRoles) await saveRole(deps, ctx, r.key, { name: r.name, permissions: r.permissions });
  return demoRoles.length;
}

/** The amounts of ENGINES.md §2.4's four simulations: each write-off candidate takes another route. */
const overdueAmounts = ['80000.00', '150000.00', '600000.00', '1200000.00'];

export interface DemoApprovalsSummary {
  definitions: number;
  /** Write-off candidates the demo screens list. */
  candidates: number;
  documents: number;
  settlements: number;
}

/**
 * The demo approvals: the forms, flows and screens published, and books that give the screens something
 * to list — invoices more than a year overdue for the customers in liquidation or in a legal dispute (one
 * per §2.4 amount tier), and partly paid invoices with a few yuan left open.
 */
export async function seedDemoApprovals(
  deps: DefinitionsDeps,
  ctx: ActionCtx,
  customers: readonly Customer[],
  o: { today?: string } = {},
): Promise<DemoApprovalsSummary> {
  const definitions = demoApprovalDefinitions();
  for (const d of definitions) {
    await saveDraft(deps, ctx, { kind: d.kind, key: d.key, document: d.document });
    await publishDraft(deps, ctx, d.kind, d.key);
  }
  const today = o.today ?? todayIn(ctx.tenant.timeZone);
  const local = customers.filter((c) => c.currency === 'CNY');
  const troubled = local.filter((c) => c.custom.inLiquidation === true || c.custom.inLegalDispute === true);
  let candidates = 0;
  for (const [i, c] of troubled.entries()) {
    const date = addDays(today, -520 + i * 7);
    await postDocument(deps, ctx, {
      type: 'invoice',
      customerId: c.id,
      currency: 'CNY',
      amount: overdueAmounts[i % overdueAmounts.length]!,
      documentDate: date,
      dueDate: addDays(date, c.paymentTermsDays ?? 30),
      description: 'Demo: long overdue',
      ...commercialDates(date),
    });
    candidates++;
  }
  const longOverdue = candidates;
  for (const [i, c] of local
    .filter((x) => !troubled.includes(x))
    .slice(0, 3)
    .entries()) {
    const date = addDays(today, -150 - i * 10);
    const inv = await postDocument(deps, ctx, {
      type: 'invoice',
      customerId: c.id,
      currency: 'CNY',
      amount: '12000.00',
      documentDate: date,
      dueDate: addDays(date, 30),
      description: 'Demo: paid short',
      ...commercialDates(date),
    });
    const paid = ['11996.50', '11991.20', '11999.99'][i]!;
    const receipt = await postDocument(deps, ctx, {
      type: 'receipt',
      customerId: c.id,
      currency: 'CNY',
      amount: paid,
      documentDate: addDays(date, 45),
    });
    await allocate(deps, ctx, {
      lines: [{ debitDocumentId: inv.document.id, creditDocumentId: receipt.document.id, amount: paid }],
      postingDate: addDays(date, 45),
    });
    candidates++;
  }
  const short = candidates - longOverdue;
  return { definitions: definitions.length, candidates, documents: longOverdue + 2 * short, settlements: short };
}
