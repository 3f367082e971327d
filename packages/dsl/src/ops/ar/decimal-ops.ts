import { defineOp } from '../../engine/define-op.ts';
import type { RuntimeContext } from '../../engine/runtime.ts';
import type { OpDescriptor } from '../../engine/types.ts';
import { RuleError } from '../../errors.ts';
import { absDec, addDec, compareDec, Dec, divDec, mulDec, negDec, subDec } from './decimal/dec.ts';
import { decReader, toDec, withDecValue } from './readers.ts';
import { decSource } from './fast-slots.ts';

type Fold = (a: Dec, b: Dec, at: string) => Dec;

function arithmetic(
  name: string,
  min: number,
  max: number | undefined,
  fold: Fold,
  unary: ((a: Dec) => Dec) | null,
  doc: OpDescriptor['doc'],
) {
  const run = (vals: Dec[], at: string): string => {
    if (vals.length === 1 && unary !== null) return unary(vals[0]!).toString();
    let acc = vals[0]!;
    for (let i = 1; i < vals.length; i++) acc = fold(acc, vals[i]!, at);
    return acc.toString();
  };
  return defineOp({
    name,
    arity: max === undefined ? { min } : { min, max },
    lazy: false,
    pure: true,
    signature: { params: ['decimal'], rest: true, result: 'decimal' },
    doc,
    evaluate: (args, _rt, at) =>
      run(
        args.map((a) => toDec(a, at)),
        at,
      ),
    compile(args, info) {
      const rs = args.map((a) => decReader(a, info));
      const at = info.at;
      let dec: (d: unknown, rt: RuntimeContext) => Dec;
      if (rs.length === 2 && unary === null) {
        const [a, b] = rs as [(typeof rs)[0], (typeof rs)[0]];
        dec = (d, rt) => {
          const x = a(d, rt);
          const y = b(d, rt);
          return fold(toDec(x, at), toDec(y, at), at);
        };
      } else {
        dec = (d, rt) => {
          const vals = rs.map((r) => r(d, rt)).map((v) => toDec(v, at));
          if (vals.length === 1 && unary !== null) return unary(vals[0]!);
          let acc = vals[0]!;
          for (let i = 1; i < vals.length; i++) acc = fold(acc, vals[i]!, at);
          return acc;
        };
      }
      return withDecValue((d, rt) => dec(d, rt).toString(), dec);
    },
  });
}

const divide: Fold = (a, b, at) => {
  if (b.isZero()) throw new RuleError('invalid_argument', at, 'dec/: division by zero');
  return divDec(a, b);
};

export const decAdd = arithmetic('dec+', 1, undefined, addDec, null, {
  summary:
    'Exact decimal sum of amounts (strings or numbers). The result keeps the largest scale: "1.10" + "2.205" = "3.305".',
  example: {
    rule: { 'dec+': [{ var: 'net' }, { var: 'vat' }] },
    data: { net: '100.10', vat: '13.01' },
    result: '113.11',
  },
});
export const decSub = arithmetic('dec-', 1, 2, subDec, negDec, {
  summary: 'Exact decimal difference; with one argument, negation.',
  example: { rule: { 'dec-': ['0.30', '0.10'] }, result: '0.20' },
});
export const decMul = arithmetic('dec*', 1, undefined, mulDec, null, {
  summary: 'Exact decimal product (scales add: "19.99" × "3" = "59.97"). Round with dec_round.',
  example: { rule: { 'dec*': ['19.99', 3] }, result: '59.97' },
});
export const decDiv = arithmetic('dec/', 2, 2, divide, null, {
  summary: 'Decimal division to 34 significant digits (half-even); division by zero is an error. Round with dec_round.',
  example: { rule: { 'dec/': ['10', '4'] }, result: '2.5' },
});

export const decAbs = defineOp({
  name: 'dec_abs',
  arity: { min: 1, max: 1 },
  lazy: false,
  pure: true,
  signature: { params: ['decimal'], result: 'decimal' },
  doc: { summary: 'Absolute value of an amount.', example: { rule: { dec_abs: ['-12.50'] }, result: '12.50' } },
  evaluate: (args, _rt, at) => absDec(toDec(args[0], at)).toString(),
});

