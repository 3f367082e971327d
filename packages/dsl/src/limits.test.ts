import { describe, expect, it } from 'vitest';
import { apply, compile, createEngine, explain, isRuleError, validate } from './index.ts';

function deepRule(depth: number): unknown {
  let r: unknown = 1;
  for (let i = 0; i < depth; i++) r = { '!': [r] };
  return r;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (!isRuleError(e)) throw e;
    return e.code;
  }
  return '(none)';
}

describe('limits', () => {
  it('a 100k-deep rule is a RuleError (not a RangeError) everywhere', () => {
    const r = deepRule(100_000);
    expect(codeOf(() => apply(r, {}))).toBe('limit_depth');
    expect(codeOf(() => compile(r))).toBe('limit_depth');
    expect(explain(r, {}).error?.code).toBe('limit_depth');
    const v = validate(r);
    expect(v.valid).toBe(false);
    expect(v.diagnostics[0]?.code).toBe('limit_depth');
  });

  it('a deep literal array or object is refused too', () => {
    let a: unknown = [];
    for (let i = 0; i < 50_000; i++) a = [a];
    expect(codeOf(() => apply(a, {}))).toBe('limit_depth');
    let o: unknown = { x: 1, y: 2 };
    for (let i = 0; i < 50_000; i++) o = { x: o, y: 2 };
    expect(codeOf(() => apply(o, {}))).toBe('limit_depth');
  });

  it('a rule within maxDepth runs', () => {
    expect(apply(deepRule(60), {})).toBe(true);
  });

  it('reduce over a million elements stops at maxIterations quickly', () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => i);
    const rule = { reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] };
    const t = performance.now();
    expect(codeOf(() => apply(rule, { xs: big }))).toBe('limit_iterations');
    expect(performance.now() - t).toBeLessThan(5_000);
    const e = explain(rule, { xs: big });
    expect(e.error?.code).toBe('limit_iterations');
    expect(e.error?.pointer).toBe('');
  });

  it('nested loops share one iteration budget', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const rule = { map: [{ var: 'xs' }, { some: [{ var: '' }, true] }] };
    const engine = createEngine({ limits: { maxIterations: 500 } });
    expect(codeOf(() => engine.apply({ map: [{ var: 'xs' }, 1] }, { xs }))).toBe('limit_iterations');
    expect(apply(rule, { xs: xs.slice(0, 10) })).toHaveLength(10);
  });

  it('string growth is capped', () => {
    const rule = { reduce: [{ var: 'xs' }, { cat: [{ var: 'accumulator' }, { var: 'current' }] }, ''] };
    const xs = Array.from({ length: 50_000 }, () => 'xxxxxxxxxx');
    expect(codeOf(() => apply(rule, { xs }))).toBe('limit_string');
    expect(codeOf(() => apply('x'.repeat(200_000)))).toBe('limit_string');
  });

  it('node count is capped', () => {
    const wide = { and: Array.from({ length: 20_000 }, () => true) };
    expect(codeOf(() => compile(wide))).toBe('limit_nodes');
    expect(createEngine({ limits: { maxNodes: 50_000 } }).apply(wide)).toBe(true);
  });

  it('merge cannot build unbounded arrays', () => {
    const engine = createEngine({ limits: { maxArrayLength: 10 } });
    expect(codeOf(() => engine.apply({ merge: [{ var: 'a' }, { var: 'a' }] }, { a: [1, 2, 3, 4, 5, 6] }))).toBe(
      'limit_iterations',
    );
  });

  it('regex patterns are length-limited and run in linear time', () => {
    expect(codeOf(() => apply({ regex_match: ['x', 'a'.repeat(2000)] }))).toBe('limit_string');
    const evil = { regex_match: [{ var: 's' }, '^(a+)+$'] };
    const t = performance.now();
    expect(apply(evil, { s: `${'a'.repeat(50_000)}b` })).toBe(false);
    expect(performance.now() - t).toBeLessThan(5_000);
  });
});
