import { describe, expect, it } from 'vitest';
import { InterpretingValidator } from './validator.ts';

const schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', maxLength: 3 },
    limit: { type: 'string', format: 'decimal' },
    kind: { enum: ['a', 'b'] },
    nested: { type: 'object', properties: { n: { type: 'integer', minimum: 1 } } },
  },
} as const;

describe('RJSF validator without eval', () => {
  it('reports each failing field by property with the reason in English or Chinese', () => {
    const data = { limit: '1.0.0', kind: 'c', nested: { n: 0 } };
    const en = new InterpretingValidator('en').validateFormData(data, schema as never);
    expect(en.errors.map((e) => [e.property, e.message]).sort()).toEqual([
      ['.kind', 'must be one of "a", "b"'],
      ['.limit', 'must be a valid decimal'],
      ['.name', 'is required'],
      ['.nested.n', 'must be ≥ 1'],
    ]);
    expect(en.errorSchema).toMatchObject({
      name: { __errors: ['is required'] },
      nested: { n: { __errors: ['must be ≥ 1'] } },
    });
    const zh = new InterpretingValidator('zh').validateFormData({ name: 'abcd' }, schema as never);
    expect(zh.errors.map((e) => e.message)).toEqual(['不应多于 3 个字符']);
  });

  it('accepts valid data, money as exact decimal strings', () => {
    const v = new InterpretingValidator('en');
    expect(v.validateFormData({ name: 'ab', limit: '12345678901234567.89' }, schema as never).errors).toEqual([]);
    expect(v.isValid({ type: 'string' } as never, 'x', schema as never)).toBe(true);
    expect(v.isValid({ type: 'string' } as never, 1, schema as never)).toBe(false);
  });
});
