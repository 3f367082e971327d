import { defineOp } from '../../engine/define-op.ts';
import { RuleError } from '../../errors.ts';

export const catOp = defineOp({
  name: 'cat',
  family: 'standard',
  arity: { min: 0 },
  lazy: false,
  pure: true,
  signature: { params: ['any'], rest: true, result: 'string' },
  doc: {
    summary: 'Concatenate the arguments as text (null becomes "").',
    example: { rule: { cat: ['INV-', 42] }, result: 'INV-42' },
  },
  evaluate(args, rt, at) {
    let len = 0;
    for (const a of args) if (typeof a === 'string') len += a.length;
    if (len > rt.limits.maxStringLength) {
      throw new RuleError(
        'limit_string',
        at,
        `cat would build ${len} characters, over maxStringLength ${rt.limits.maxStringLength}`,
      );
    }
    return rt.checkString(args.join(''), at);
  },
});

export const substrOp = defineOp({
  name: 'substr',
  family: 'standard',
  arity: { min: 1, max: 3 },
  lazy: false,
  pure: true,
  signature: { params: ['string', 'number', 'number'], result: 'string' },
  doc: {
    summary:
      'Substring from a start index (negative counts from the end) with an optional length (negative drops from the end).',
    example: { rule: { substr: ['INV-2025-001', 4, 4] }, result: '2025' },
  },
  evaluate([source, start, end]) {
    const s = String(source);
    if ((end as number) < 0) {
      const temp = s.substr(start as number);
      return temp.substr(0, temp.length + (end as number));
    }
    return s.substr(start as number, end as number);
  },
});

export const logOp = defineOp({
  name: 'log',
  family: 'standard',
  arity: { min: 1, max: 1 },
  lazy: false,
  pure: false,
  signature: { params: ['any'], result: 'any' },
  doc: {
    summary: 'Returns its argument; the value is recorded in the explain trace (never printed to the console).',
    example: { rule: { log: 'checked' }, result: 'checked' },
  },
  evaluate(args, rt) {
    rt.logs?.push(args[0]);
    return args[0];
  },
});
