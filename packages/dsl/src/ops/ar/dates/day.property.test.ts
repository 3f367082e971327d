import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonthsDay, endOfMonthDay, formatDay, parseDay, weekday } from './day.ts';

const day = fc.integer({ min: -50_000, max: 100_000 });

describe('day numbers', () => {
  it('round-trip through YYYY-MM-DD and agree with Date.UTC', () => {
    fc.assert(
      fc.property(day, (n) => {
        const s = formatDay(n);
        expect(parseDay(s)).toBe(n);
        expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(s);
        expect(weekday(n)).toBe(new Date(n * 86_400_000).getUTCDay());
      }),
    );
  });

  it('add_months never overflows into the next month and end_of_month is the last day', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -240, max: 240 }), (n, k) => {
        const r = addMonthsDay(n, k);
        const [y, m] = formatDay(n).split('-').map(Number) as [number, number];
        const total = y * 12 + m - 1 + k;
        const [ry, rm, rd] = formatDay(r).split('-').map(Number) as [number, number, number];
        expect(ry * 12 + rm - 1).toBe(total);
        expect(rd).toBeLessThanOrEqual(Number(formatDay(n).slice(8)));
        const eom = endOfMonthDay(n);
        expect(formatDay(eom + 1).slice(8)).toBe('01');
      }),
    );
  });

  it('rejects impossible dates', () => {
    for (const s of [
      '2025-02-29',
      '1900-02-29',
      '2025-04-31',
      '2025-00-10',
      '2025-1-01',
      '20250101',
      '2025-01-01T00',
    ]) {
      expect(parseDay(s)).toBeNull();
    }
    expect(parseDay('2000-02-29')).not.toBeNull();
    expect(parseDay('2024-02-29')).not.toBeNull();
  });
});
