import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerSetup } from '../ledger/setup.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { checkBooks, postDocuments } from '../../packages/server/src/domain/ledger/index.ts';
import { reverseSettlement } from '../../packages/server/src/domain/settlement/index.ts';
import { runMatching } from '../../packages/server/src/domain/matching/index.ts';
import { dec } from '../../packages/server/src/domain/money/index.ts';

const day = '2026-11-02';
const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

/** Random books on the database: invoices of three customers, receipts that pay, part-pay, overpay or name nothing. */
const books = fc.record({
  invoices: fc.array(fc.record({ customer: fc.nat(2), cents: fc.integer({ min: 100, max: 200_000 }) }), {
    minLength: 1,
    maxLength: 8,
  }),
  receipts: fc.array(
    fc.record({
      refs: fc.array(fc.nat(9), { maxLength: 2 }),
      payer: fc.option(fc.nat(2), { nil: null }),
      kind: fc.constantFrom('exact', 'partial', 'over', 'fee', 'random'),
      cents: fc.integer({ min: 100, max: 200_000 }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

describe('matching runs over random books (property, on the test database)', () => {
  it('never allocates more than a document holds, keeps every voucher balanced, and reversing the run restores every open amount exactly', async () => {
    let reversed = 0;
    await fc.assert(
      fc.asyncProperty(books, async (b) => {
        const s = await ledgerSetup(3);
        const invoices = await postDocuments(
          s.deps,
          s.ctx,
          b.invoices.map((v, i) => ({
            type: 'invoice' as const,
            number: `PINV-${i}`,
            customerId: s.customers[v.customer]!,
            currency: 'CNY',
            amount: cents(v.cents),
            documentDate: day,
          })),
        );
        const amountOf = (i: number) => b.invoices[i % b.invoices.length]!.cents;
        const receipts = await postDocuments(
          s.deps,
          s.ctx,
          b.receipts.map((r) => {
            const named = r.refs.map((x) => x % b.invoices.length);
            const due = named.reduce((t, i) => t + amountOf(i), 0);
            const amount =
              r.kind === 'random' || due === 0
                ? r.cents
                : r.kind === 'exact'
                  ? due
                  : r.kind === 'partial'
                    ? Math.max(1, Math.floor(due / 2))
                    : r.kind === 'over'
                      ? due + 1000
                      : Math.max(1, due - 250);
            return {
              type: 'receipt' as const,
              customerId: r.payer === null ? null : s.customers[r.payer]!,
              currency: 'CNY',
              amount: cents(amount),
              documentDate: day,
              reference: named.map((i) => `PINV-${i}`).join(', ') || 'payment',
            };
          }),
        );
        const ids = [...invoices, ...receipts].map((p) => p.document.id);
        const before = await getOpenItems(s.database.db, s.tenant.id, ids);

        const report = await runMatching(s.deps, s.ctx, { postingDate: day });
        const after = await getOpenItems(s.database.db, s.tenant.id, ids);
        for (const id of ids) {
          const o = after.get(id)!;
          // Σ allocations per document ≤ its amount: what is open never goes below zero nor above the amount
          expect(dec(o.openAmount).gte(0)).toBe(true);
          expect(dec(o.openAmount).lte(o.amount)).toBe(true);
        }
        expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);

        for (const e of report.settlements)
          await reverseSettlement(s.deps, s.ctx, { settlementId: e.settlementId!, reason: 'property: undo the run' });
        reversed += report.settlements.length;
        const undone = await getOpenItems(s.database.db, s.tenant.id, ids);
        for (const id of ids) expect(undone.get(id)!.openAmount).toBe(before.get(id)!.openAmount);
        expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
      }),
      {
        numRuns: 6,
        // one book that always settles, so that the guard below never depends on what the random ones drew
        examples: [
          [
            {
              invoices: [{ customer: 0, cents: 12_345 }],
              receipts: [{ refs: [0], payer: 0, kind: 'exact' as const, cents: 100 }],
            },
          ],
        ],
      },
    );
    expect(reversed).toBeGreaterThan(0); // the runs did settle something
  }, 300_000);
});
