import { defineOp } from '../../engine/define-op.ts';
import type { RuntimeContext } from '../../engine/runtime.ts';
import type { Closure, CompileInfo, CompiledArg } from '../../engine/types.ts';
import { rootVarPath, valSlotReader } from '../../engine/val-source.ts';

type Cmp = (a: any, b: any) => boolean; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Two-argument comparison closure. When the arguments are root-scope vars (or constants), a fused
 * path reads both straight from a prepared record's slots; otherwise the generic closures run.
 */
function compileCompare(cmp: Cmp, a: CompiledArg, b: CompiledArg, info: CompileInfo): Closure {
  const fa = a.fn;
  const fb = b.fn;
  const generic: Closure = b.constant
    ? (
        (v) => (d, rt) =>
          cmp(fa(d, rt), v)
      )(b.value)
    : (d, rt) => cmp(fa(d, rt), fb(d, rt));
  const pa = rootVarPath(a, info);
  const pb = b.constant ? null : rootVarPath(b, info);
  if (pa === null || (pb === null && !b.constant)) return generic;
  const ra = valSlotReader(pa);
  if (pb === null) {
    const v = b.value;
    return (d: unknown, rt: RuntimeContext) => {
      const p = rt.prep;
      if (p !== null) {
        const x = ra(p.plan, p.vals);
        if (x !== undefined) return cmp(x, v);
      }
      return generic(d, rt);
    };
  }
  const rb = valSlotReader(pb);
  return (d: unknown, rt: RuntimeContext) => {
    const p = rt.prep;
    if (p !== null) {
      const x = ra(p.plan, p.vals);
      const y = rb(p.plan, p.vals);
      if (x !== undefined && y !== undefined) return cmp(x, y);
    }
    return generic(d, rt);
  };
}

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
    compile: (args, info) => compileCompare(cmp, args[0]!, args[1]!, info),
  });
}

/* JavaScript's own comparison semantics, exactly as json-logic-js applies them. */
export const eqOp = binary('==', (a, b) => a == b, 'Loose equality (JavaScript ==).', {
  rule: { '==': [1, '1'] },
  result: true,
});
export const strictEqOp = binary('===', (a, b) => a === b, 'Strict equality.', {
  rule: { '===': [1, '1'] },
  result: false,
});
export const neOp = binary('!=', (a, b) => a != b, 'Loose inequality.', {
  rule: { '!=': ['EUR', 'USD'] },
  result: true,
});
export const strictNeOp = binary('!==', (a, b) => a !== b, 'Strict inequality.', {
  rule: { '!==': [1, '1'] },
  result: true,
});
export const gtOp = binary('>', (a, b) => a > b, 'Greater than (strings compare as text, as in JavaScript).', {
  rule: { '>': [{ var: 'days' }, 30] },
  result: false,
});
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
    compile: (args, info) => (args.length === 3 ? undefined : compileCompare(cmp, args[0]!, args[1]!, info)),
  });
}

export const ltOp = between('<', (a, b) => a < b, 'Less than; with three arguments, a < b < c (exclusive between).', {
  rule: { '<': [1, 2, 3] },
  result: true,
});
export const lteOp = between(
  '<=',
  (a, b) => a <= b,
  'Less or equal; with three arguments, a <= b <= c (inclusive between).',
  { rule: { '<=': [1, 1, 3] }, result: true },
);
