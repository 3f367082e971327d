import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '@hexiao/dsl';
import { createBankLineKeys, fallbackKey, type BankLineKeyInput } from './source-key.ts';

const account = { iban: 'DE89370400440532013000' };
// Small pools so references, dates and amounts collide often, as they do in real files.
const line = fc.record({
  bankReference: fc.constantFrom(undefined, 'NONREF', 'BR-1', 'BR-2', 'BR-3'),
  endToEndId: fc.constantFrom(undefined, 'E2E-1', 'E2E-2'),
  bookingDate: fc.constantFrom('2026-01-05', '2026-01-06'),
  amount: fc.constantFrom('100.00', '100', '40.5', '7.00'),
  currency: fc.constant('EUR'),
  direction: fc.constantFrom('credit' as const, 'debit' as const),
});
const statements = fc.array(fc.array(line, { maxLength: 8 }), { minLength: 1, maxLength: 4 });
const withAccount = (l: Omit<BankLineKeyInput, 'account'>): BankLineKeyInput => ({ account, ...l });

/** Keys of a file given as statement occurrences: [statement number, its lines in file order]. */
function keysOf(file: [number, Omit<BankLineKeyInput, 'account'>[]][]): string[][] {
  const keys = createBankLineKeys();
  return file.map(([n, lines]) => {
    const keyOf = keys.statement(`stmt-${n}`);
    return lines.map((l) => keyOf(withAccount(l)));
  });
}

describe('createBankLineKeys (property)', () => {
  it('without repeated statements, statement keyers give the keys the file-wide keyer gave (stored keys do not change)', () => {
    fc.assert(
      fc.property(statements, (stmts) => {
        const plain = createBankLineKeys();
        const before = stmts.map((lines) => lines.map((l) => plain(withAccount(l))));
        expect(keysOf(stmts.map((lines, n) => [n, lines]))).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('a statement repeated in the file, in any line order, adds no key; keys stay unique per occurrence', () => {
    fc.assert(
      fc.property(
        statements,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
        (stmts, repeats) => {
          const once: [number, Omit<BankLineKeyInput, 'account'>[]][] = stmts.map((lines, n) => [n, lines]);
          const file = [...once];
          for (const [which, seed] of repeats) {
            const n = which % stmts.length;
            // a deterministic shuffle of the statement's lines
            const shuffled = [...stmts[n]!].sort(
              (a, b) => hash(JSON.stringify(a) + seed) - hash(JSON.stringify(b) + seed),
            );
            file.splice(seed % (file.length + 1), 0, [n, shuffled]);
          }
          // the same file with each statement only where it first occurs, as it occurs there
          const firsts = file.filter(([n], i) => file.findIndex(([m]) => m === n) === i);
          const expected = new Set(keysOf(firsts).flat());
          const got = keysOf(file);
          expect(new Set(got.flat())).toEqual(expected);
          for (const occurrence of got) expect(new Set(occurrence).size).toBe(occurrence.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a repeated statement with one more line gives that line a new key and only that one', () => {
    const keys = createBankLineKeys();
    const a = { bookingDate: '2026-01-05', amount: '100.00', currency: 'EUR', direction: 'credit' as const };
    const first = keys.statement('s');
    const k1 = [first(withAccount(a)), first(withAccount({ ...a, bankReference: 'BR-1' }))];
    const again = keys.statement('s');
    const k2 = [again(withAccount(a)), again(withAccount(a)), again(withAccount({ ...a, bankReference: 'BR-1' }))];
    expect(k2[0]).toBe(k1[0]);
    expect(k2[2]).toBe(k1[1]);
    expect(k1).not.toContain(k2[1]);
  });
});

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

describe('fallbackKey (property)', () => {
  it('holds the amount at the currency’s minor units, however the file wrote it', () => {
    const units: Record<string, number> = { JPY: 0, EUR: 2, KWD: 3 };
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 20n }),
        fc.constantFrom('JPY', 'EUR', 'KWD'),
        fc.nat({ max: 5 }),
        fc.nat({ max: 2 }),
        (minor, currency, extraZeros, leadingZeros) => {
          const u = units[currency]!;
          const digits = minor.toString().padStart(u + 1, '0');
          const fraction = digits.slice(digits.length - u) + '0'.repeat(extraZeros);
          const written = `${'0'.repeat(leadingZeros)}${digits.slice(0, digits.length - u)}${fraction ? `.${fraction}` : ''}`;
          const expected = new Decimal(minor.toString()).div(10 ** u).toFixed(u);
          const parts = { bookingDate: '2026-01-05', amount: written, currency, direction: 'credit' as const };
          expect(fallbackKey({ ...withAccount(parts), ordinal: 0 }).split('|')[3]).toBe(expected);
        },
      ),
    );
  });
});
