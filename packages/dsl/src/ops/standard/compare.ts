import { defineOp } from '../../engine/define-op.ts';
import type { Closure } from '../../engine/types.ts';

type Cmp = (a: any, b: any) => boolean; // eslint-disable-line @typescript-eslint/no-explicit-any

function binary(name: string, cmp: Cmp, summary: string, example: { rule: unknown; result: unknown }) {
  return defineOp({
    name,
    family: 'standard',
    arity: { min: 2, max: 2 },
    lazy: false,
    pure: true,
    signature: { params: ['any', 'any'], result: 'boolean' },
    doc: { summary, example },
    evaluate: (args) => cmp(args[0], args[1]),
    compile(args) {
      const [a, b] = [args[0]!, args[1]!];
      if (b.constant) {
        const fa = a.fn;
        const v = b.value;
        return (d, rt) => cmp(fa(d, rt), v);
      }
      const fa = a.fn;
      const fb = b.fn;
      return (d, rt) => cmp(fa(d, rt), fb(d, rt));
    },
  });
}

/* JavaScript's own comparison semantics, exactly as json-logic-js applies them. */
export const eqOp = binary('==', (a, b) => a == b, 'Loose equality (JavaScript ==).', { rule: { '==': [1, '1'] }, result: true });
export const strictEqOp = binary('===', (a, b) => a === b, 'Strict equality.', { rule: { '===': [1, '1'] }, result: false });
export const neOp = binary('!=', (a, b) => a != b, 'Loose inequality.', { rule: { '!=': ['EUR', 'USD'] }, result: true });
export const strictNeOp = binary('!==', (a, b) => a !== b, 'Strict inequality.', { rule: { '!==': [1, '1'] }, result: true });
export const gtOp = binary('>', (a, b) => a > b, 'Greater than (strings compare as text, as in JavaScript).', { rule: { '>': [{ var: 'days' }, 30] }, result: false });
export const gteOp = binary('>=', (a, b) => a >= b, 'Greater than or equal.', { rule: { '>=': [2, 2] }, result: true });

function between(name: string, cmp: Cmp, summary: string, example: { rule: unknown; result: unknown }) {
  return defineOp({
    name,
    family: 'standard',
    arity: { min: 2, max: 3 },
    lazy: false,
    pure: true,
    signature: { params: ['any', 'any', 'any'], result: 'boolean' },
    doc: { summary, example },
    evaluate: (args) => (args.length === 3 ? cmp(args[0], args[1]) && cmp(args[1], args[2]) : cmp(args[0], args[1])),
    compile(args) {
      if (args.length === 3) return undefined;
      const [a, b] = [args[0]!, args[1]!];
      const fa: Closure = a.fn;
      if (b.constant) {
        const v = b.value;
        return (d, rt) => cmp(fa(d, rt), v);
      }
      const fb = b.fn;
      return (d, rt) => cmp(fa(d, rt), fb(d, rt));
    },
  });
}

export const ltOp = between('<', (a, b) => a < b, 'Less than; with three arguments, a < b < c (exclusive between).', { rule: { '<': [1, 2, 3] }, result: true });
export const lteOp = between('<=', (a, b) => a <= b, 'Less or equal; with three arguments, a <= b <= c (inclusive between).', { rule: { '<=': [1, 1, 3] }, result: true });
