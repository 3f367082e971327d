import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by.ts';

describe('groupBy', () => {
  it('keeps every item once, under its own key, in input order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ k: fc.integer({ min: 0, max: 5 }), v: fc.integer() })), (items) => {
        const groups = groupBy(items, (x) => x.k);
        expect([...groups.values()].flat().length).toBe(items.length);
        for (const [k, group] of groups) expect(group).toEqual(items.filter((x) => x.k === k));
        expect([...groups.keys()]).toEqual([...new Set(items.map((x) => x.k))]);
      }),
    );
  });
});
