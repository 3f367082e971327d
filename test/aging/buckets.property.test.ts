import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ledgerSetup } from '../ledger/setup.ts';
import {
  agingReport,
  bucketErrors,
  bucketIndex,
  bucketsFromBounds,
} from '../../packages/server/src/domain/aging/index.ts';
import { listOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { dec } from '../../packages/server/src/domain/money/index.ts';
import { invoice, pay } from './setup.ts';

const ascending = fc
  .uniqueArray(fc.integer({ min: -30, max: 400 }), { minLength: 1, maxLength: 8 })
  .map((a) => a.sort((x, y) => x - y));

/** Instalment terms as the query states them: 1–6 parts at ascending days, equal or in percents adding up to 100. */
const instalments = fc
  .uniqueArray(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 6 })
  .chain((days) =>
    fc.tuple(
      fc.constant([...days].sort((a, b) => a - b)),
      fc.option(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: days.length, maxLength: days.length })),
    ),
  )
  .map(([days, weights]) => {
    if (!weights) return `inst${days.join('/')}`;
    const total = weights.reduce((a, b) => a + b, 0);
    // ten-thousandths of a percent, the last part taking what rounding left
    const shares = weights.map((w) => Math.floor((w * 1_000_000) / total));
    shares[shares.length - 1]! += 1_000_000 - shares.reduce((a, b) => a + b, 0);
    return `inst${days.map((d, i) => `${d}:${shares[i]! / 10_000}`).join('/')}`;
  });

describe('aging buckets (property)', () => {
  it('ascending bounds make a ladder where every day count falls in exactly one bucket', () => {
    fc.assert(
      fc.property(ascending, fc.integer({ min: -1000, max: 5000 }), (bounds, days) => {
        const ladder = bucketsFromBounds(bounds);
        expect(bucketErrors(ladder)).toEqual([]);
        const holding = ladder.filter((b) => (b.from ?? -Infinity) <= days && days <= (b.to ?? Infinity));
        expect(holding).toHaveLength(1);
        expect(ladder[bucketIndex(ladder, days)]).toBe(holding[0]);
      }),
    );
  });

  it('a ladder with a bucket moved by a day overlaps or leaves a gap', () => {
    fc.assert(
      fc.property(
        ascending.filter((b) => b.length >= 2),
        fc.nat(),
        fc.constantFrom(-1, 1),
        (bounds, k, delta) => {
          const ladder = bucketsFromBounds(bounds);
          const i = 1 + (k % (ladder.length - 1));
          const moved = ladder.map((b, j) => (j === i ? { ...b, from: b.from! + delta } : b));
          const errors = bucketErrors(moved);
          expect(errors.map((e) => e.pointer)).toContain(`/buckets/${i}/from`);
          expect(errors.find((e) => e.pointer === `/buckets/${i}/from`)!.reason).toMatch(
            delta < 0 ? /overlaps/ : /gap/,
          );
        },
      ),
    );
  });

  it('on the database, the buckets of every row and of the totals sum to the open balance', async () => {
    const s = await ledgerSetup(3);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            customer: fc.nat({ max: 2 }),
            cents: fc.integer({ min: 1, max: 10_000_000 }),
            dueDay: fc.integer({ min: 1, max: 89 }),
            paidPart: fc.constantFrom(0, 0.25, 0.5, 1),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        ascending,
        instalments,
        async (items, bounds, terms) => {
          for (const it of items) {
            const amount = (it.cents / 100).toFixed(2);
            const due = new Date(Date.UTC(2026, 0, it.dueDay)).toISOString().slice(0, 10);
            const id = await invoice(s, s.customers[it.customer]!, `P-${++n}`, amount, '2026-01-01', due);
            const paid = dec(amount).times(it.paidPart).toDecimalPlaces(2);
            if (paid.gt(0)) await pay(s, s.customers[it.customer]!, id, paid.toFixed(2), '2026-02-01');
          }
          const r = await agingReport(s.database.db, s.ctx, { asOf: '2026-03-01', buckets: bounds.join(',') });
          const open = (
            await listOpenItems(s.database.db, s.tenant.id, { side: 'debit', onlyOpen: true, limit: 10_000 })
          ).reduce((a, o) => a.plus(o.openAmount), dec('0'));
          const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(x), dec('0'));
          expect(r.totals.total).toBe(open.toFixed(2));
          expect(sum(r.totals.buckets).toFixed(2)).toBe(r.totals.total);
          for (const row of r.rows) expect(sum(row.buckets).toFixed(2)).toBe(row.total);
          expect(sum(r.rows.map((x) => x.total)).toFixed(2)).toBe(r.totals.total);
          // a grouping by a document field reads every document (the general path): the same buckets
          const general = await agingReport(s.database.db, s.ctx, {
            asOf: '2026-03-01',
            buckets: bounds.join(','),
            groupBy: 'receivableType',
          });
          expect(general.totals).toEqual(r.totals);
          // instalment terms cut each item into parts: the parts still add up to the same balance
          const parts = await agingReport(s.database.db, s.ctx, {
            asOf: '2026-03-01',
            buckets: bounds.join(','),
            terms,
          });
          expect(parts.totals.total, terms).toBe(r.totals.total);
          expect(sum(parts.totals.buckets).toFixed(2)).toBe(r.totals.total);
          for (const row of parts.rows) expect(sum(row.buckets).toFixed(2)).toBe(row.total);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
