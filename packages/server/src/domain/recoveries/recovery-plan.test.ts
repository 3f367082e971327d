import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInMapping } from '../ledger/index.ts';
import { HexiaoError } from '../errors.ts';
import { Decimal, dec, ZERO } from '../money/index.ts';
import { planRecovery, type RecoveryItemInput } from './recovery-plan.ts';

const tenant = {
  id: 't',
  slug: 't',
  name: 'T',
  baseCurrency: 'CNY',
  timeZone: 'Asia/Shanghai',
  roundingMode: 'half_up' as const,
};

const writeOff = (amount: string, fxRate = '1', base = amount): RecoveryItemInput['writeOff'] => ({
  id: '00000000-0000-4000-8000-000000000001',
  docType: 'write-off',
  writeOffKind: 'bad-debt',
  relatedId: '00000000-0000-4000-8000-000000000002',
  number: 'WO-1',
  adjustmentKind: null,
  reversesId: null,
  customerId: '00000000-0000-4000-8000-000000000003',
  currency: fxRate === '1' ? 'CNY' : 'USD',
  fxRate,
  amount,
  baseAmount: base,
  clearingAccount: '1122',
  receivableType: 'default',
  postingDate: '2026-06-15',
});

const item = (w: RecoveryItemInput['writeOff'], recovered: { amount: Decimal; base: Decimal }, amount?: Decimal) => ({
  writeOff: w,
  recovered,
  amount,
  policy: 'reinstate' as const,
  id: '00000000-0000-4000-8000-000000000009',
  voucherId: '00000000-0000-4000-8000-00000000000a',
  number: 'RC-1',
  postingDate: '2026-12-01',
  reason: 'cash',
  reference: null,
});

describe('planRecovery', () => {
  it('a partial USD recovery at the write-off rate: 400.00 of 1,000.00 at 7.1 is 2,840.00; the rest takes the remaining base', () => {
    const w = writeOff('1000', '7.1', '7100');
    const first = planRecovery(tenant, builtInMapping, item(w, { amount: ZERO, base: ZERO }, dec('400')));
    expect([first.document.amount, first.document.baseAmount]).toEqual(['400', '2840']);
    expect(first.voucher.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['1122', '2840.00', '0'],
      ['1231', '0', '2840.00'],
    ]);
    const rest = planRecovery(tenant, builtInMapping, item(w, { amount: dec('400'), base: dec('2840') }));
    expect([rest.document.amount, rest.document.baseAmount]).toEqual(['600', '4260']);
  });

  it('recoveries in any order of parts never take more than was written off, in currency or in base', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('1', '7.1', '0.0613', '6.4'),
        (writtenCents, partsCents, rate) => {
          const amount = dec(String(writtenCents)).div(100);
          const base = rate === '1' ? amount : amount.times(rate).toDecimalPlaces(2);
          fc.pre(base.gt(0));
          const w = writeOff(amount.toFixed(), rate, base.toFixed());
          let recovered = { amount: ZERO, base: ZERO };
          for (const cents of partsCents) {
            try {
              const p = planRecovery(tenant, builtInMapping, item(w, recovered, dec(String(cents)).div(100)));
              recovered = {
                amount: recovered.amount.plus(p.document.amount),
                base: recovered.base.plus(p.document.baseAmount),
              };
              expect(dec(p.document.baseAmount).gt(0)).toBe(true);
            } catch (e) {
              expect(e).toBeInstanceOf(HexiaoError);
            }
            expect(recovered.amount.lte(amount)).toBe(true);
            expect(recovered.base.lte(base)).toBe(true);
          }
          if (recovered.amount.lt(amount) && recovered.base.lt(base)) {
            const last = planRecovery(tenant, builtInMapping, item(w, recovered));
            expect(recovered.base.plus(last.document.baseAmount).eq(base)).toBe(true);
          }
        },
      ),
    );
  });
});
