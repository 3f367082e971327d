import { describe, expect, it } from 'vitest';
import { validate, type DataSchema } from '../index.ts';

const schema: DataSchema = {
  type: 'object',
  properties: {
    amount: { type: 'string', format: 'decimal' },
    due_date: { type: 'string', format: 'date' },
    name: { type: 'string' },
    days: { type: 'integer' },
    customer: { $ref: '#/$defs/customer' },
    lines: {
      type: 'array',
      items: { type: 'object', properties: { net: { type: 'string', format: 'decimal' }, sku: { type: 'string' } } },
    },
    meta: { type: 'object', additionalProperties: { type: 'string' } },
  },
  $defs: {
    customer: { type: 'object', properties: { id: { type: 'string' }, limit: { type: 'string', format: 'decimal' } } },
  },
};

const codes = (rule: unknown) =>
  validate(rule, { schema }).diagnostics.map((d) => `${d.severity}:${d.code}@${d.pointer}`);

describe('validate', () => {
  it('accepts a well-typed rule and lists its dependencies', () => {
    const rule = {
      and: [
        { 'dec>': [{ var: 'amount' }, { var: 'customer.limit' }] },
        { '>': [{ days_between: [{ var: 'due_date' }, '2025-12-31'] }, 30] },
      ],
    };
    const r = validate(rule, { schema });
    expect(r.diagnostics).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.vars.sort()).toEqual(['amount', 'customer.limit', 'due_date']);
  });

  it('reports unknown operations and wrong arity with pointers', () => {
    expect(codes({ and: [{ frobnicate: [1] }, { '==': [1] }] })).toEqual([
      'error:unknown_op@/and/0',
      'error:arity@/and/1',
    ]);
  });

  it('reports var paths missing from the schema', () => {
    expect(codes({ '==': [{ var: 'customer.nme' }, 'x'] })).toEqual(['error:unknown_var@/==/0']);
    expect(codes({ var: ['nope', 'default'] })).toEqual([]);
    expect(codes({ '==': [{ var: 'meta.anything' }, 'x'] })).toEqual([]);
    expect(codes({ '>': [{ var: 'lines.length' }, 0] })).toEqual([]);
  });

  it('checks var paths inside lambdas against the array items', () => {
    expect(codes({ some: [{ var: 'lines' }, { '==': [{ var: 'sku' }, 'A'] }] })).toEqual([]);
    expect(codes({ some: [{ var: 'lines' }, { '==': [{ var: 'skuu' }, 'A'] }] })).toEqual([
      'error:unknown_var@/some/1/==/0',
    ]);
    expect(
      codes({ reduce: [{ var: 'lines' }, { 'dec+': [{ var: 'current.net' }, { var: 'accumulator' }] }, '0'] }),
    ).toEqual([]);
  });

  it('reports type mismatches', () => {
    expect(codes({ '<': [{ var: 'due_date' }, { var: 'amount' }] })).toEqual(['error:type_mismatch@']);
    expect(codes({ '+': [{ var: 'name' }, 1] })).toEqual(['error:type_mismatch@/+/0']);
    expect(codes({ 'dec+': [{ var: 'due_date' }, '1'] })).toEqual(['error:type_mismatch@/dec+/0']);
    expect(codes({ days_between: [{ var: 'amount' }, '2025-01-01'] })).toEqual(['error:type_mismatch@/days_between/0']);
    expect(codes({ 'dec+': ['abc', '1'] })).toEqual(['error:type_mismatch@/dec+/0']);
    expect(codes({ 'dec+': [{ var: 'name' }, '1'] })).toEqual(['warning:type_mismatch@/dec+/0']);
  });

  it('warns when float arithmetic touches money', () => {
    const r = validate({ '*': [{ var: 'amount' }, 0.13] }, { schema });
    expect(r.valid).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['float_on_money']);
  });

  it('reports unreachable branches', () => {
    expect(codes({ if: [true, 'a', { var: 'name' }, 'b', 'c'] })).toEqual([
      'warning:unreachable@/if/2',
      'warning:unreachable@/if/3',
      'warning:unreachable@/if/4',
    ]);
    expect(codes({ if: [{ '>': [1, 2] }, 'never', 'else'] })).toEqual(['warning:unreachable@/if/1']);
    expect(codes({ and: [false, { var: 'name' }] })).toEqual(['warning:unreachable@/and/1']);
    expect(codes({ or: [{ '!!': ['x'] }, { var: 'name' }] })).toEqual(['warning:unreachable@/or/1']);
    expect(codes({ if: [{ var: 'name' }, 1, 2] })).toEqual([]);
  });

  it('turns malformed documents into diagnostics', () => {
    expect(validate({ '==': [1, Number.NaN] }).diagnostics[0]?.code).toBe('malformed');
    expect(validate({ '==': [1, () => 1] } as unknown).diagnostics[0]?.code).toBe('malformed');
    expect(validate({ '==': [1, new Date()] }).diagnostics[0]?.code).toBe('malformed');
  });

  it('works without a schema', () => {
    expect(validate({ '==': [{ var: 'anything' }, 1] }).diagnostics).toEqual([]);
  });

  it('is fast on a 200-node rule', () => {
    const clause = (i: number) => ({
      and: [
        { 'dec>=': [{ var: 'amount' }, `${i}.00`] },
        { '<': [{ days_between: [{ var: 'due_date' }, '2025-12-31'] }, i] },
      ],
    });
    const rule = { or: Array.from({ length: 25 }, (_, i) => clause(i)) };
    const r = validate(rule, { schema });
    expect(r.valid).toBe(true);
  });
});
