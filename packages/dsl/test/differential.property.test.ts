import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, compile, createEngine, explain, getDefaultEngine, isRuleError, prepare } from '../src/index.ts';
import { inferSchema, jsonLogicApply } from './suite-harness.ts';

const closureEngine = createEngine({ codegen: false });

/** Random JSON-ish data: what a record looks like to a rule. */
const scalar = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('', '0', '1', '2.5', 'abc', 'EUR', 'x1', ' 7 ', '-3'),
  fc.boolean(),
  fc.constant(null),
);
const dataArb = fc
  .record({
    a: scalar,
    b: scalar,
    s: fc.string({ maxLength: 6 }),
    n: fc.integer({ min: -10, max: 10 }),
    arr: fc.array(scalar, { maxLength: 5 }),
    objs: fc.array(fc.record({ q: scalar, k: fc.integer({ min: 0, max: 5 }) }), { maxLength: 4 }),
    o: fc.record({ x: scalar, y: fc.array(scalar, { maxLength: 3 }) }),
  })
  .map((d) => JSON.parse(JSON.stringify(d)) as Record<string, unknown>); // plain JSON objects, as records arrive

const paths = ['a', 'b', 's', 'n', 'arr', 'arr.0', 'arr.length', 'o.x', 'o.y.1', 'nope', 'o.nope.deep', 's.length', ''];
const scopedPaths = ['', 'q', 'k', 'current', 'accumulator', 'current.q', 'nope'];

const { rule } = fc.letrec<{ rule: unknown; scoped: unknown }>((tie) => {
  const leaf = fc.oneof(
    scalar,
    fc.constantFrom(...paths).map((p) => ({ var: p })),
    fc.tuple(fc.constantFrom(...paths), scalar).map(([p, d]) => ({ var: [p, d] })),
  );
  const r = () => tie('rule');
  const op1 = (names: string[]) => fc.tuple(fc.constantFrom(...names), r()).map(([n, a]) => ({ [n]: [a] }));
  const op2 = (names: string[]) => fc.tuple(fc.constantFrom(...names), r(), r()).map(([n, a, b]) => ({ [n]: [a, b] }));
  const opN = (names: string[], min: number) =>
    fc.tuple(fc.constantFrom(...names), fc.array(r(), { minLength: min, maxLength: 4 })).map(([n, a]) => ({ [n]: a }));
  const arrays = fc.oneof(
    fc.constant({ var: 'arr' }),
    fc.constant({ var: 'objs' }),
    fc.array(scalar, { maxLength: 3 }),
  );
  const lambda = (names: string[]) =>
    fc.tuple(fc.constantFrom(...names), arrays, tie('scoped')).map(([n, a, f]) => ({ [n]: [a, f] }));
  return {
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      op1(['!', '!!', '-', 'log']),
      op2(['==', '===', '!=', '!==', '>', '>=', '<', '<=', '-', '/', '%', 'in', 'substr']),
      fc.tuple(fc.constantFrom('<', '<='), r(), r(), r()).map(([n, a, b, c]) => ({ [n]: [a, b, c] })),
      opN(['and', 'or', '+', '*', 'max', 'min'], 1),
      opN(['if', '?:', 'cat', 'merge', 'missing'], 0),
      fc
        .tuple(fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom(...paths), { maxLength: 3 }))
        .map(([n, p]) => ({ missing_some: [n, p] })),
      lambda(['map', 'filter', 'all', 'some', 'none']),
      fc.tuple(arrays, tie('scoped'), scalar).map(([a, f, i]) => ({ reduce: [a, f, i] })),
      fc.array(r(), { maxLength: 3 }),
    ),
    scoped: fc.oneof(
      fc.constantFrom(...scopedPaths).map((p) => ({ var: p })),
      fc
        .tuple(fc.constantFrom('+', '*', '==', '<', 'cat', 'and', 'or', 'max'), fc.constantFrom(...scopedPaths), scalar)
        .map(([n, p, v]) => ({
          [n]: [{ var: p }, v],
        })),
    ),
  };
});

const scopedOps = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

/** The sub-rule at a JSON pointer, and whether the path runs through a lambda (other data scope). */
function at(ruleDoc: unknown, pointer: string): { node: unknown; scoped: boolean } {
  let node = ruleDoc;
  let scoped = false;
  const tokens =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (scopedOps.has(t) && tokens[i + 1] === '1') scoped = true;
    node = (node as Record<string, unknown>)[t];
  }
  return { node, scoped };
}

/**
 * -0 read as 0: a rule's result leaves the engine as JSON, which has no signed zero, and which of the two a
 * float operation ends on is the engine's choice (json-logic-js's `min` of a null and -0 gives -0, ours 0).
 */
function unsignedZero(v: unknown): unknown {
  if (Object.is(v, -0)) return 0;
  if (Array.isArray(v)) return v.map(unsignedZero);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unsignedZero(x)]));
  return v;
}

describe('differential: random standard rules vs json-logic-js', () => {
  it('apply, compile and explain agree with json-logic-js (or stop where it computes NaN/Infinity)', () => {
    let departures = 0;
    fc.assert(
      fc.property(rule, dataArb, (r, data) => {
        const jl = jsonLogicApply(r, data);
        let ours: { value?: unknown; error?: unknown } = {};
        try {
          ours = { value: apply(r, data) };
        } catch (e) {
          ours = { error: e };
        }
        const ex = explain(r, data);
        if (ours.error !== undefined) {
          expect(isRuleError(ours.error)).toBe(true);
          const e = ours.error as { code: string; pointer: string };
          expect(ex.error?.code).toBe(e.code);
          if (jl.threw !== undefined) return;
          expect(e.code).toBe('not_finite');
          departures++;
          const sub = at(r, e.pointer);
          if (!sub.scoped) {
            const v = jsonLogicApply(sub.node, data).value;
            expect(
              typeof v === 'number' && !Number.isFinite(v),
              `json-logic-js gives ${String(v)} at ${e.pointer}`,
            ).toBe(true);
          }
          return;
        }
        expect(jl.threw, 'json-logic-js threw but we did not').toBeUndefined();
        const want = unsignedZero(jl.value);
        expect(unsignedZero(ours.value)).toEqual(want);
        expect(unsignedZero(compile(r)(data))).toEqual(want);
        expect(unsignedZero(closureEngine.compile(r)(data))).toEqual(want);
        expect(unsignedZero(compile(r)(prepare(data, inferSchema(data))))).toEqual(want);
        expect(unsignedZero(ex.result)).toEqual(want);
      }),
      { numRuns: 3000 },
    );
    expect(departures).toBeLessThan(3000);
    expect(getDefaultEngine().codegenStats().fallbacks, 'code generation fell back to closures').toBe(0);
  });
});
