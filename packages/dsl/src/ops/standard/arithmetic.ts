import { defineOp } from '../../engine/define-op.ts';
import { RuleError } from '../../errors.ts';

/** Float arithmetic must not silently produce NaN or Infinity: a money rule would fail quietly. */
export function finite(n: number, at: string, op: string): number {
  if (n - n !== 0) {
    throw new RuleError('not_finite', at, `"${op}" produced ${n} (arithmetic on a non-number or division by zero)`);
  }
  return n;
}

const num = (v: unknown): number => parseFloat(v as string);

export const addOp = defineOp({
  name: '+',
  family: 'standard',
  arity: { min: 0 },
  lazy: false,
  pure: true,
  signature: { params: ['number'], rest: true, result: 'number' },
  doc: {
    summary: 'Float sum (parseFloat on each argument; {"+": "3"} casts to number). Use dec+ for money.',
    example: { rule: { '+': [1, '2.5'] }, result: 3.5 },
  },
  evaluate(args, _rt, at) {
    let s = 0;
    for (const a of args) s = parseFloat(s as never) + num(a);
    return finite(s, at, '+');
  },
  compile(args, { at }) {
    if (args.length !== 2) return undefined;
    const [a, b] = [args[0]!.fn, args[1]!.fn];
    return (d, rt) => {
      const x = a(d, rt);
      const y = b(d, rt);
      return finite(parseFloat(0 as never) + num(x) + num(y), at, '+');
    };
  },
});

export const mulOp = defineOp({
  name: '*',
  family: 'standard',
  arity: { min: 1 },
  lazy: false,
  pure: true,
  signature: { params: ['number'], rest: true, result: 'number' },
  doc: { summary: 'Float product. Use dec* for money.', example: { rule: { '*': [2, '1.5'] }, result: 3 } },
  evaluate(args, _rt, at) {
    // json-logic-js reduces without an initial value: a single argument is returned unchanged.
    if (args.length === 1) return args[0];
    let p = args[0] as unknown;
    for (let i = 1; i < args.length; i++) p = num(p) * num(args[i]);
    return finite(p as number, at, '*');
  },
});

export const subOp = defineOp({
  name: '-',
  family: 'standard',
  arity: { min: 1, max: 2 },
  lazy: false,
  pure: true,
  signature: { params: ['number', 'number'], result: 'number' },
  doc: {
    summary: 'Float difference; with one argument, negation. Use dec- for money.',
    example: { rule: { '-': [10, 4] }, result: 6 },
  },
  evaluate(args, _rt, at) {
    const r = args.length === 1 ? -(args[0] as number) : (args[0] as number) - (args[1] as number);
    return finite(r, at, '-');
  },
});

export const divOp = defineOp({
  name: '/',
  family: 'standard',
  arity: { min: 2, max: 2 },
  lazy: false,
  pure: true,
  signature: { params: ['number', 'number'], result: 'number' },
  doc: {
    summary: 'Float division; division by zero is an error. Use dec/ for money.',
    example: { rule: { '/': [7, 2] }, result: 3.5 },
  },
  evaluate: (args, _rt, at) => finite((args[0] as number) / (args[1] as number), at, '/'),
});

export const modOp = defineOp({
  name: '%',
  family: 'standard',
  arity: { min: 2, max: 2 },
  lazy: false,
  pure: true,
  signature: { params: ['number', 'number'], result: 'number' },
  doc: { summary: 'Remainder (JavaScript %).', example: { rule: { '%': [101, 2] }, result: 1 } },
  evaluate: (args, _rt, at) => finite((args[0] as number) % (args[1] as number), at, '%'),
});

export const maxOp = defineOp({
  name: 'max',
  family: 'standard',
  arity: { min: 1 },
  lazy: false,
  pure: true,
  signature: { params: ['number'], rest: true, result: 'number' },
  doc: { summary: 'Largest argument (Math.max).', example: { rule: { max: [1, 3, 2] }, result: 3 } },
  evaluate: (args, _rt, at) => finite(Math.max(...(args as number[])), at, 'max'),
});

export const minOp = defineOp({
  name: 'min',
  family: 'standard',
  arity: { min: 1 },
  lazy: false,
  pure: true,
  signature: { params: ['number'], rest: true, result: 'number' },
  doc: { summary: 'Smallest argument (Math.min).', example: { rule: { min: [1, 3, 2] }, result: 1 } },
  evaluate: (args, _rt, at) => finite(Math.min(...(args as number[])), at, 'min'),
});
