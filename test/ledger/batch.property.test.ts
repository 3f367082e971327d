import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ledgerSetup, linesOf } from './setup.ts';
import {
  checkBooks,
  postDocument,
  postDocuments,
  type PostDocumentInput,
} from '../../packages/server/src/domain/ledger/index.ts';
import { Decimal } from '../../packages/server/src/domain/money/index.ts';

const docArb = fc.record({
  kind: fc.constantFrom('invoice', 'receipt', 'credit-note', 'discount', 'prepayment'),
  customer: fc.constantFrom(0, 1),
  usd: fc.boolean(),
  cents: fc.integer({ min: 1, max: 5_000_000 }),
  december: fc.boolean(),
  day: fc.integer({ min: 1, max: 28 }),
});
type Doc = typeof docArb extends fc.Arbitrary<infer T> ? T : never;

const input = (d: Doc, customers: string[]): PostDocumentInput => ({
  type: d.kind === 'discount' ? 'adjustment' : (d.kind as PostDocumentInput['type']),
  ...(d.kind === 'discount' ? { adjustmentKind: 'discount' as const } : {}),
  customerId: customers[d.customer],
  currency: d.usd ? 'USD' : 'CNY',
  amount: new Decimal(d.cents).div(100).toFixed(2),
  ...(d.usd ? { fxRate: '7.1789' } : {}),
  documentDate: `2026-${d.december ? '12' : '11'}-${String(d.day).padStart(2, '0')}`,
});

describe('postDocuments (one transaction, multi-row writes) equals posting one by one', () => {
  it('gives the same documents, base amounts, voucher numbers and lines (8 random batches)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(docArb, { minLength: 1, maxLength: 20 }), async (docs) => {
        const a = await ledgerSetup(2);
        const b = await ledgerSetup(2);
        const batch = await postDocuments(
          a.deps,
          a.ctx,
          docs.map((d) => input(d, a.customers)),
        );
        const one: Awaited<ReturnType<typeof postDocument>>[] = [];
        for (const d of docs) one.push(await postDocument(b.deps, b.ctx, input(d, b.customers)));
        const shape = (p: (typeof one)[number]) => ({
          amount: p.document.amount,
          base: p.document.baseAmount,
          period: p.voucher.period,
          number: p.voucher.number,
          lines: linesOf(p.voucher),
        });
        expect(batch.map(shape)).toEqual(one.map(shape));
        expect((await checkBooks(a.database.db, a.tenant.id)).violations).toEqual([]);
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});
