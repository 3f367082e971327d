import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDec, Big, compareDec, mulDec, parseDecimalString, subDec } from './dec.ts';
import { roundDec, roundingModes } from './rounding.ts';

/** Decimal strings from tiny to beyond the safe-integer fast path. */
const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,22}$/), fc.stringMatching(/^[0-9]{0,8}$/))
  .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`);

const big = (s: string) => new Big(s);
const parse = (s: string) => {
  const d = parseDecimalString(s);
  if (d === null) throw new Error(`unparsed ${s}`);
  return d;
};

describe('exact decimals agree with decimal.js', () => {
  it('parse keeps the value and the scale', () => {
    fc.assert(
      fc.property(decimalText, (s) => {
        const d = parse(s);
        expect(big(d.toString()).eq(big(s))).toBe(true);
        const scale = s.includes('.') ? s.split('.')[1]!.length : 0;
        expect(d.toString().includes('.') ? d.toString().split('.')[1]!.length : 0).toBe(scale);
      }),
    );
  });

  it('add, sub, mul and compare are exact', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (x, y) => {
        const a = parse(x);
        const b = parse(y);
        expect(big(addDec(a, b).toString()).eq(big(x).plus(y))).toBe(true);
        expect(big(subDec(a, b).toString()).eq(big(x).minus(y))).toBe(true);
        expect(big(mulDec(a, b).toString()).eq(big(x).times(y))).toBe(true);
        expect(compareDec(a, b)).toBe(big(x).cmp(y));
      }),
    );
  });

  it('rounding matches decimal.js for every mode', () => {
    const modes = { up: 0, down: 1, ceiling: 2, floor: 3, half_up: 4, half_down: 5, half_even: 6 } as const;
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 4 }), fc.constantFrom(...roundingModes), (x, places, mode) => {
        const got = roundDec(parse(x), places, mode).toString();
        expect(got).toBe(
          big(x)
            .toFixed(places, modes[mode])
            .replace(/^-(0\.?0*)$/, '$1'),
        );
      }),
    );
  });
});

describe('allocation-free rounding', () => {
  it('formatScaled writes what Dec.toString writes, over the whole safe range', async () => {
    const { formatScaled } = await import('./rounding.ts');
    const { Dec } = await import('./dec.ts');
    const q = fc.oneof(
      fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
      fc.integer({ min: -1000, max: 1000 }),
      fc.integer({ min: 1, max: 2 ** 20 }).map((k) => 2 ** 53 - k),
    );
    fc.assert(
      fc.property(q, fc.integer({ min: 0, max: 8 }), (x, places) => {
        expect(formatScaled(x, places)).toBe(new Dec(x, places).toString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('roundScaledToString equals roundDec(...).toString()', async () => {
    const { roundScaledToString } = await import('./rounding.ts');
    const { Dec } = await import('./dec.ts');
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 50), max: 2 ** 50 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(...roundingModes),
        (u, e, places, mode) => {
          const got = roundScaledToString(u, e, places, mode);
          const want = roundDec(new Dec(u, e), places, mode).toString();
          if (got !== undefined) expect(got).toBe(want);
        },
      ),
    );
  });
});
