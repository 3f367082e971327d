import { defineOp } from '../../engine/define-op.ts';
import { truthy } from '../../engine/truthy.ts';
import type { Closure } from '../../engine/types.ts';

function makeIf(name: string) {
  return defineOp({
    name,
    family: 'standard',
    arity: { min: 0 },
    lazy: true,
    pure: true,
    signature: { params: ['any'], rest: true, result: 'any' },
    doc: {
      summary:
        'if/then/else-if/.../else: the value after the first truthy condition, else the last odd argument, else null.',
      example: {
        rule: { [name]: [{ '>': [{ var: 'days' }, 90] }, 'doubtful', 'normal'] },
        data: { days: 120 },
        result: 'doubtful',
      },
    },
    evaluate(args, data, rt) {
      let i = 0;
      for (; i < args.length - 1; i += 2) {
        if (truthy((args[i] as Closure)(data, rt))) return (args[i + 1] as Closure)(data, rt);
      }
      return i === args.length - 1 ? (args[i] as Closure)(data, rt) : null;
    },
    compile(args) {
      // Drop branches behind constant conditions; keep the first constant-truthy one as the else.
      const kept: Closure[] = [];
      let other: Closure | undefined;
      let i = 0;
      for (; i < args.length - 1; i += 2) {
        const c = args[i]!;
        if (c.constant) {
          if (truthy(c.value)) {
            other = args[i + 1]!.fn;
            break;
          }
          continue;
        }
        kept.push(c.fn, args[i + 1]!.fn);
      }
      if (other === undefined) other = i === args.length - 1 ? args[i]!.fn : () => null;
      const otherwise = other;
      if (kept.length === 0) return otherwise;
      if (kept.length === 2) {
        const [c, t] = kept as [Closure, Closure];
        return (d, rt) => (truthy(c(d, rt)) ? t(d, rt) : otherwise(d, rt));
      }
      return (d, rt) => {
        for (let j = 0; j < kept.length; j += 2) {
          if (truthy((kept[j] as Closure)(d, rt))) return (kept[j + 1] as Closure)(d, rt);
        }
        return otherwise(d, rt);
      };
    },
  });
}

export const ifOp = makeIf('if');
export const ternaryOp = makeIf('?:');

export const andOp = defineOp({
  name: 'and',
  family: 'standard',
  arity: { min: 1 },
  lazy: true,
  pure: true,
  signature: { params: ['any'], rest: true, result: 'any' },
  doc: {
    summary: 'The first falsy argument, or the last one. Stops at the first falsy value.',
    example: {
      rule: { and: [{ '==': [{ var: 'currency' }, 'EUR'] }, { '>': [{ var: 'amount' }, 0] }] },
      data: { currency: 'EUR', amount: 10 },
      result: true,
    },
  },
  evaluate(args, data, rt) {
    let cur: unknown;
    for (const a of args) {
      cur = a(data, rt);
      if (!truthy(cur)) return cur;
    }
    return cur;
  },
  compile(args) {
    const fns = args.map((a) => a.fn);
    if (fns.length === 2) {
      const [a, b] = fns as [Closure, Closure];
      return (d, rt) => {
        const x = a(d, rt);
        return truthy(x) ? b(d, rt) : x;
      };
    }
    if (fns.length === 3) {
      const [a, b, c] = fns as [Closure, Closure, Closure];
      return (d, rt) => {
        const x = a(d, rt);
        if (!truthy(x)) return x;
        const y = b(d, rt);
        return truthy(y) ? c(d, rt) : y;
      };
    }
    return undefined;
  },
});

export const orOp = defineOp({
  name: 'or',
  family: 'standard',
  arity: { min: 1 },
  lazy: true,
  pure: true,
  signature: { params: ['any'], rest: true, result: 'any' },
  doc: {
    summary: 'The first truthy argument, or the last one. Stops at the first truthy value.',
    example: { rule: { or: [{ var: 'reference' }, 'n/a'] }, data: { reference: '' }, result: 'n/a' },
  },
  evaluate(args, data, rt) {
    let cur: unknown;
    for (const a of args) {
      cur = a(data, rt);
      if (truthy(cur)) return cur;
    }
    return cur;
  },
  compile(args) {
    const fns = args.map((a) => a.fn);
    if (fns.length === 2) {
      const [a, b] = fns as [Closure, Closure];
      return (d, rt) => {
        const x = a(d, rt);
        return truthy(x) ? x : b(d, rt);
      };
    }
    if (fns.length === 3) {
      const [a, b, c] = fns as [Closure, Closure, Closure];
      return (d, rt) => {
        const x = a(d, rt);
        if (truthy(x)) return x;
        const y = b(d, rt);
        return truthy(y) ? y : c(d, rt);
      };
    }
    return undefined;
  },
});

export const notOp = defineOp({
  name: '!',
  family: 'standard',
  arity: { min: 1, max: 1 },
  lazy: false,
  pure: true,
  signature: { params: ['any'], result: 'boolean' },
  doc: { summary: 'Logical not (JsonLogic truthiness: [] is false).', example: { rule: { '!': [[]] }, result: true } },
  evaluate: (args) => !truthy(args[0]),
  compile(args) {
    const a = args[0]!.fn;
    return (d, rt) => !truthy(a(d, rt));
  },
});

export const notNotOp = defineOp({
  name: '!!',
  family: 'standard',
  arity: { min: 1, max: 1 },
  lazy: false,
  pure: true,
  signature: { params: ['any'], result: 'boolean' },
  doc: {
    summary: 'Cast to boolean (JsonLogic truthiness: [] is false, "0" is true).',
    example: { rule: { '!!': ['0'] }, result: true },
  },
  evaluate: (args) => truthy(args[0]),
});
