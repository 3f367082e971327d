import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../index.ts';

/*
 * The generated code reads plain records in place (codegen-read.ts). These tests run it on data
 * that is not plain — other prototypes, getters on prototypes, null prototypes, arrays, strings,
 * functions, proxies, a polluted Object.prototype — and require the answers of the closure-only
 * engine (own properties only), with no read of an inherited property and no getter run.
 */

const generated = createEngine();
const closures = createEngine({ codegen: false });

const keys = ['a', 'b', 'amount', 'due', 'length', '0', 'toString', 'valueOf', 'hasOwnProperty', 'constructor'];
const paths = [...keys, 'a.b', 'a.amount', 'a.due', 'a.0', 'a.length', 'a.b.c', 'b.a', 'a.toString', 'a.a.a'];

/** Counts of getters run on prototypes (a read the engine must never make). */
let protoGetterCalls = 0;
class Shaped {
  constructor(readonly a: unknown) {}
  get amount(): string {
    protoGetterCalls++;
    return '1.00';
  }
}
const sneaky = Object.create(
  Object.defineProperty({ due: '2025-01-01' }, 'b', {
    get() {
      protoGetterCalls++;
      return 'from prototype';
    },
  }),
) as Record<string, unknown>;

const scalar = fc.oneof(
  fc.constantFrom('1.00', '1.0', '2.50', '-3', '1e3', '12345678901234567.5', 'abc', '', '2025-01-31', '2025-02-30'),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(null, true, 1.5, Number.MAX_SAFE_INTEGER),
);

/** Values of every shape a record field can take. */
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.dictionary(fc.constantFrom(...keys), tie('v'), { maxKeys: 4 }),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...keys), tie('v'), { maxKeys: 3 }).map((o) => Object.assign(Object.create(null), o)),
    tie('v').map((x) => new Shaped(x)),
    fc
      .dictionary(fc.constantFrom('a', 'amount'), tie('v'), { maxKeys: 2 })
      .map((o) => Object.assign(Object.create(sneaky), o)),
    fc.constant(() => 'a function'),
    fc.constant(Object.assign(() => 1, { a: 1, amount: '1.00' })),
  ),
})).v;

const leaf = fc.oneof(
  fc.constantFrom(...paths).map((p) => ({ var: p })),
  fc.constantFrom('1.00', '2025-01-01', 0, 'x'),
);
const rule = fc.oneof(
  leaf,
  fc.tuple(fc.constantFrom('==', '===', '!=', '<', '>='), leaf, leaf).map(([o, a, b]) => ({ [o]: [a, b] })),
  fc.tuple(fc.constantFrom('dec=', 'dec<', 'dec>=', 'dec!='), leaf, leaf).map(([o, a, b]) => ({ [o]: [a, b] })),
  fc.tuple(leaf, leaf).map(([a, b]) => ({ dec_round: [{ 'dec*': [a, b] }, 'EUR'] })),
  fc.tuple(leaf, leaf).map(([a, b]) => ({ 'dec+': [a, b] })),
  fc.tuple(leaf, leaf).map(([a, b]) => ({ '<=': [{ days_between: [a, b] }, 30] })),
  fc.tuple(leaf, leaf, leaf).map(([a, b, c]) => ({ and: [{ '!!': a }, { or: [b, c] }] })),
  fc.tuple(leaf, leaf).map(([a, b]) => ({ if: [a, b, { in: [b, ['1.00', 'x', 0]] }] })),
  fc.tuple(leaf, leaf).map(([a, b]) => ({ cat: [a, b] })),
);

function outcome(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: (e as { code?: string }).code ?? `not a RuleError: ${String(e)}` };
  }
}

/** The record as a proxy that logs every read of a property the target does not own. */
function watched(data: unknown, foreign: string[]): unknown {
  if (typeof data !== 'object' || data === null) return data;
  return new Proxy(data, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !Object.hasOwn(target, key)) foreign.push(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe('generated reads of records that are not plain', () => {
  it('give the closure answers, read only own properties and run no prototype getter', () => {
    const foreign: string[] = [];
    fc.assert(
      fc.property(rule, fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 5 }), (r, data) => {
        protoGetterCalls = 0;
        const want = outcome(() => closures.compile(r)(data));
        expect(outcome(() => generated.compile(r)(data))).toEqual(want);
        expect(outcome(() => generated.compile(r)(watched(data, foreign)))).toEqual(want);
        expect(protoGetterCalls).toBe(0);
      }),
      { numRuns: 4000 },
    );
    expect([...new Set(foreign)]).toEqual([]);
    expect(generated.codegenStats().fallbacks).toBe(0);
  });

  it('never return a value from a polluted Object.prototype', () => {
    const data = { a: { b: 1 }, amount: '5.00', due: '2025-03-01' };
    const rules = [
      { '==': [{ var: 'a.polluted' }, null] },
      { '==': [{ var: 'polluted' }, null] },
      { 'dec=': [{ var: 'a.polluted_amount' }, '1.00'] },
      { '<=': [{ days_between: [{ var: 'polluted_date' }, { var: 'due' }] }, 30] },
    ];
    const compiled = rules.map((r) => generated.compile(r));
    for (let i = 0; i < 50; i++) for (const fn of compiled) outcome(() => fn(data)); // warm the inline caches first
    let getterRuns = 0;
    Object.defineProperty(Object.prototype, 'polluted', { value: 'bad', configurable: true, writable: true });
    Object.defineProperty(Object.prototype, 'polluted_amount', { value: '1.00', configurable: true, writable: true });
    Object.defineProperty(Object.prototype, 'polluted_date', {
      get() {
        getterRuns++;
        return '2025-02-28';
      },
      configurable: true,
    });
    try {
      const got = compiled.map((fn) => outcome(() => fn(data)));
      expect(got).toEqual([{ value: true }, { value: true }, { error: 'type' }, { error: 'type' }]);
      expect(getterRuns).toBe(0);
    } finally {
      for (const k of ['polluted', 'polluted_amount', 'polluted_date'])
        delete (Object.prototype as Record<string, unknown>)[k];
    }
    expect(compiled.map((fn) => outcome(() => fn(data)))).toEqual([
      { value: true },
      { value: true },
      { error: 'type' },
      { error: 'type' },
    ]);
  });
});
