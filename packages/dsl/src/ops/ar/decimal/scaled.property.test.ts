import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDec } from '../readers.ts';
import { compareDec, Dec } from './dec.ts';
import { compareScaled, scaledUnits, scanned } from './scaled.ts';

const text = fc.oneof(
  fc.stringMatching(/^[+-]?[0-9]{0,17}(\.[0-9]{0,17})?$/),
  fc.stringMatching(/^[+-.0-9e]{0,8}$/),
  fc.constantFrom('', '.', '-', '+', '-0', '0.000', '.5', '5.', '1e3', '١٢', '12a', ' 1', '1,5', '9007199254740993'),
);
const value = fc.oneof(text, fc.integer(), fc.double(), fc.constantFrom(null, true, Number.MAX_SAFE_INTEGER + 2));

function exact(v: unknown): Dec | null {
  try {
    return toDec(v, '');
  } catch {
    return null;
  }
}

describe('scaledUnits', () => {
  it('reads what toDec reads, exactly, or asks for the slow path', () => {
    fc.assert(
      fc.property(value, (v) => {
        const u = scaledUnits(v);
        const e = scanned.e;
        const d = exact(v);
        if (e < 0) return; // the caller runs the op's own closure
        expect(d, `toDec refuses ${String(v)}`).not.toBeNull();
        expect(d!.big).toBeNull();
        expect([u, e]).toEqual([d!.u, d!.e]);
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes the fast path for plain amounts of up to 15 digits', () => {
    for (const [v, u, e] of [
      ['100.00', 10000, 2],
      ['-0.5', -5, 1],
      ['+7', 7, 0],
      ['.25', 25, 2],
      ['3.', 3, 0],
      ['-0', 0, 0],
      ['123456789012345', 123456789012345, 0],
      [42, 42, 0],
    ] as const) {
      expect(scaledUnits(v), String(v)).toBe(u);
      expect(scanned.e, String(v)).toBe(e);
    }
    for (const v of ['1234567890123456', '1e3', '1.2.3', '', '-', 'abc', 1.5, null]) {
      scaledUnits(v);
      expect(scanned.e, String(v)).toBe(-1);
    }
  });

  it('compareScaled orders as compareDec, or gives NaN when aligning would overflow', () => {
    const pair = fc.tuple(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.integer({ min: 0, max: 15 }));
    fc.assert(
      fc.property(pair, pair, ([ua, ea], [ub, eb]) => {
        const c = compareScaled(ua, ea, ub, eb);
        if (Number.isNaN(c)) return;
        expect(c).toBe(compareDec(new Dec(ua, ea), new Dec(ub, eb)));
      }),
      { numRuns: 20_000 },
    );
    expect(compareScaled(1, 0, 100, 2)).toBe(0);
    expect(compareScaled(2 ** 52, 0, 1, 15)).toBeNaN();
  });
});
