import { describe, expect, it } from 'vitest';
import { createEngine, prepare, type CodegenFallback } from '../index.ts';
import { generateRoot } from './codegen.ts';
import { NodeCompiler } from './compile-node.ts';
import { parseRule } from './parse.ts';

const hostile = "'); globalThis.__hacked = 1; ('\\\"`${globalThis.__hacked = 2}`";

function source(rule: unknown): string {
  const engine = createEngine();
  const parsed = parseRule(rule, engine.ops, engine.limits);
  const compiler = new NodeCompiler(engine.limits, engine.caches);
  compiler.compile(parsed.node);
  const deps = { limits: engine.limits, base: engine.context, caches: engine.caches };
  const outcome = generateRoot(parsed.node, compiler.results, compiler.generic, deps);
  if (outcome.kind !== 'generated') throw new Error(`no code generated: ${outcome.kind}`);
  return outcome.source;
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
    expect(src).toContain('function run(data, context)');
    expect(src).not.toContain('hacked');
    expect(src).not.toContain('dec=');
    // The only string literals are the templates' own: type names and slot kinds.
    const literals = new Set(src.match(/'[^']*'|"[^"]*"|`[^`]*`/g));
    expect([...literals].sort()).toEqual(["'function'", "'num'", "'object'", "'use strict'", "'val'"]);
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

describe('plain records in generated code', () => {
  const rules = {
    matching: {
      and: [
        { 'dec=': [{ var: 'receipt.amount' }, { var: 'invoice.open_amount' }] },
        { '==': [{ var: 'receipt.currency' }, { var: 'invoice.currency' }] },
        { '<=': [{ days_between: [{ var: 'invoice.due_date' }, { var: 'receipt.value_date' }] }, 60] },
      ],
    },
    approval: {
      or: [
        { and: [{ 'dec>': [{ var: 'writeoff.amount' }, '5000.00'] }, { '!=': [{ var: 'customer.segment' }, 'key'] }] },
        { in: [{ var: 'customer.risk' }, ['D', 'E']] },
        { '>': [{ var: 'writeoff.days' }, 365] },
      ],
    },
    provision: {
      dec_round: [
        { 'dec*': [{ var: 'invoice.open_amount' }, { if: [{ '<=': [{ var: 'days' }, 30] }, '0.02', '0.10'] }] },
        'EUR',
      ],
    },
  };
  const records = [
    {
      receipt: { amount: '100.0', currency: 'EUR', value_date: '2025-03-01' },
      invoice: { open_amount: '100.00', currency: 'EUR', due_date: '2025-02-01' },
      writeoff: { amount: '5000.01', days: 10 },
      customer: { segment: 'small', risk: 'A' },
      days: 45,
    },
    {
      receipt: { amount: '99.99', currency: 'USD', value_date: '2025-01-01' },
      invoice: { open_amount: '1.5', currency: 'EUR', due_date: '2025-02-01' },
      writeoff: { amount: 12, days: 400 },
      customer: { segment: 'key', risk: 'E' },
      days: -3,
    },
    { receipt: {}, invoice: { open_amount: 7 }, customer: { risk: 'D' }, days: 0 },
  ];

  it('are read in place: no compiled closure runs for plain objects with well-formed values', () => {
    for (const [name, rule] of Object.entries(rules)) {
      const engine = createEngine();
      const parsed = parseRule(rule, engine.ops, engine.limits);
      const compiler = new NodeCompiler(engine.limits, engine.caches);
      compiler.compile(parsed.node);
      const calls: string[] = [];
      const spied = new Map(
        [...compiler.results].map(([node, r]) => {
          const fn: typeof r.fn = (d, rt) => (calls.push(node.ptr), r.fn(d, rt));
          return [node, { ...r, fn }] as const;
        }),
      );
      const deps = { limits: engine.limits, base: engine.context, caches: engine.caches };
      const outcome = generateRoot(parsed.node, spied, compiler.generic, deps);
      if (outcome.kind !== 'generated') throw new Error(`${name}: ${outcome.kind}`);
      const closures = createEngine({ codegen: false }).compile(rule);
      for (const record of records.slice(0, 2)) expect(outcome.run(record), name).toEqual(closures(record));
      expect(calls, name).toEqual([]);
      // Missing values are answered in place too, or by the op's own closure when it must raise its error.
      let want: unknown;
      try {
        want = closures(records[2]);
      } catch (e) {
        want = (e as { code: string }).code;
      }
      let got: unknown;
      try {
        got = outcome.run(records[2]);
      } catch (e) {
        got = (e as { code: string }).code;
      }
      expect(got, name).toEqual(want);
    }
  });
});

describe('code generation fallbacks', () => {
  const rule = { and: [{ '==': [{ var: 'a.b' }, 1] }, { '<': [{ var: 'c' }, 5] }] };

  it('are counted and reported when the platform refuses new Function (CSP), and the rule still runs', () => {
    const events: CodegenFallback[] = [];
    const engine = createEngine({ onCodegenFallback: (e) => events.push(e) });
    const original = globalThis.Function;
    globalThis.Function = function refused() {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    let fn;
    try {
      fn = engine.compile(rule);
    } finally {
      globalThis.Function = original;
    }
    expect(fn({ a: { b: 1 }, c: 2 })).toBe(true);
    expect(fn({ a: { b: 2 }, c: 2 })).toBe(false);
    expect(engine.codegenStats()).toEqual({ generated: 0, notNeeded: 0, fallbacks: 1 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ hash: fn.hash, stage: 'new-function' });
    expect(events[0]!.message).toContain('EvalError');
    engine.compile({ '==': [{ var: 'x' }, 1] });
    expect(engine.codegenStats()).toMatchObject({ generated: 1, fallbacks: 1 });
  });

  it('report a generator failure without failing the compile, through listeners added later too', () => {
    const engine = createEngine();
    const parsed = parseRule(rule, engine.ops, engine.limits);
    const deps = { limits: engine.limits, base: engine.context, caches: engine.caches };
    const outcome = generateRoot(parsed.node, new Map(), new Map(), deps);
    expect(outcome).toMatchObject({ kind: 'failed', stage: 'generate' });

    const seen: string[] = [];
    const stop = engine.onCodegenFallback((e) => seen.push(e.stage));
    const original = globalThis.Function;
    globalThis.Function = (() => {
      throw new SyntaxError('bad source');
    }) as unknown as FunctionConstructor;
    try {
      engine.compile({ '>': [{ var: 'n' }, 1] });
      stop();
      engine.compile({ '>': [{ var: 'n' }, 2] });
    } finally {
      globalThis.Function = original;
    }
    expect(seen).toEqual(['new-function']);
    expect(engine.codegenStats().fallbacks).toBe(2);
  });

  it('are not counted for a closure-only engine or a rule that gains nothing', () => {
    const closures = createEngine({ codegen: false });
    closures.compile(rule);
    expect(closures.codegenStats()).toEqual({ generated: 0, notNeeded: 0, fallbacks: 0 });
    const engine = createEngine();
    engine.compile({ var: 'a' });
    engine.compile({ '+': [1, 2] });
    expect(engine.codegenStats().fallbacks).toBe(0);
  });
});