export const decSum = defineOp({
  name: 'dec_sum',
  arity: { min: 1, max: 1 },
  lazy: false,
  pure: true,
  signature: { params: ['array'], result: 'decimal' },
  doc: {
    summary: 'Exact sum of an array of amounts ("0" for an empty array).',
    example: {
      rule: { dec_sum: { map: [{ var: 'lines' }, { var: 'amount' }] } },
      data: { lines: [{ amount: '0.10' }, { amount: '0.20' }] },
      result: '0.30',
    },
  },
  evaluate(args, rt: RuntimeContext, at) {
    const list = args[0];
    if (!Array.isArray(list)) throw new RuleError('type', at, 'dec_sum: expected an array of amounts');
    let acc = new Dec(0, 0);
    for (let i = 0; i < list.length; i++) {
      rt.tick(at);
      acc = addDec(acc, toDec(list[i], at));
    }
    return acc.toString();
  },
});

type Test = (c: number) => boolean;

function comparison(name: string, test: Test, between: boolean, doc: OpDescriptor['doc']) {
  return defineOp({
    name,
    arity: { min: 2, max: between ? 3 : 2 },
    lazy: false,
    pure: true,
    signature: { params: ['decimal', 'decimal', 'decimal'], result: 'boolean' },
    doc,
    evaluate(args, _rt, at) {
      const v = args.map((a) => toDec(a, at));
      if (!test(compareDec(v[0]!, v[1]!))) return false;
      return v.length === 3 ? test(compareDec(v[1]!, v[2]!)) : true;
    },
    compile(args, info) {
      const rs = args.map((a) => decReader(a, info));
      const at = info.at;
      if (rs.length === 3) return undefined;
      const [a, b] = rs as [(typeof rs)[0], (typeof rs)[0]];
      const generic = (d: unknown, rt: RuntimeContext): boolean => {
        const x = a(d, rt);
        const y = b(d, rt);
        return test(compareDec(toDec(x, at), toDec(y, at)));
      };
      const sa = decSource(args[0]!, info);
      const sb = decSource(args[1]!, info);
      if (sa === null || sb === null) return generic;
      // Fused path over prepared records: compare scaled integers in place, no allocation.
      return (d, rt) => {
        const p = rt.prep;
        if (p !== null) {
          const n = p.nums;
          let ua: number, ea: number, ub: number, eb: number;
          if ('slotOf' in sa) {
            const s = sa.slotOf(p.plan);
            ua = s < 0 ? 0 : (n[s] as number);
            ea = s < 0 ? -1 : (n[s + 1] as number);
          } else {
            ua = sa.u;
            ea = sa.e;
          }
          if ('slotOf' in sb) {
            const s = sb.slotOf(p.plan);
            ub = s < 0 ? 0 : (n[s] as number);
            eb = s < 0 ? -2 : (n[s + 1] as number);
          } else {
            ub = sb.u;
            eb = sb.e;
          }
          if (ea === eb && ea >= 0) return test(ua < ub ? -1 : ua > ub ? 1 : 0);
        }
        return generic(d, rt);
      };
    },
  });
}

export const decEq = comparison('dec=', (c) => c === 0, false, {
  summary: 'Exact numeric equality of amounts ("100.0" equals "100.00"; 0.1+0.2 issues cannot occur).',
  example: {
    rule: { 'dec=': [{ var: 'receipt.amount' }, { var: 'invoice.open' }] },
    data: { receipt: { amount: '100.0' }, invoice: { open: '100.00' } },
    result: true,
  },
});
export const decNe = comparison('dec!=', (c) => c !== 0, false, {
  summary: 'Exact inequality of amounts.',
  example: { rule: { 'dec!=': ['1.00', '1'] }, result: false },
});
export const decLt = comparison('dec<', (c) => c < 0, true, {
  summary: 'Amount less than; with three arguments, a < b < c.',
  example: { rule: { 'dec<': ['0', { var: 'open' }, '10.00'] }, data: { open: '4.99' }, result: true },
});
export const decLte = comparison('dec<=', (c) => c <= 0, true, {
  summary: 'Amount less or equal; with three arguments, a <= b <= c.',
  example: { rule: { 'dec<=': [{ var: 'amount' }, '5000.00'] }, data: { amount: '5000' }, result: true },
});
export const decGt = comparison('dec>', (c) => c > 0, false, {
  summary: 'Amount greater than.',
  example: { rule: { 'dec>': ['0.01', '0.001'] }, result: true },
});
export const decGte = comparison('dec>=', (c) => c >= 0, false, {
  summary: 'Amount greater or equal.',
  example: { rule: { 'dec>=': ['-1', '-1.00'] }, result: true },
});
