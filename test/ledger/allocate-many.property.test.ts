import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ledgerSetup } from './setup.ts';
import { checkBooks, postDocuments, type PostDocumentInput } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate, allocateMany } from '../../packages/server/src/domain/settlement/index.ts';
import { isHexiaoError } from '../../packages/server/src/domain/errors.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { Decimal } from '../../packages/server/src/domain/money/index.ts';
import type { Db } from '../../packages/server/src/domain/deps.ts';
import { sql } from '../../packages/server/src/store/db.ts';

// three invoices and two receipts per customer, fixed amounts: the allocations below spend them, some too far
const docs = (customers: string[]): PostDocumentInput[] =>
  customers.flatMap((customerId) => [
    ...['300.00', '120.50', '75.25'].map((amount) => ({
      type: 'invoice' as const,
      customerId,
      currency: 'CNY',
      amount,
      documentDate: '2026-11-02',
    })),
    ...['250.00', '180.00'].map((amount) => ({
      type: 'receipt' as const,
      customerId,
      currency: 'CNY',
      amount,
      documentDate: '2026-11-03',
    })),
  ]);

const allocationArb = fc.record({
  customer: fc.constantFrom(0, 1),
  lines: fc.array(
    fc.record({
      invoice: fc.integer({ min: 0, max: 2 }),
      receipt: fc.integer({ min: 0, max: 1 }),
      cents: fc.integer({ min: 1, max: 20_000 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  // a line of the other customer's invoice: the ledger refuses the whole allocation
  stray: fc.boolean(),
});
type Allocation = typeof allocationArb extends fc.Arbitrary<infer T> ? T : never;

const linesOf = (a: Allocation, ids: string[]) =>
  a.lines.map((l, k) => ({
    debitDocumentId: ids[(a.stray && k === 0 ? 1 - a.customer : a.customer) * 5 + l.invoice]!,
    creditDocumentId: ids[a.customer * 5 + 3 + l.receipt]!,
    amount: new Decimal(l.cents).div(100).toFixed(2),
  }));

describe('allocateMany (planned in memory, written together) equals allocating one by one', () => {
  it('refuses the same allocations, leaves the same open amounts and numbers the vouchers the same (10 random runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(allocationArb, { minLength: 1, maxLength: 12 }), async (allocations) => {
        const a = await ledgerSetup(2);
        const b = await ledgerSetup(2);
        const idsA = (await postDocuments(a.deps, a.ctx, docs(a.customers))).map((p) => p.document.id);
        const idsB = (await postDocuments(b.deps, b.ctx, docs(b.customers))).map((p) => p.document.id);
        const many = await a.database.db.transaction((tx) =>
          allocateMany(
            { ...a.deps, db: tx as Db },
            a.ctx,
            allocations.map((x) => ({ lines: linesOf(x, idsA), postingDate: '2026-11-20', reason: 'batch' })),
          ),
        );
        const one: boolean[] = [];
        for (const x of allocations) {
          try {
            await allocate(b.deps, b.ctx, { lines: linesOf(x, idsB), postingDate: '2026-11-20', reason: 'one' });
            one.push(true);
          } catch (e) {
            if (!isHexiaoError(e)) throw e;
            one.push(false);
          }
        }
        expect(many.map((m) => m.settlementId !== null)).toEqual(one);
        expect(many.every((m) => (m.settlementId === null) === (m.conflict !== undefined))).toBe(true);
        const openA = await getOpenItems(a.database.db, a.tenant.id, idsA);
        const openB = await getOpenItems(b.database.db, b.tenant.id, idsB);
        expect(idsA.map((id) => new Decimal(openA.get(id)!.openAmount).toFixed(2))).toEqual(
          idsB.map((id) => new Decimal(openB.get(id)!.openAmount).toFixed(2)),
        );
        expect(idsA.map((id) => openA.get(id)!.status)).toEqual(idsB.map((id) => openB.get(id)!.status));
        const booksA = await checkBooks(a.database.db, a.tenant.id);
        expect(booksA.violations).toEqual([]);
        const vouchers = async (s: typeof a) => {
          const r = (await s.database.db.execute(
            sql`SELECT period, number FROM vouchers WHERE tenant_id = ${s.tenant.id} ORDER BY period, number`,
          )) as unknown as { rows?: unknown[] } | unknown[];
          return Array.isArray(r) ? r : r.rows;
        };
        expect(await vouchers(a)).toEqual(await vouchers(b));
      }),
      { numRuns: 10 },
    );
  }, 180_000);
});
