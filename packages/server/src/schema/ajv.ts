import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import addFormatsModule from 'ajv-formats';
import type { FieldError } from '../domain/errors.ts';
import { amountLimitReason, isAmountText, isRateText } from '../domain/money/index.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const decimalPattern = /^-?(0|[1-9]\d{0,21})(\.\d{1,12})?$/;

/** A YYYY-MM-DD date of years 1 to 9999 that exists (leap days included). */
export function isCalendarDate(s: string): boolean {
  if (!/^(?!0000)\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** One configured ajv for the server: JSON Schema 2020-12, all errors, strict on our own schemas. */
export function createAjv(options: { strict?: boolean; regExp?: RegExpEngine; meta?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    // without the meta-schemas an instance starts in a few milliseconds (their compile costs ~60 ms)
    ...(options.meta === false ? { meta: false, validateSchema: false } : {}),
    allErrors: true,
    strict: options.strict ?? false,
    allowUnionTypes: true,
    discriminator: true,
    ...(options.regExp ? { code: { regExp: options.regExp } } : {}),
  });
  addFormats(ajv);
  ajv.addFormat('decimal', { type: 'string', validate: (s: string) => decimalPattern.test(s) });
  // the calendar PostgreSQL stores: year 0 (which ajv-formats accepts) does not exist there
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
  ajv.addFormat('currency', { type: 'string', validate: (s: string) => /^[A-Z]{3}$/.test(s) });
  // amounts and rates within what their SQL columns hold (domain/money/limits.ts): too large is a 422, never a 500
  ajv.addFormat('money', { type: 'string', validate: isAmountText });
  ajv.addFormat('rate', { type: 'string', validate: isRateText });
  return ajv;
}

export const ajv = createAjv();

/** ajv errors as `{ pointer, reason }`, with the missing/extra property named in the pointer. */
export function toFieldErrors(errors: ErrorObject[] | null | undefined, base = ''): FieldError[] {
  return (errors ?? []).map((e) => {
    let pointer = base + e.instancePath;
    let reason = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      pointer += `/${escapePointer(String(e.params.missingProperty))}`;
      reason = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      pointer += `/${escapePointer(String(e.params.additionalProperty))}`;
      reason = 'is not a known field';
    } else if (e.keyword === 'enum') {
      reason = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (e.keyword === 'format') {
      reason = formatReasons[String(e.params.format)] ?? `must be a valid ${String(e.params.format)}`;
    }
    return { pointer: pointer || '/', reason };
  });
}

const formatReasons: Record<string, string> = {
  money: amountLimitReason,
  rate: 'must be a decimal string with at most 12 digits before the point and 12 after',
};

export const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

const cache = new WeakMap<object, ValidateFunction>();

/** Compiles (once per schema object) and validates; returns field errors, empty when valid. */
export function check(schema: object, value: unknown, base = ''): FieldError[] {
  let fn = cache.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    cache.set(schema, fn);
  }
  return fn(value) ? [] : toFieldErrors(fn.errors, base);
}
