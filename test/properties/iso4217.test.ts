import { describe, expect, it } from 'vitest';
import { apply, iso4217 } from '../../packages/dsl/src/index.ts';
import { iso4217 as sdkTable, minorUnits as sdkMinorUnits } from '../../packages/plugins/src/sdk/index.ts';
import { currencyCodes, minorUnits } from '../../packages/server/src/domain/money/index.ts';

describe('one ISO 4217 table for the rules language, the connector SDK and the server', () => {
  it('the SDK hands out the very table the rules language holds', () => {
    expect(sdkTable).toBe(iso4217);
  });

  it('every code has the same minor units in the server, dec_round and the SDK', () => {
    const withUnits = [...iso4217].filter(([, units]) => units !== null);
    expect(currencyCodes()).toEqual(withUnits.map(([code]) => code).sort());
    for (const [code, units] of withUnits) {
      expect(minorUnits(code), code).toBe(units);
      expect(sdkMinorUnits(code), code).toBe(units);
      const rounded = String(apply({ dec_round: ['1.23456', code] }));
      expect(rounded.split('.')[1]?.length ?? 0, code).toBe(units);
    }
  });

  it('a code without minor units (gold, SDR, no currency) is no money in the server nor in dec_round', () => {
    for (const code of ['XAU', 'XDR', 'XXX']) {
      expect(iso4217.get(code)).toBeNull();
      expect(minorUnits(code)).toBeUndefined();
      expect(() => apply({ dec_round: ['1.5', code] })).toThrow(/ISO 4217/);
    }
  });
});
