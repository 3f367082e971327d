import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, explain, prepare, type DataSchema } from '../index.ts';

const schema: DataSchema = {
  type: 'object',
  properties: {
    a: { type: 'string', format: 'decimal' },
    b: { type: 'string', format: 'decimal' },
    n: { type: 'integer' },
    s: { type: 'string' },
    d1: { type: 'string', format: 'date' },
    d2: { type: 'string', format: 'date' },
  },
};

const amount = fc.oneof(
  fc.stringMatching(/^-?[0-9]{1,6}(\.[0-9]{1,3})?$/),
  fc.stringMatching(/^[0-9]{16,20}\.[0-9]{2}$/),
  fc.constantFrom('', 'x', null, 0, 1.5),
);
const day = fc.oneof(
  fc.integer({ min: 19_000, max: 21_000 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10)),
  fc.constantFrom('2025-02-30', null, 'x'),
);
const data = fc.record({
  a: amount,
  b: amount,
  n: fc.integer({ min: -5, max: 200 }),
  s: fc.constantFrom('EUR', 'USD', ''),
  d1: day,
  d2: day,
});

const { expr } = fc.letrec<{ expr: unknown; cond: unknown }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom({ var: 'a' }, { var: 'b' }, { var: 's' }, { var: 'n' }, '0.10', '1', 'abc', 2),
    fc.tuple(fc.constantFrom('dec+', 'dec-', 'dec*'), tie('expr'), tie('expr')).map(([o, x, y]) => ({ [o]: [x, y] })),
    fc
      .tuple(tie('expr'), fc.constantFrom('EUR', 'JPY', 2, 'bad'), fc.constantFrom('half_up', 'half_even', 'floor'))
      .map(([x, p, m]) => ({ dec_round: [x, p, m] })),
    fc
      .tuple(
        tie('cond'),
        fc.constantFrom('0.005', '0.02', '1.00'),
        tie('cond'),
        fc.constantFrom('0.10', 'x'),
        fc.constantFrom('1', '2.5'),
      )
      .map(([c1, v1, c2, v2, v3]) => ({ if: [c1, v1, c2, v2, v3] })),
  ),
  cond: fc.oneof(
    fc
      .tuple(fc.constantFrom('dec=', 'dec<', 'dec>=', 'dec!='), tie('expr'), tie('expr'))
      .map(([o, x, y]) => ({ [o]: [x, y] })),
    fc
      .tuple(
        fc.constantFrom('<=', '==', '>'),
        fc.constantFrom({ var: 'n' }, { days_between: [{ var: 'd1' }, { var: 'd2' }] }),
        fc.integer({ min: -10, max: 100 }),
      )
      .map(([o, x, y]) => ({ [o]: [x, y] })),
    fc.tuple(fc.constantFrom('and', 'or'), tie('cond'), tie('cond')).map(([o, x, y]) => ({ [o]: [x, y] })),
    fc.constantFrom({ '==': [{ var: 's' }, 'EUR'] }, { '!': { var: 's' } }, true),
  ),
}));

const generated = createEngine();
const closures = createEngine({ codegen: false });

function outcome(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: (e as { code?: string }).code ?? String(e) };
  }
}

describe('generated code agrees with closures, explain and prepared records', () => {
  it('on random exact-money rules', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          expr,
          fc
            .constant(null)
            .chain(() => expr)
            .map((e) => ({ 'dec>': [e, '0'] })),
        ),
        data,
        (rule, d) => {
          const want = outcome(() => closures.compile(rule)(d));
          expect(outcome(() => generated.compile(rule)(d))).toEqual(want);
          expect(outcome(() => generated.compile(rule)(prepare(d, schema)))).toEqual(want);
          expect(outcome(() => closures.compile(rule)(prepare(d, schema)))).toEqual(want);
          const ex = explain(rule, d);
          expect(ex.error === undefined ? { value: ex.result } : { error: ex.error.code }).toEqual(want);
        },
      ),
      { numRuns: 1500 },
    );
    expect(generated.codegenStats().fallbacks, 'code generation fell back to closures').toBe(0);
    expect(generated.codegenStats().generated).toBeGreaterThan(0);
  });
});

describe('dates read in place by generated code', () => {
  const digit = fc.constantFrom(...'0123456789');
  const text = fc.oneof(
    fc
      .date({ min: new Date(Date.UTC(0, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc
      .tuple(
        fc.array(digit, { minLength: 4, maxLength: 4 }),
        fc.array(digit, { minLength: 2, maxLength: 2 }),
        fc.array(digit, { minLength: 2, maxLength: 2 }),
      )
      .map(([y, m, d]) => `${y.join('')}-${m.join('')}-${d.join('')}`),
    fc.stringMatching(/^[0-9/:-]{10}$/),
    fc.constantFrom(
      '2024-02-29',
      '2025-02-29',
      '1900-02-29',
      '2000-02-29',
      '0000-01-01',
      '9999-12-31',
      '2025-04-31',
      null,
      20250101,
    ),
  );

  it('give the day differences of the closures, or their errors', () => {
    const rules = [
      { days_between: [{ var: 'a' }, { var: 'b' }] },
      { days_between: [{ var: 'a' }, '2025-01-01'] }, // a constant is converted at compile time, not by the template
      { days_between: ['0001-03-01', { var: 'b' }] },
    ];
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = { a, b };
        for (const rule of rules) {
          expect(outcome(() => generated.compile(rule)(d))).toEqual(outcome(() => closures.compile(rule)(d)));
        }
      }),
      { numRuns: 5000 },
    );
  });
});
