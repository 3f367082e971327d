import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthsDay,
  dayFromCivil,
  dayNumberOf,
  daysInMonth,
  endOfMonthDay,
  formatDay,
  parseDay,
  weekday,
} from './day.ts';

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

  it('the unrolled parser gives dayFromCivil for every year 0000-9999', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const want = d <= daysInMonth(y, m) ? dayFromCivil(y, m, d) : Number.NaN;
          expect(dayNumberOf(s)).toBe(want);
        },
      ),
      { numRuns: 5000 },
    );
    for (const s of ['0000-01-01', '0000-02-29', '0000-03-01', '9999-12-31', '1970-01-01', '2000-02-29']) {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      expect(dayNumberOf(s), s).toBe(dayFromCivil(y, m, d));
    }
    for (const v of ['2025-1a-01', '２０２５-01-01', '2025/01/01', ' 2025-01-1', 20250101, null, undefined, {}]) {
      expect(dayNumberOf(v), String(v)).toBeNaN();
    }
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
