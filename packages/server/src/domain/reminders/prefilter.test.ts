import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apply } from '@hexiao/dsl';
import { needOf, sampledDays, type Need } from './prefilter.ts';

const dpd = { var: 'item.daysPastDue' };

/** Would the sweep read an item with these facts under this need? (items without a due date are always read) */
function reads(need: Need, item: { daysPastDue: number | null; flagged: boolean }): boolean {
  if (need.all || item.daysPastDue === null || Math.abs(item.daysPastDue) > sampledDays) return true;
  if (item.flagged) return true;
  const d = item.daysPastDue;
  return need.windows.some(([lo, hi]) => (lo === null || d >= lo) && (hi === null || d <= hi));
}

const num = fc.integer({ min: -60, max: 120 });
const dayVar = fc.constantFrom(dpd, { var: 'item.daysOverdue' });
const flagVar = fc.constantFrom({ var: 'item.brokenPromises' }, { var: 'item.disputed' }, { var: 'item.promisedDate' });
const cmp = fc.constantFrom('<', '<=', '>', '>=', '==', '!=');

/** Rules a reminder plan might hold: comparisons of days past due, flags, amounts, combined with and/or/!/if. */
const rule: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.tuple(cmp, dayVar, num).map(([op, v, n]) => ({ [op]: [v, n] })),
    fc.tuple(cmp, num, dayVar).map(([op, n, v]) => ({ [op]: [n, v] })),
    fc.tuple(num, dayVar, num).map(([a, v, b]) => ({ '<=': [a, v, b] })),
    fc.tuple(num, dayVar, num).map(([a, v, b]) => ({ '<': [a, v, b] })),
    fc.tuple(cmp, flagVar, fc.integer({ min: -1, max: 2 })).map(([op, v, n]) => ({ [op]: [v, n] })),
    flagVar.map((v) => ({ '!!': [v] })),
    fc.integer({ min: 0, max: 2000 }).map((n) => ({ '>': [{ var: 'item.openAmount' }, n] })),
    fc.tuple(dayVar, fc.integer({ min: 1, max: 30 })).map(([v, n]) => ({ '==': [{ '%': [v, n] }, 0] })),
    fc.boolean(),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((xs) => ({ and: xs })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((xs) => ({ or: xs })),
    tie('node').map((x) => ({ '!': [x] })),
    fc.tuple(tie('node'), tie('node'), tie('node')).map(([c, a, b]) => ({ if: [c, a, b] })),
  ),
})).node;

const facts = fc.record({
  daysPastDue: fc.option(fc.integer({ min: -200, max: 400 }), { freq: 8 }),
  brokenPromises: fc.nat({ max: 2 }),
  disputed: fc.boolean(),
  promised: fc.boolean(),
  openAmount: fc.integer({ min: 0, max: 3000 }),
});

describe('reminder prefilter', () => {
  it('derives windows of days past due from common level conditions', () => {
    expect(needOf({ '<=': [-2, dpd, -1] })).toEqual({ all: false, windows: [[-2, -1]], flagged: false });
    expect(needOf({ '>=': [dpd, 60] })).toEqual({ all: false, windows: [[60, null]], flagged: false });
    expect(needOf({ '<': [dpd, 0] })).toEqual({ all: false, windows: [[null, -1]], flagged: false });
    expect(needOf({ '==': [dpd, 7] })).toEqual({ all: false, windows: [[7, 7]], flagged: false });
    expect(needOf({ '>=': [{ var: 'item.daysOverdue' }, 30] }).windows).toEqual([[30, null]]);
    // a condition on days and on anything else needs the days at least
    expect(needOf({ and: [{ '>=': [dpd, 7] }, { '>': [{ var: 'item.openAmount' }, 1000] }] }).windows).toEqual([
      [7, null],
    ]);
    expect(needOf({ or: [{ '<=': [-2, dpd, -1] }, { '>=': [dpd, 30] }] }).windows).toEqual([
      [-2, -1],
      [30, null],
    ]);
    const large = { '>': [{ var: 'item.openAmount' }, 1000] };
    expect(needOf({ or: [{ '<=': [-2, dpd, -1] }, { and: [{ '>=': [dpd, 30] }, large] }] }).windows).toEqual([
      [-2, -1],
      [30, null],
    ]);
    expect(needOf({ or: [{ '<=': [-2, dpd, -1] }, large] }).all).toBe(true);
    expect(needOf({ '>': [{ var: 'item.brokenPromises' }, 0] })).toEqual({ all: false, windows: [], flagged: true });
    // what cannot be bounded reads every item
    expect(needOf({ '>': [{ var: 'item.openAmount' }, 1000] }).all).toBe(true);
    expect(needOf({ '!': [{ '>=': [dpd, 7] }] })).toEqual({ all: false, windows: [[null, 6]], flagged: false });
    expect(needOf({ '>=': [{ var: { cat: ['item.', 'daysPastDue'] } }, 7] }).all).toBe(true);
    expect(needOf({ '>=': [{ var: ['item.daysPastDue', 100] }, 7] }).all).toBe(true);
    expect(needOf(false)).toEqual({ all: false, windows: [], flagged: false });
  });

  it('is sound: whenever a rule holds for an item, the sweep reads that item', () => {
    fc.assert(
      fc.property(rule, facts, (r, f) => {
        const data = {
          item: {
            daysPastDue: f.daysPastDue,
            daysOverdue: f.daysPastDue === null ? 0 : Math.max(0, f.daysPastDue),
            brokenPromises: f.brokenPromises,
            disputed: f.disputed,
            promisedDate: f.promised ? '2026-12-31' : null,
            openAmount: f.openAmount,
          },
        };
        let hit: unknown;
        try {
          hit = apply(r, data);
        } catch {
          return; // a rule that fails is reported by the sweep, never sent
        }
        if (!hit || (Array.isArray(hit) && !hit.length)) return;
        const flagged = f.brokenPromises > 0 || f.disputed || f.promised;
        expect(reads(needOf(r), { daysPastDue: f.daysPastDue, flagged }), JSON.stringify({ r, f })).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
