import { describe, expect, it } from 'vitest';
import { createEngine, prepare } from '../index.ts';
import { generateRoot } from './codegen.ts';
import { NodeCompiler } from './compile-node.ts';
import { parseRule } from './parse.ts';

const hostile = "'); globalThis.__hacked = 1; ('\\\"`${globalThis.__hacked = 2}`";

function source(rule: unknown): string {
  const engine = createEngine();
  const parsed = parseRule(rule, engine.ops, engine.limits);
  const compiler = new NodeCompiler(engine.limits, engine.caches);
  compiler.compile(parsed.node);
  return String(generateRoot(parsed.node, compiler.results));
}

describe('code generation', () => {
  const rule = {
    and: [
      { '==': [{ var: hostile }, hostile] },
      { 'dec=': [{ var: `${hostile}.x` }, { var: 'b' }] },
      { '<=': [{ days_between: [{ var: 'd1' }, { var: hostile }] }, 3] },
    ],
  };

  it('never puts rule text into the generated source', () => {
    const src = source(rule);
    expect(src).toContain('function rule(d, rt)');
    expect(src).not.toContain('hacked');
    expect(src).not.toContain('dec=');
    expect(src).not.toMatch(/"[^"]*"/); // no string literals at all
  });

  it('evaluates hostile strings as data, with or without codegen and prepare', () => {
    const data = { [hostile]: hostile, b: '1.0', d1: '2025-01-01' };
    const schema = {
      type: 'object',
      properties: { b: { type: 'string', format: 'decimal' }, d1: { type: 'string', format: 'date' } },
    } as const;
    for (const engine of [createEngine(), createEngine({ codegen: false })]) {
      expect(engine.apply({ '==': [{ var: hostile }, hostile] }, data)).toBe(false); // dotted path: not a top-level key
      expect(engine.apply(rule, data)).toBe(false);
      expect(engine.compile(rule)(prepare(data, schema))).toBe(false);
    }
    expect((globalThis as Record<string, unknown>).__hacked).toBeUndefined();
  });

  it('generated and closure-only engines agree on a prepared record', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'string', format: 'decimal' },
        b: { type: 'string', format: 'decimal' },
        c: { type: 'string' },
        d: { type: 'string', format: 'date' },
      },
    } as const;
    const r = {
      if: [
        { 'dec<': [{ var: 'a' }, { var: 'b' }] },
        { cat: [{ var: 'c' }, '<'] },
        { or: [{ '!': { var: 'c' } }, { days_between: [{ var: 'd' }, '2025-03-01'] }] },
      ],
    };
    for (const data of [
      { a: '1.00', b: '2.00', c: 'x', d: '2025-02-01' },
      { a: '3.0', b: '2.00', c: '', d: '2025-02-01' },
      { a: '3.00', b: '2.00', c: 'y', d: '2025-02-01' },
    ]) {
      const want = createEngine({ codegen: false }).apply(r, data);
      expect(createEngine().apply(r, data)).toEqual(want);
      expect(createEngine().compile(r)(prepare(data, schema))).toEqual(want);
    }
  });
});
