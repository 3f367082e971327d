import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { canonicalSchemas, type CanonicalSchemaName } from './schemas.ts';

export interface RecordProblem {
  /** JSON Pointer into the record, e.g. `/amount` or `/charges/0/currency`. */
  pointer: string;
  message: string;
}

let compiled: Map<string, ValidateFunction> | undefined;

function validators(): Map<string, ValidateFunction> {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: true });
  compiled = new Map();
  for (const [name, schema] of Object.entries(canonicalSchemas)) compiled.set(name, ajv.compile(schema));
  return compiled;
}

function describe(e: ErrorObject): RecordProblem {
  let pointer = e.instancePath || '';
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'required') pointer += `/${(e.params as { missingProperty: string }).missingProperty}`;
  if (e.keyword === 'additionalProperty' || e.keyword === 'additionalProperties') {
    pointer += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
    message = 'is not a field of the canonical record';
  }
  if (e.keyword === 'enum' && /currency$/i.test(pointer)) message = 'is not an ISO 4217 currency code';
  if (e.keyword === 'pattern' && /amount|balance|rate|total|payable|tax|quantity|price|credits|debits/i.test(pointer))
    message = 'must be an exact decimal string like "1234.50" (no float, no exponent)';
  return { pointer: pointer || '/', message };
}

/** The schema name for a parse output: its `type`, or `rejection` for `{ rejected }`. */
export function schemaNameOf(record: unknown): CanonicalSchemaName | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  if ('rejected' in record) return 'rejection';
  const type = (record as { type?: unknown }).type;
  return typeof type === 'string' && type in canonicalSchemas ? (type as CanonicalSchemaName) : undefined;
}

/**
 * Checks a record (or a rejection) against its canonical JSON Schema.
 * Returns [] when it conforms, else one problem per violation with a JSON Pointer.
 */
export function validateRecord(record: unknown): RecordProblem[] {
  const name = schemaNameOf(record);
  if (!name)
    return [
      {
        pointer: '/type',
        message:
          'is not a canonical record type (statement, bank-line, invoice, order, customer, open-invoice, fx-rate) nor a rejection',
      },
    ];
  const validate = validators().get(name)!;
  if (validate(record)) return [];
  const seen = new Set<string>();
  const problems: RecordProblem[] = [];
  for (const e of validate.errors ?? []) {
    const p = describe(e);
    const key = `${p.pointer} ${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  }
  return problems;
}
