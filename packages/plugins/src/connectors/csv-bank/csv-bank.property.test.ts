import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectParse, controlTotals, fromBuffer } from '@hexiao/plugins/sdk';
import csvBank from './index.ts';

const row = fc.record({
  cents: fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.integer({ min: 1990, max: 2079 }),
  text: fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n"]/g, ' ')),
});

/** Formats cents as `-1.234.567,89` (German style). */
function german(cents: bigint): string {
  const neg = cents < 0n;
  const abs = (neg ? -cents : cents).toString().padStart(3, '0');
  const int = abs.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '-' : ''}${int},${abs.slice(-2)}`;
}
const plain = (cents: bigint) => {
  const abs = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
  return `${abs.slice(0, -2)}.${abs.slice(-2)}`;
};

describe('csv-bank (property)', () => {
  it('reads back every generated row exactly: amount, direction, date, text; totals add up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 50 }),
        async (rows, chunkSize) => {
          const csv = [
            'Buchung;Betrag;Text',
            ...rows.map(
              (r) =>
                `${String(r.day).padStart(2, '0')}.${String(r.month).padStart(2, '0')}.${r.year};"${german(r.cents)}";"${r.text}"`,
            ),
          ].join('\r\n');
          const out = await collectParse(csvBank, fromBuffer('p.csv', csv, { chunkSize }), {
            delimiter: ';',
            currency: 'EUR',
            dateFormat: 'DD.MM.YYYY',
            decimalSeparator: ',',
            thousandsSeparator: '.',
            columns: { bookingDate: 'Buchung', amount: 'Betrag', remittance: ['Text'] },
          });
          expect(out.rejections).toEqual([]);
          expect(out.lines.map((l) => [l.amount, l.direction, l.bookingDate])).toEqual(
            rows.map((r) => [
              plain(r.cents),
              r.cents < 0n ? 'debit' : 'credit',
              `${r.year}-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`,
            ]),
          );
          const credits = rows.filter((r) => r.cents >= 0n).reduce((a, r) => a + r.cents, 0n);
          const debits = rows.filter((r) => r.cents < 0n).reduce((a, r) => a - r.cents, 0n);
          expect(controlTotals(out.lines).EUR).toMatchObject({ credits: plain(credits), debits: plain(debits) });
          expect(new Set(out.lines.map((l) => l.sourceKey)).size).toBe(rows.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
