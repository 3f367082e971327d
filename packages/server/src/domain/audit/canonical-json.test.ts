import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

/** The definition, written recursively: keys sorted at every level, undefined members left out. */
function reference(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${reference(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonical JSON', () => {
  it('equals the recursive definition on any JSON value (and with undefined members and dates)', () => {
    const extra = fc.oneof(fc.constant(undefined), fc.date({ noInvalidDate: true }));
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }),
        extra,
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 5 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => canonicalJson(v) === reference(v)),
      { numRuns: 2000 },
    );
  });

  it('is sorted and stable across key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
  });

  it('canonicalises a value nested 100,000 levels deep without exhausting the stack', () => {
    let deep: unknown = { '==': [1, 1] };
    for (let i = 0; i < 50_000; i++) deep = { and: [deep] };
    const text = canonicalJson(deep);
    expect(text.startsWith('{"and":[{"and":[')).toBe(true);
    expect(text.length).toBe(50_000 * 10 + '{"==":[1,1]}'.length);
  });
});
