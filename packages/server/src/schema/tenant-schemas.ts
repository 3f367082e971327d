import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';
import type { FieldError } from '../domain/errors.ts';
import { createAjv, toFieldErrors } from './ajv.ts';

/**
 * JSON Schemas that tenants write (object-type fields, form submissions) are compiled apart from ours and from
 * each other: every document by its own ajv, so no `$id` is registered where another document (of this
 * tenant or another) could `$ref` it, take it first, or probe for it; a `$ref` outside the document does
 * not resolve. Patterns run on RE2 (linear time, no backtracking): `^(a+)+$` cannot stall the server, and
 * a construct RE2 lacks (backreferences, lookaround) makes the schema invalid at publish. Compiled
 * validators are kept by content hash, the most recently used first, up to a bound.
 */
export const maxTenantSchemas = 500;

const re2: RegExpEngine = Object.assign(
  (pattern: string) => {
    const re = RE2JS.compile(RE2JS.translateRegExp(pattern));
    // ajv keys compiled patterns by toString()
    return { test: (s: string) => re.test(s), toString: () => `re2:${pattern}` };
  },
  { code: 're2js' },
);

const cache = new Map<string, ValidateFunction>();
/** Schema objects are never changed once read; the same object compiles to the same validator. */
const byObject = new WeakMap<object, ValidateFunction>();
/** Checks documents against the JSON Schema meta-schema; it compiles nothing of theirs. */
const metaAjv = createAjv();

/** The validator of a tenant's schema; throws (with ajv's or RE2's message) when it is not a valid schema. */
export function compileTenantSchema(schema: object): ValidateFunction {
  // a batch checks many records against one schema object: skip hashing it again
  const same = byObject.get(schema);
  if (same) return same;
  const key = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    byObject.set(schema, hit);
    return hit;
  }
  const { $schema: _dialect, ...document } = schema as Record<string, unknown>;
  if (!metaAjv.validateSchema(document)) throw new Error(metaAjv.errorsText(metaAjv.errors, { dataVar: 'schema' }));
  const fn = createAjv({ regExp: re2, meta: false }).compile(document);
  cache.set(key, fn);
  byObject.set(schema, fn);
  if (cache.size > maxTenantSchemas) cache.delete(cache.keys().next().value!);
  return fn;
}

/** Validates against a tenant's schema; field errors under `base`, empty when valid. */
export function checkTenantSchema(schema: object, value: unknown, base = ''): FieldError[] {
  const fn = compileTenantSchema(schema);
  return fn(value) ? [] : toFieldErrors(fn.errors, base);
}

/** How many compiled tenant schemas are held (for the bound's test). */
export const tenantSchemaCacheSize = () => cache.size;
