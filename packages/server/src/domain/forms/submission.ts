import { apply } from '@hexiao/dsl';
import type { ValidateFunction } from 'ajv';
import { toFieldErrors } from '../../schema/ajv.ts';
import { compileTenantSchema } from '../../schema/tenant-schemas.ts';
import type { FieldError } from '../errors.ts';
import type { FormDocument } from './form-schema.ts';

/**
 * The validator of a form version's submission schema: compiled apart from every other tenant document
 * (no shared `$id` registry, RE2 patterns) and kept by content hash, see schema/tenant-schemas.ts. `hash` is
 * the published version's (unused: the schema's own content is the cache key).
 */
export function compileFormSchema(schema: object, _hash: string | null): ValidateFunction {
  const copy = structuredClone(schema) as Record<string, unknown>;
  delete copy.$schema;
  return compileTenantSchema(copy);
}

/** What a form's JSON-Logic reads besides the form itself. */
export interface FormFacts {
  customer?: Record<string, unknown>;
  subject?: Record<string, unknown>;
  requester?: Record<string, unknown>;
}

const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : !!v);

function run(rule: unknown, data: unknown): { value?: unknown; error?: string } {
  try {
    return { value: apply(rule, data) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A new form's starting values: each prefill rule's result (a rule that fails or yields null is left out). */
export function prefillForm(doc: FormDocument, facts: FormFacts): { data: Record<string, unknown>; notes: string[] } {
  const data: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const [name, rule] of Object.entries(doc.prefill ?? {})) {
    const r = run(rule, facts);
    if (r.error) notes.push(`prefill of ${name} failed: ${r.error}`);
    else if (r.value !== null && r.value !== undefined) data[name] = r.value;
  }
  return { data, notes };
}

export interface FieldStates {
  hidden: string[];
  required: string[];
}

/** Which fields the conditions hide and which they require, for these values (a failing rule counts as false). */
export function fieldStates(doc: FormDocument, data: Record<string, unknown>, facts: FormFacts): FieldStates {
  const input = { ...facts, form: data };
  const hidden: string[] = [];
  const required: string[] = [];
  for (const [name, c] of Object.entries(doc.conditions ?? {})) {
    if (c.show !== undefined && !truthy(run(c.show, input).value)) hidden.push(name);
    else if (c.require !== undefined && truthy(run(c.require, input).value)) required.push(name);
  }
  return { hidden, required };
}

/** Attachment labels the form requires for these values. */
export function requiredAttachments(doc: FormDocument, data: Record<string, unknown>, facts: FormFacts): string[] {
  const input = { ...facts, form: data };
  return (doc.attachments ?? [])
    .filter((a) => a.required === true || (a.required !== undefined && truthy(run(a.required, input).value)))
    .map((a) => a.label);
}

export interface CheckedSubmission {
  /** The submission as stored: hidden fields removed. */
  data: Record<string, unknown>;
  errors: FieldError[];
  states: FieldStates;
}

const blank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Checks a submission against the exact form version it was rendered from: fields the conditions hide
 * are dropped, then the JSON Schema (ajv) and the conditionally required fields. Pointers are under `base`.
 */
export function checkSubmission(
  doc: FormDocument,
  /** The version's content hash (its validator is kept); null for a draft being previewed (compiled, not kept). */
  contentHash: string | null,
  submitted: unknown,
  facts: FormFacts,
  base = '/data',
): CheckedSubmission {
  const empty: FieldStates = { hidden: [], required: [] };
  if (typeof submitted !== 'object' || submitted === null || Array.isArray(submitted))
    return { data: {}, errors: [{ pointer: base, reason: 'must be an object of form fields' }], states: empty };
  const states = fieldStates(doc, submitted as Record<string, unknown>, facts);
  const data = Object.fromEntries(
    Object.entries(submitted as Record<string, unknown>).filter(([k]) => !states.hidden.includes(k)),
  );
  const fn = compileFormSchema(doc.schema, contentHash);
  const errors = fn(data) ? [] : toFieldErrors(fn.errors, base);
  for (const name of states.required)
    if (blank(data[name]) && !errors.some((e) => e.pointer === `${base}/${name}`))
      errors.push({ pointer: `${base}/${name}`, reason: 'is required (by the form’s condition)' });
  return { data, errors, states };
}
