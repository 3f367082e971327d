import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, prepare, PreparedRecord, type DataSchema } from '../index.ts';

const schema: DataSchema = {
  type: 'object',
  properties: {
    receipt: {
      type: 'object',
      properties: { amount: { type: 'string', format: 'decimal' }, value_date: { type: 'string', format: 'date' } },
    },
    invoice: {
      type: 'object',
      properties: { open: { type: 'string', format: 'decimal' }, due: { type: 'string', format: 'date' } },
    },
  },
};

const rule = {
  and: [
    { 'dec=': [{ var: 'receipt.amount' }, { var: 'invoice.open' }] },
    { '<=': [{ days_between: [{ var: 'invoice.due' }, { var: 'receipt.value_date' }] }, 30] },
  ],
};

describe('prepare', () => {
  it('converts money and dates once and keeps the original data', () => {
    const data = {
      receipt: { amount: '100.0', value_date: '2025-03-01' },
      invoice: { open: '100.00', due: '2025-02-27' },
    };
    const p = prepare(data, schema);
    expect(p).toBeInstanceOf(PreparedRecord);
    expect(p.data).toBe(data);
    expect([...p.plan.numSlot.keys()]).toEqual(['receipt.amount', 'receipt.value_date', 'invoice.open', 'invoice.due']);
    expect(p.nums).toEqual([1000, 1, 20148, 10000, 2, 20146]);
    expect(compile(rule)(p)).toBe(true);
    expect(compile({ var: 'receipt.amount' })(p)).toBe('100.0');
  });

  it('gives the same results as plain records, errors included', () => {
    const amount = fc.oneof(fc.stringMatching(/^-?[0-9]{1,18}(\.[0-9]{1,4})?$/), fc.constantFrom('', 'abc', null));
    const date = fc.oneof(
      fc.integer({ min: 18_000, max: 21_000 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10)),
      fc.constantFrom('2025-02-30', null),
    );
    const fn = compile(rule);
    fc.assert(
      fc.property(amount, amount, date, date, (a, o, v, d) => {
        const data = { receipt: { amount: a, value_date: v }, invoice: { open: o, due: d } };
        const run = (x: unknown) => {
          try {
            return { value: fn(x) };
          } catch (e) {
            return { error: (e as { code: string }).code };
          }
        };
        expect(run(prepare(data, schema))).toEqual(run(data));
      }),
    );
  });
});
