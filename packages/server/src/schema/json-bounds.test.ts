import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonInputProblem, maxJsonDepth } from './json-bounds.ts';

const nest = (n: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < n; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

describe('JSON input bounds', () => {
  it(`accepts ${maxJsonDepth} levels of nesting and points at the first value beyond them`, () => {
    expect(jsonInputProblem(nest(maxJsonDepth))).toBeUndefined();
    const p = jsonInputProblem({ x: nest(maxJsonDepth) });
    expect(p?.reason).toMatch(/deeper than 128/);
    expect(p!.pointer.split('/').length - 1).toBe(maxJsonDepth);
    expect(p!.pointer.startsWith('/x/a/0/a/0')).toBe(true);
    expect(jsonInputProblem(nest(200_000))).toMatchObject({ reason: expect.stringMatching(/deeper/) });
  });

  it('refuses NUL and lone surrogates in strings and keys, with the pointer', () => {
    expect(jsonInputProblem({ a: ['ok', 'x\u0000y'] }, '/body')).toEqual({
      pointer: '/body/a/1',
      reason: expect.stringMatching(/NUL/),
    });
    expect(jsonInputProblem({ 'a/b': '\ud800' })).toEqual({
      pointer: '/a~1b',
      reason: expect.stringMatching(/surrogate/),
    });
    expect(jsonInputProblem({ '\udc00': 1 })?.reason).toMatch(/key .*surrogate/);
    expect(jsonInputProblem('\u0000')?.pointer).toBe('/');
    expect(jsonInputProblem({ emoji: '😀 中文 \u00e9' })).toBeUndefined();
  });

  it('accepts every well-formed JSON value within the depth', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const p = jsonInputProblem(v);
        const text = JSON.stringify(v);
        if (p) expect(text.includes('\\u0000') || /\\ud[89a-f]/i.test(text)).toBe(true);
      }),
    );
  });
});
