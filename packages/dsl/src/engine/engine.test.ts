import { describe, expect, it } from 'vitest';
import { compile, createEngine, defineOp, isOp, RuleError, ruleDocumentSchema, standardOps } from '../index.ts';

describe('engine', () => {
  it('caches compiled rules by content hash (key order does not matter)', () => {
    const a = compile({ if: [{ '==': [{ var: 'a' }, 1] }, { x: 1, y: 2 }, null] });
    const b = compile(JSON.parse('{"if":[{"==":[{"var":"a"},1]},{"y":2,"x":1},null]}'));
    expect(b).toBe(a);
    expect(a.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(compile({ '==': [1, 2] }).hash).not.toBe(a.hash);
  });

  it('folds constant sub-trees', () => {
    const engine = createEngine();
    let calls = 0;
    engine.ops.register(
      defineOp({
        name: 'count',
        arity: { min: 1, max: 1 },
        lazy: false,
        pure: true,
        signature: { params: ['number'], result: 'number' },
        doc: { summary: 'test op that counts calls', example: { rule: { count: 1 }, result: 1 } },
        evaluate: (args) => {
          calls++;
          return args[0];
        },
      }),
    );
    const fn = engine.compile({ '+': [{ count: 2 }, { var: 'x' }] });
    expect(calls).toBe(1);
    expect(fn({ x: 1 })).toBe(3);
    expect(fn({ x: 2 })).toBe(4);
    expect(calls).toBe(1);
  });

  it('keeps registries per engine and refuses duplicates', () => {
    const small = createEngine({ ops: standardOps });
    expect(() => small.compile({ 'dec+': [1, 2] })).toThrow(RuleError);
    expect(() => small.ops.register(standardOps[0]!)).toThrow(/already registered/);
    expect(createEngine().apply({ 'dec+': [1, 2] })).toBe('3');
    expect(isOp(standardOps[0])).toBe(true);
    expect(isOp({ name: 'x' })).toBe(false);
  });

  it('evaluation throws only RuleError with code and pointer', () => {
    try {
      compile({ and: [true, { '/': [1, { var: 'z' }] }] })({ z: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      expect((e as RuleError).toJSON()).toMatchObject({ code: 'not_finite', pointer: '/and/1' });
    }
  });

  it('takes calendars and tables per call or per engine', () => {
    const rule = { lookup: ['grades', { var: 'id' }] };
    expect(createEngine({ tables: { grades: { a: 'A' } } }).apply(rule, { id: 'a' })).toBe('A');
    expect(compile(rule)({ id: 'a' }, { tables: { grades: { a: 'B' } } })).toBe('B');
  });

  it('is re-entrant: a custom op may evaluate another compiled rule', () => {
    const engine = createEngine();
    const inner = engine.compile({ '+': [{ var: 'x' }, 1] });
    engine.ops.register(
      defineOp({
        name: 'inner',
        arity: { min: 1, max: 1 },
        lazy: false,
        pure: false,
        signature: { params: ['number'], result: 'number' },
        doc: { summary: 'runs another rule', example: { rule: { inner: 1 }, result: 2 } },
        evaluate: (args) => inner({ x: args[0] }),
      }),
    );
    expect(engine.apply({ inner: { var: 'y' } }, { y: 4 })).toBe(5);
  });
});

describe('rule document schema', () => {
  it('lists every operation with docs, arity and an example', () => {
    const s = ruleDocumentSchema() as { $defs: { operation: { properties: Record<string, Record<string, unknown>> } } };
    const props = s.$defs.operation.properties;
    expect(Object.keys(props)).toContain('dec+');
    expect(Object.keys(props)).toContain('var');
    expect(Object.keys(props)).not.toContain('__proto__');
    expect(props['similarity']!.markdownDescription).toMatch(/Example/);
    expect(props['==']).toMatchObject({ type: 'array', minItems: 2, maxItems: 2 });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('compile cache keys', () => {
  it('distinguish -0 from 0 (json-logic-js returns literals unchanged)', () => {
    expect(Object.is(compile(0)(null), 0)).toBe(true);
    expect(Object.is(compile(-0)(null), -0)).toBe(true);
    expect(Object.is((compile([-0])(null) as number[])[0], -0)).toBe(true);
  });
});
