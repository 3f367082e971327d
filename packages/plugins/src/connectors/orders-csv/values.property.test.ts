import fc from 'fast-check';
import { Decimal } from '@hexiao/dsl';
import { describe, expect, it } from 'vitest';
import { parseDate, parseDecimal } from './values.ts';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('orders-csv value parsing (properties)', () => {
  it('reads any valid date back in every supported layout, with or without a time', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.boolean(),
        (d, withTime) => {
          const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const iso = `${y}-${pad(m)}-${pad(day)}`;
          const time = withTime ? ' 00:00:00.000' : '';
          expect(parseDate(`${iso}${time}`, 'YYYY-MM-DD', 'd')).toBe(iso);
          expect(parseDate(`${pad(day)}.${pad(m)}.${y}${time}`, 'DD.MM.YYYY', 'd')).toBe(iso);
          expect(parseDate(`${m}/${day}/${y}`, 'MM/DD/YYYY', 'd')).toBe(iso);
          expect(parseDate(`${y}${pad(m)}${pad(day)}`, 'YYYYMMDD', 'd')).toBe(iso);
        },
      ),
    );
  });

  it('reads amounts written with grouping and a decimal comma exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), (cents) => {
        const exact = new Decimal(cents.toString()).dividedBy(100);
        const [int, frac] = exact.abs().toFixed(2).split('.') as [string, string];
        const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        const text = `${exact.isNegative() ? '-' : ''}${grouped},${frac}`;
        expect(parseDecimal(text, { decimalSeparator: ',', thousandsSeparator: '.' }, 'a').eq(exact)).toBe(true);
      }),
    );
  });

  it('refuses impossible dates', () => {
    expect(() => parseDate('2025-02-29', 'YYYY-MM-DD', 'orderDate')).toThrow(/not a valid date/);
    expect(() => parseDate('31.04.2025', 'DD.MM.YYYY', 'orderDate')).toThrow(/not a valid date/);
  });
});
