import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dec } from '../money/index.ts';
import { compilePlan, provideLine, type ProvisionFacts } from './compute.ts';
import { provisionPlanKind, type ProvisionPlanDocument } from './provision-plan.kind.ts';
import { checkDefinition } from '../definitions/index.ts';

const plan = (overrides: Partial<ProvisionPlanDocument> = {}): ProvisionPlanDocument => ({
  stages: [
    { id: 'group', type: 'exempt', when: { '==': [{ var: 'customer.code' }, 'GROUP'] } },
    {
      id: 'aging',
      type: 'aging-matrix',
      buckets: [
        { id: 'current', to: 0, rate: '0' },
        { id: 'y1', from: 1, to: 365, rate: '0.01' },
        { id: 'y2', from: 366, to: 730, rate: '0.5' },
        { id: 'old', from: 731, rate: '1' },
      ],
      overrides: [{ when: { '==': [{ var: 'customer.code' }, 'RISKY'] }, multiplier: '3', cap: '0.8' }],
    },
  ],
  ...overrides,
});

const facts = (days: number, openAmount: string, code = 'C1'): ProvisionFacts => ({
  item: {
    id: 'r1',
    number: 'INV-1',
    docType: 'invoice',
    receivableType: 'trade',
    currency: 'CNY',
    amount: openAmount,
    openAmount,
    postingDate: '2025-01-01',
    dueDate: '2025-01-01',
    daysOverdue: days,
  },
  customer: { code },
  days,
  asOf: '2026-01-01',
});

const line = (doc: ProvisionPlanDocument, days: number, open: string, code?: string) =>
  provideLine(compilePlan(doc), facts(days, open, code), { documentId: 'r1', customerId: 'c1', openBase: open }, 'CNY');

describe('provision computation', () => {
  it('is a valid plan', () => expect(checkDefinition(provisionPlanKind, plan())).toEqual([]));

  it('puts 365 days in the first-year bucket and 366 in the second', () => {
    expect(line(plan(), 365, '1000.00')).toMatchObject({ bucket: 'y1', required: '10' });
    expect(line(plan(), 366, '1000000.00')).toMatchObject({ bucket: 'y2', required: '500000' });
  });

  it('rounds half-up per line: 1,234.50 at 1 % is 12.35', () =>
    expect(line(plan(), 100, '1234.50').required).toBe('12.35'));

  it('rounds per the plan: half-even gives 12.34', () =>
    expect(line(plan({ rounding: 'half_even' }), 100, '1234.50').required).toBe('12.34'));

  it('lets the exempt stage claim first, and caps an override', () => {
    expect(line(plan(), 800, '100.00', 'GROUP')).toMatchObject({ stage: 'group', required: '0' });
    expect(line(plan(), 400, '100.00', 'RISKY')).toMatchObject({ rate: '0.8', required: '80' });
  });

  it('never requires more than the open amount, nor less than zero', () =>
    fc.assert(
      fc.property(
        fc.integer({ min: -100, max: 5000 }),
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fc.constantFrom('C1', 'RISKY', 'GROUP'),
        fc.constantFrom('half_up', 'up', 'ceiling', 'half_even') as fc.Arbitrary<ProvisionPlanDocument['rounding']>,
        (days, cents, code, rounding) => {
          const open = dec(cents.toString()).div(100).toFixed(2);
          const required = dec(line(plan({ rounding }), days, open, code).required);
          expect(required.gte(0) && required.lte(open)).toBe(true);
        },
      ),
    ));
});
