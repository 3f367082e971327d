import { compile, validate } from '@hexiao/dsl';
import type { FieldError } from '../errors.ts';

/**
 * Field mapping from canonical records into an object's custom fields: each field is a JSON pointer into
 * the record (`"/buyerReference"`) or a JSON-Logic expression evaluated on it
 * (`{"cat": ["PO-", {"var": "orderReference"}]}`), run in the rules language's sandbox.
 */
export type FieldMapping = Record<string, string | object>;

/** Checks every expression of a mapping: pointers must be pointers, rules must pass `validate`. */
export function validateMapping(mapping: Record<string, FieldMapping> | undefined): FieldError[] {
  const errors: FieldError[] = [];
  for (const [target, fields] of Object.entries(mapping ?? {}))
    for (const [field, expr] of Object.entries(fields)) {
      const at = `/mapping/${target}/${field}`;
      if (typeof expr === 'string') {
        if (!expr.startsWith('/'))
          errors.push({
            pointer: at,
            reason: 'must be a JSON pointer such as /orderReference, or a JSON-Logic expression',
          });
        continue;
      }
      for (const d of validate(expr).diagnostics.filter((x) => x.severity === 'error'))
        errors.push({ pointer: `${at}${d.pointer === '/' ? '' : d.pointer}`, reason: d.message });
    }
  return errors;
}

function readPointer(record: unknown, pointer: string): unknown {
  let at: unknown = record;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** Builds the custom fields of one record; fields whose value is undefined or null are left out. */
export function mapFields(mapping: FieldMapping | undefined, record: unknown): Record<string, unknown> | undefined {
  if (!mapping) return undefined;
  const out: Record<string, unknown> = {};
  for (const [field, expr] of Object.entries(mapping)) {
    const value = typeof expr === 'string' ? readPointer(record, expr) : compile(expr)(record);
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out;
}
