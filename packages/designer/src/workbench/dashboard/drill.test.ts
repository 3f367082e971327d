import { describe, expect, it } from 'vitest';
import { daysPastDue, dueRange } from './drill.ts';

describe('a bucket as a due-date range', () => {
  const asOf = '2026-12-06';
  it('1–30 days past due: due from 6 Nov to 5 Dec', () => {
    expect(dueRange(asOf, { from: 1, to: 30 })).toEqual({ dueFrom: '2026-11-06', dueTo: '2026-12-05' });
  });
  it('not due (up to 0 days): due today or later', () => {
    expect(dueRange(asOf, { from: null, to: 0 })).toEqual({ dueFrom: '2026-12-06' });
  });
  it('over a year (366 days and more): due on 5 Dec 2025 or earlier', () => {
    expect(dueRange(asOf, { from: 366, to: null })).toEqual({ dueTo: '2025-12-05' });
  });
  it('the collection plan\'s "next week" (8–14 days ahead) counts backwards', () => {
    expect(dueRange(asOf, { from: -14, to: -8 })).toEqual({ dueFrom: '2026-12-14', dueTo: '2026-12-20' });
  });
  it('every day lands in exactly the bucket whose range holds it', () => {
    for (const due of ['2026-11-06', '2026-12-05']) {
      const d = daysPastDue(asOf, due);
      expect(d >= 1 && d <= 30).toBe(true);
    }
    expect(daysPastDue(asOf, '2026-11-05')).toBe(31);
    expect(daysPastDue(asOf, '2026-12-07')).toBe(-1);
  });
});
