import { defineOp } from '../../engine/define-op.ts';
import { indexIn } from '../../engine/array-scan.ts';
import { truthy } from '../../engine/truthy.ts';
import type { Closure } from '../../engine/types.ts';

const scoped = [1] as const;

export const mapOp = defineOp({
  name: 'map',
  family: 'standard',
  arity: { min: 2, max: 2 },
  lazy: true,
  pure: true,
  scopedArgs: scoped,
  signature: { params: ['array', 'any'], result: 'array' },
  doc: {
    summary: 'Apply the second argument to every element (each element becomes the data).',
    example: {
      rule: { map: [{ var: 'lines' }, { var: 'amount' }] },
      data: { lines: [{ amount: '1.00' }, { amount: '2.00' }] },
      result: ['1.00', '2.00'],
    },
  },
  evaluate(args, data, rt, at) {
    const list = (args[0] as Closure)(data, rt);
    if (!Array.isArray(list)) return [];
    const fn = args[1] as Closure;
    rt.checkArray(list, at);
    const out = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) {
      rt.tick(at);
      out[i] = fn(list[i], rt);
    }
    return out;
  },
});

export const filterOp = defineOp({
  name: 'filter',
  family: 'standard',
  arity: { min: 2, max: 2 },
  lazy: true,
  pure: true,
  scopedArgs: scoped,
  signature: { params: ['array', 'any'], result: 'array' },
  doc: {
    summary: 'Keep the elements for which the second argument is truthy.',
    example: { rule: { filter: [[1, 2, 3], { '>': [{ var: '' }, 1] }] }, result: [2, 3] },
  },
  evaluate(args, data, rt, at) {
    const list = (args[0] as Closure)(data, rt);
    if (!Array.isArray(list)) return [];
    const fn = args[1] as Closure;
    const out: unknown[] = [];
    for (let i = 0; i < list.length; i++) {
      rt.tick(at);
      if (truthy(fn(list[i], rt))) out.push(list[i]);
    }
    return out;
  },
});

export const reduceOp = defineOp({
  name: 'reduce',
  family: 'standard',
  arity: { min: 2, max: 3 },
  lazy: true,
  pure: true,
  scopedArgs: scoped,
  signature: { params: ['array', 'any', 'any'], result: 'any' },
  doc: {
    summary:
      'Fold the array: the lambda sees {"current", "accumulator"}; the third argument is the initial value (default null).',
    example: { rule: { reduce: [[1, 2, 3], { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] }, result: 6 },
  },
  evaluate(args, data, rt, at) {
    const list = (args[0] as Closure)(data, rt);
    const initial = args[2] === undefined ? null : args[2](data, rt);
    if (!Array.isArray(list)) return initial;
    const fn = args[1] as Closure;
    let acc = initial;
    for (let i = 0; i < list.length; i++) {
      rt.tick(at);
      acc = fn({ current: list[i], accumulator: acc }, rt);
    }
    return acc;
  },
});

function quantifier(name: 'all' | 'some' | 'none', summary: string, example: { rule: unknown; result: unknown }) {
  const onEmpty = name === 'none';
  const stopWhen = name !== 'all'; // all stops at first falsy, some/none at first truthy
  return defineOp({
    name,
    family: 'standard',
    arity: { min: 2, max: 2 },
    lazy: true,
    pure: true,
    scopedArgs: scoped,
    signature: { params: ['array', 'any'], result: 'boolean' },
    doc: { summary, example },
    evaluate(args, data, rt, at) {
      const list = (args[0] as Closure)(data, rt);
      if (!Array.isArray(list) || list.length === 0) return onEmpty;
      const fn = args[1] as Closure;
      for (let i = 0; i < list.length; i++) {
        rt.tick(at);
        if (truthy(fn(list[i], rt)) === stopWhen) return name === 'some' ? true : false;
      }
      return name !== 'some';
    },
  });
}

export const allOp = quantifier('all', 'True when the array is non-empty and every element passes.', {
  rule: { all: [[1, 2], { '>': [{ var: '' }, 0] }] },
  result: true,
});
export const someOp = quantifier('some', 'True when at least one element passes.', {
  rule: { some: [[1, 2], { '>': [{ var: '' }, 1] }] },
  result: true,
});
export const noneOp = quantifier('none', 'True when no element passes (true for an empty array).', {
  rule: { none: [[1, 2], { '>': [{ var: '' }, 5] }] },
  result: true,
});

export const mergeOp = defineOp({
  name: 'merge',
  family: 'standard',
  arity: { min: 0 },
  lazy: false,
  pure: true,
  signature: { params: ['any'], rest: true, result: 'array' },
  doc: {
    summary: 'Flatten the arguments one level into one array.',
    example: { rule: { merge: [[1, 2], 3, [4]] }, result: [1, 2, 3, 4] },
  },
  evaluate(args, rt, at) {
    const out: unknown[] = [];
    for (const a of args) {
      if (Array.isArray(a)) {
        rt.checkArray(a, at);
        for (let i = 0; i < a.length; i++) out.push(a[i]);
        rt.checkArray(out, at);
      } else out.push(a);
    }
    return out;
  },
});

export const inOp = defineOp({
  name: 'in',
  family: 'standard',
  arity: { min: 2, max: 2 },
  lazy: false,
  pure: true,
  signature: { params: ['any', 'any'], result: 'boolean' },
  doc: {
    summary: 'Element of an array (===) or substring of a string.',
    example: { rule: { in: ['EUR', ['EUR', 'USD']] }, result: true },
  },
  compile(args) {
    const [a, b] = [args[0]!, args[1]!];
    if (!b.constant || !Array.isArray(b.value)) return undefined;
    // Constant list: a Set gives the same answers as indexOf (strict equality, -0 equals 0).
    const set = new Set(b.value);
    const fa = a.fn;
    if (set.size === 0) return (d, rt) => (fa(d, rt), false);
    return (d, rt) => set.has(fa(d, rt));
  },
  evaluate([a, b]) {
    if (!b) return false;
    if (typeof b === 'string') return b.indexOf(a as string) !== -1;
    if (Array.isArray(b)) return indexIn(b, a) !== -1;
    return false;
  },
});
