import { defineOp } from '../../engine/define-op.ts';
import { indexIn } from '../../engine/array-scan.ts';
import { getOwn } from '../../engine/path.ts';
import { RuleError } from '../../errors.ts';

export const inListOp = defineOp({
  name: 'in_list',
  arity: { min: 2, max: 2 },
  lazy: false,
  pure: true,
  signature: { params: ['any', 'array'], result: 'boolean' },
  doc: {
    summary: 'True when the value is an element of the list (strict equality); false for a missing list.',
    example: {
      rule: { in_list: [{ var: 'customer.segment' }, ['key', 'strategic']] },
      data: { customer: { segment: 'key' } },
      result: true,
    },
  },
  evaluate: ([v, list]) => Array.isArray(list) && indexIn(list, v) !== -1,
  compile(args) {
    const [v, list] = [args[0]!, args[1]!];
    if (!list.constant || !Array.isArray(list.value)) return undefined;
    const set = new Set(list.value);
    const fv = v.fn;
    return (d, rt) => set.has(fv(d, rt));
  },
});

export const intersectsOp = defineOp({
  name: 'intersects',
  arity: { min: 2, max: 2 },
  lazy: false,
  pure: true,
  signature: { params: ['array', 'array'], result: 'boolean' },
  doc: {
    summary: 'True when two lists share at least one element (strict equality).',
    example: {
      rule: { intersects: [{ extract_refs: ['inv 1001 / 1002', '\\d+'] }, { var: 'open_invoices' }] },
      data: { open_invoices: ['1002'] },
      result: true,
    },
  },
  evaluate([a, b], rt, at) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    rt.tick(at, a.length + b.length);
    const set = new Set<unknown>();
    for (let i = 0; i < a.length; i++) set.add(a[i]);
    for (let i = 0; i < b.length; i++) if (set.has(b[i])) return true;
    return false;
  },
});

export const lookupOp = defineOp({
  name: 'lookup',
  arity: { min: 2, max: 3 },
  lazy: false,
  pure: false,
  signature: { params: ['string', 'any', 'any'], result: 'any' },
  doc: {
    summary:
      'Value for a key in a named table passed in the context ({ tables: { risk_grade: { C001: "A" } } }); the third argument is the default (null).',
    example: {
      rule: { lookup: ['risk_grade', { var: 'customer_id' }, 'C'] },
      data: { customer_id: 'C001' },
      result: 'A',
    },
  },
  evaluate([name, key, fallback], rt, at) {
    const tables = rt.context.tables;
    if (typeof name !== 'string' || tables === undefined || !Object.hasOwn(tables, name)) {
      throw new RuleError(
        'unknown_table',
        at,
        `unknown table ${JSON.stringify(name)}: pass it in the context's tables`,
      );
    }
    const table = tables[name];
    const def = fallback === undefined ? null : fallback;
    if (typeof key !== 'string' && typeof key !== 'number') return def;
    const k = String(key);
    const v = table instanceof Map ? (table.get(k) as unknown) : getOwn(table, k);
    return v === undefined || typeof v === 'function' ? def : v;
  },
});
