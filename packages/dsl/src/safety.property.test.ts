import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  apply,
  explain,
  getDefaultEngine,
  isRuleError,
  standardOps,
  arOps,
  validate,
  sampleCalendars,
} from './index.ts';

const hostileNames = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'Math.max',
  'apply',
  'call',
  'bind',
  'eval',
];
const hostilePaths = [
  '__proto__',
  'constructor',
  'prototype',
  'constructor.prototype',
  '__proto__.polluted',
  'a.__proto__',
  'a.constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'a.b.__proto__.x',
  'xs.constructor',
  's.constructor',
  'xs.__proto__',
  'a',
  'a.b',
  'xs',
  'xs.0',
  's',
  's.length',
  '',
];
const opNames = [...standardOps, ...arOps].map((o) => o.name);

/** Every property read of a non-own string key on data objects, seen through proxies. */
const foreignReads: string[] = [];
// Reads JavaScript itself makes when it coerces a value to a primitive (arrays join), not rule access.
const coercionKeys = new Set(['valueOf', 'toString', 'toJSON', 'join']);
function watch<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  const inner = Array.isArray(v) ? v.map(watch) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, watch(x)]));
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !Object.hasOwn(target, key) && !coercionKeys.has(key)) foreignReads.push(key);
      return Reflect.get(target, key, receiver);
    },
  }) as T;
}

const { rule } = fc.letrec<{ rule: unknown }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(
      fc.integer(),
      fc.string({ maxLength: 5 }),
      fc.constant(null),
      fc.boolean(),
      fc.constantFrom(...hostilePaths),
    ),
    fc.constantFrom(...hostilePaths).map((p) => ({ var: p })),
    fc.tuple(fc.constantFrom(...hostilePaths), tie('rule')).map(([p, d]) => ({ var: [p, d] })),
    fc
      .tuple(fc.constantFrom(...hostileNames, ...opNames), fc.array(tie('rule'), { maxLength: 3 }))
      .map(([n, a]) => ({ [n]: a })),
    fc.tuple(fc.constantFrom(...opNames), tie('rule')).map(([n, a]) => ({ [n]: a })),
    fc.dictionary(fc.constantFrom(...hostileNames, 'a', 'b'), tie('rule'), { maxKeys: 3 }),
    fc.array(tie('rule'), { maxLength: 3 }),
  ),
}));

const plainData = () => ({
  a: { b: { c: 1 } },
  xs: [1, '2', { a: 3 }],
  s: 'text',
  amount: '10.00',
  date: '2025-03-31',
});
const context = { calendars: sampleCalendars, tables: { t: { k: 'v' } } };

describe('hostile rules', () => {
  afterAll(() => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('only ever throw RuleError, never read prototypes, never pollute', () => {
    fc.assert(
      fc.property(rule, (r) => {
        const data = watch(plainData());
        try {
          const v = apply(r, data, context);
          expect(typeof v).not.toBe('function');
        } catch (e) {
          expect(isRuleError(e), String(e)).toBe(true);
        }
        const ex = explain(r, data, context);
        expect(ex.error === undefined || typeof ex.error.code === 'string').toBe(true);
        expect(Array.isArray(validate(r).diagnostics)).toBe(true);
      }),
      { numRuns: 8000 },
    );
    expect([...new Set(foreignReads)]).toEqual([]);
    expect(getDefaultEngine().codegenStats().fallbacks, 'code generation fell back to closures').toBe(0);
  });

  it('named hostile operations are unknown operations', () => {
    for (const name of hostileNames) {
      let code = '';
      try {
        apply({ [name]: [1, 2] }, {});
      } catch (e) {
        code = isRuleError(e) ? e.code : 'not a RuleError';
      }
      expect(code, name).toBe('unknown_op');
    }
  });

  it('var never reaches functions or prototypes', () => {
    const data = JSON.parse('{"a":{"b":1},"__proto__":{"x":1},"xs":[1]}');
    for (const p of [
      'constructor',
      '__proto__',
      '__proto__.x',
      'a.constructor',
      'a.hasOwnProperty',
      'xs.map',
      'xs.constructor',
      'toString',
    ]) {
      expect(apply({ var: p }, data), p).toBeNull();
      expect(apply({ var: [p, 'dflt'] }, data), p).toBe('dflt');
    }
    expect(apply({ missing: ['constructor', 'a.b'] }, data)).toEqual(['constructor']);
  });
});
