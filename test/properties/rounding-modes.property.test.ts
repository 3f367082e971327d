import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, roundingModes } from '../../packages/dsl/src/index.ts';
import { Decimal, roundMoney } from '../../packages/server/src/domain/money/index.ts';
import { insertTenant } from '../../packages/server/src/store/repos/tenants.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import { testDatabase } from '../support/test-db.ts';

const amount = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }))
  .map(([u, e]) => {
    const digits = (u < 0n ? -u : u).toString().padStart(e + 1, '0');
    const text = e === 0 ? digits : `${digits.slice(0, -e)}.${digits.slice(-e)}`;
    return u < 0n ? `-${text}` : text;
  });

describe('one rounding-mode vocabulary for the server and the rules language', () => {
  it('a tenant mode rounds money as dec_round rounds it with the same name (every mode, 0, 2 and 3 minor units)', () => {
    fc.assert(
      fc.property(amount, fc.constantFrom('JPY', 'EUR', 'KWD'), fc.constantFrom(...roundingModes), (x, cur, mode) => {
        expect(roundMoney(x, cur, mode).toFixed()).toBe(
          new Decimal(String(apply({ dec_round: [x, cur, mode] }))).toFixed(),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('worked examples to the cent, by name', () => {
    const round = (mode: (typeof roundingModes)[number], x: string) => roundMoney(x, 'EUR', mode).toFixed(2);
    expect(round('half_up', '2.345')).toBe('2.35');
    expect(round('half_even', '2.345')).toBe('2.34');
    expect(round('half_down', '-2.345')).toBe('-2.34');
    expect(round('up', '-2.341')).toBe('-2.35');
    expect(round('down', '2.349')).toBe('2.34');
    expect(round('ceiling', '-2.349')).toBe('-2.34');
    expect(round('floor', '-2.341')).toBe('-2.35');
  });

  it('the tenants table stores exactly these names (every one accepted, the old kebab spelling refused)', async () => {
    const { db } = await testDatabase();
    for (const mode of roundingModes) {
      const t = await insertTenant(db, {
        id: newId(),
        slug: `r-${randomBytes(6).toString('hex')}`,
        name: 'r',
        roundingMode: mode,
      });
      expect(t.roundingMode).toBe(mode);
    }
    const refused = await insertTenant(db, {
      id: newId(),
      slug: `r-${randomBytes(6).toString('hex')}`,
      name: 'r',
      roundingMode: 'half-up' as never,
    }).catch((e: Error) => (e.cause as Error).message);
    expect(refused).toMatch(/violates check constraint "tenants_rounding_mode_check"/);
  });
});
