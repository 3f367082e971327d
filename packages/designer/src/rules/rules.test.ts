import { describe, expect, it } from 'vitest';
import { varCompletions, varHoverAt, varStringAt } from './completion.ts';
import { varPaths, valueAt } from './var-paths.ts';
import { pointerRange } from '../monaco/pointer-range.ts';

const schema = {
  type: 'object',
  properties: {
    receipt: {
      type: 'object',
      description: 'a receipt',
      properties: {
        amount: { type: 'string', format: 'decimal', description: 'amount' },
        valueDate: { type: ['string', 'null'], format: 'date' },
        custom: { type: 'object', properties: { channel: { type: 'string' } } },
      },
    },
    customer: { type: 'object', properties: { region: { type: ['string', 'null'] } } },
  },
};

describe('var paths from a typed data schema', () => {
  it('lists every path with its type, decimals and dates included', () => {
    expect(varPaths(schema)).toEqual([
      { path: 'receipt', type: 'object', description: 'a receipt' },
      { path: 'receipt.amount', type: 'decimal', description: 'amount' },
      { path: 'receipt.valueDate', type: 'date' },
      { path: 'receipt.custom', type: 'object' },
      { path: 'receipt.custom.channel', type: 'string' },
      { path: 'customer', type: 'object' },
      { path: 'customer.region', type: 'string' },
    ]);
    expect(valueAt({ receipt: { amount: '1.00' } }, 'receipt.amount')).toBe('1.00');
    expect(valueAt({ receipt: {} }, 'receipt.constructor')).toBeUndefined();
  });
});

describe('var completion provider', () => {
  const paths = varPaths(schema);
  const at = (text: string) => text.indexOf('|');
  const strip = (text: string) => text.replace('|', '');

  it('completes inside a var string, replacing the whole string content, prefix matches first', () => {
    const text = '{"dec>=": [{"var": "am|"}, "10"]}';
    const got = varCompletions(strip(text), at(text), paths);
    expect(got.map((c) => c.label)).toEqual(['receipt.amount']);
    expect(got[0]!.replace).toEqual({ start: 20, end: 22 });
    const empty = '{"==": [{"var": "|"}, 1]}';
    expect(varCompletions(strip(empty), at(empty), paths)).toHaveLength(paths.length);
    const prefixed = '{"var": "c|"}';
    expect(varCompletions(strip(prefixed), at(prefixed), paths)[0]!.label).toBe('customer');
  });

  it('completes the first item of var with a default, and nowhere else', () => {
    const withDefault = '{"var": ["receipt.|", 0]}';
    expect(varCompletions(strip(withDefault), at(withDefault), paths).length).toBeGreaterThan(0);
    for (const text of ['{"==": ["|", 1]}', '{"|": 1}', '{"var": ["x", "|"]}'])
      expect(varCompletions(strip(text), at(text), paths), text).toEqual([]);
  });

  it('hovers a complete var path with its type and description', () => {
    const text = '{"var": "receipt.am|ount"}';
    expect(varHoverAt(strip(text), at(text), paths)).toMatchObject({ path: 'receipt.amount', type: 'decimal' });
    expect(varStringAt(strip('{"and": [|]}'), at('{"and": [|]}'))).toBeUndefined();
  });
});

describe('diagnostic pointers to text ranges', () => {
  const text = '{"and": [{"==": [{"var": "x"}, 1]}, {"nope": [2]}]}';
  it('underlines a var node, and an operation by its key', () => {
    const v = pointerRange(text, '/and/0/==/0');
    expect(text.slice(v.offset, v.offset + v.length)).toBe('{"var": "x"}');
    const op = pointerRange(text, '/and/1/nope');
    expect(text.slice(op.offset, op.offset + op.length)).toBe('"nope"');
  });
  it('falls back to the nearest existing ancestor', () => {
    const r = pointerRange(text, '/and/0/==/7');
    expect(text.slice(r.offset, r.offset + r.length)).toBe('"=="');
  });
});
