import { describe, expect, it } from 'vitest';
import { importCamt, importDeps, importTenant } from '../imports/support.ts';
import { testKinds } from '../support/factories.ts';
import { insertCustomers } from '../../packages/server/src/store/repos/customers.ts';
import { matchReceiptsInScope } from '../../packages/server/src/store/repos/matching.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import { postDocument } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../packages/server/src/domain/settlement/index.ts';
import { proposeRules, runMatching } from '../../packages/server/src/domain/matching/index.ts';
import { getDefinition } from '../../packages/server/src/domain/definitions/index.ts';

const iban = 'DE44500105175407324931';

/** One EUR invoice per amount for the customer, numbered by `number(i)`: the document ids by amount. */
async function postInvoices(
  deps: Parameters<typeof postDocument>[0],
  ctx: Parameters<typeof postDocument>[1],
  customerId: string,
  amounts: string[],
  number: (i: number) => string,
) {
  const ids = new Map<string, string>();
  for (const [i, amount] of amounts.entries()) {
    const p = await postDocument(deps, ctx, {
      type: 'invoice',
      number: number(i),
      customerId,
      currency: 'EUR',
      amount,
      documentDate: '2024-05-20',
    });
    ids.set(amount, p.document.id);
  }
  return ids;
}

describe('learned rule proposals', { timeout: 120_000 }, () => {
  it('proposes a payer account clerks keep settling by hand for one customer, as a draft with its backtest; publishes nothing', async () => {
    const ctx = await importTenant();
    const deps = { ...(await importDeps()), kinds: testKinds };
    const [c] = await insertCustomers(deps.db, [
      { tenantId: ctx.tenant.id, id: newId(), code: 'LRN-C', name: 'Learner Co', custom: {}, status: 'active' },
    ]);
    const invoices = await postInvoices(
      deps,
      ctx,
      c!.id,
      ['100.00', '200.00', '300.00', '400.00'],
      (i) => `LRN-INV-${i + 1}`,
    );
    // a payer account nobody has on file: the bank lines become receipts without a customer
    await importCamt(
      ctx,
      'LRN-STMT',
      ['100.00', '200.00', '300.00', '400.00'].map((amount, i) => ({
        ref: `LRN-R${i}`,
        e2e: `E2E-LRN-${i}`,
        amount,
        credit: true,
        date: `2024-06-0${i + 3}`,
        payerIban: iban,
      })),
    );
    const receipts = await matchReceiptsInScope(deps.db, ctx.tenant.id, {});
    expect(receipts.map((r) => [r.counterparty_account, r.customer_id])).toEqual(
      Array.from({ length: 4 }, () => [iban, null]),
    );
    const first = await runMatching(deps, ctx, { dryRun: true });
    expect(first.counts.auto).toBe(0);

    // the clerk settles three of them by hand, always for the same customer
    for (const r of receipts.filter((x) => !x.amount.startsWith('400'))) {
      const amount = r.amount.slice(0, -2); // numeric(20,4) text: 100.0000 → 100.00
      await allocate(deps, ctx, {
        lines: [{ debitDocumentId: invoices.get(amount)!, creditDocumentId: r.id, amount }],
        postingDate: '2024-06-10',
      });
    }
    const none = await proposeRules(deps, ctx, { from: '2024-06-01', to: '2024-06-30', minSettlements: 4 });
    expect(none).toMatchObject({ proposals: [], draft: null, backtest: null });

    const out = await proposeRules(deps, ctx, { from: '2024-06-01', to: '2024-06-30' });
    expect(out.proposals).toEqual([
      {
        kind: 'payer-account',
        account: iban,
        customer: { id: c!.id, code: 'LRN-C', name: 'Learner Co' },
        settlements: 3,
      },
    ]);
    expect(out.draft).toMatchObject({ kind: 'rule-set', key: 'default-proposal', status: 'draft' });
    // its backtest: with the learned account the draft settles all four, the three checkable ones as the clerk did
    expect(out.backtest!.candidate).toMatchObject({ verifiable: 3, correct: 3, precision: 100 });
    expect(out.backtest!.candidate.counts.auto).toBe(4);
    expect(out.backtest!.published.counts.auto).toBe(0);
    const change = out.backtest!.changes.items[0]!;
    expect(change.candidate.evidence.map((e) => e.detail).join(' ')).toMatch(/learned/);

    // nothing published: the tenant's rule set is still version 1 without learned payers
    const published = await getDefinition<{ learnedPayers?: unknown[] }>(deps.db, ctx.tenant.id, 'rule-set', 'default');
    expect(published.version).toBe(1);
    expect(published.document.learnedPayers).toBeUndefined();
    const draft = await getDefinition(deps.db, ctx.tenant.id, 'rule-set', 'default-proposal', 'draft');
    expect(draft.document).toMatchObject({ learnedPayers: [{ account: iban, customerId: c!.id, settlements: 3 }] });
  });

  it('proposes the shape in which a payer keeps writing invoice numbers clerks settle by hand, and the draft reads it', async () => {
    const ctx = await importTenant();
    const deps = { ...(await importDeps()), kinds: testKinds };
    const [c] = await insertCustomers(deps.db, [
      { tenantId: ctx.tenant.id, id: newId(), code: 'SHP-C', name: 'Shape Co', custom: {}, status: 'active' },
    ]);
    const amounts = ['110.00', '220.00', '330.00', '440.00'];
    const invoices = await postInvoices(
      deps,
      ctx,
      c!.id,
      amounts,
      (i) => `SHP-2024-${String(12 + i).padStart(4, '0')}`,
    );
    // "RE 12/24" for SHP-2024-0012: the engine reads neither the number nor its digits
    await importCamt(
      ctx,
      'SHP-STMT',
      amounts.map((amount, i) => ({
        ref: `SHP-R${i}`,
        e2e: `RE ${12 + i}/24`,
        amount,
        credit: true,
        date: `2024-06-0${i + 3}`,
      })),
    );
    const first = await runMatching(deps, ctx, { dryRun: true });
    expect(first.counts.auto).toBe(0);
    const receipts = await matchReceiptsInScope(deps.db, ctx.tenant.id, {});
    for (const r of receipts.filter((x) => !x.amount.startsWith('440'))) {
      const amount = r.amount.slice(0, -2);
      await allocate(deps, ctx, {
        lines: [{ debitDocumentId: invoices.get(amount)!, creditDocumentId: r.id, amount }],
        postingDate: '2024-06-10',
      });
    }
    const out = await proposeRules(deps, ctx, { from: '2024-06-01', to: '2024-06-30' });
    expect(out.proposals).toEqual([
      {
        kind: 'reference-shape',
        text: 'RE {2} {1}',
        number: 'SHP-20{1:2}-{2:4}',
        settlements: 3,
        examples: expect.arrayContaining([{ text: expect.stringMatching(/RE 12\/24/), number: 'SHP-2024-0012' }]),
      },
    ]);
    // the draft settles the fourth receipt by the learned shape, and the three others as the clerk did
    expect(out.backtest!.published.counts.auto).toBe(0);
    expect(out.backtest!.candidate.counts.auto).toBe(4);
    expect(out.backtest!.candidate).toMatchObject({ verifiable: 3, correct: 3, precision: 100 });
    const change = out.backtest!.changes.items.find((x) => x.candidate.evidence.some((e) => /learned/.test(e.detail)));
    expect(change).toBeDefined();
    const draft = await getDefinition(deps.db, ctx.tenant.id, 'rule-set', 'default-proposal', 'draft');
    expect(draft.document).toMatchObject({
      learnedReferences: [{ text: 'RE {2} {1}', number: 'SHP-20{1:2}-{2:4}', settlements: 3 }],
    });
  });
});
