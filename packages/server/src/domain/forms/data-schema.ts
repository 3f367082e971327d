import type { FormDocument } from './form-schema.ts';

/**
 * What a request's JSON-Logic reads (prefill, conditions, a bound flow's guards and assignees), as JSON
 * Schemas the DSL checks `var` paths against. The customer is its core fields with its custom fields
 * beside them (`customer.salesManagerId`, `customer.inLegalDispute`): custom fields never shadow core ones.
 */
const text = { type: 'string' };
const decimal = { type: 'string', format: 'decimal' };
const date = { type: 'string', format: 'date' };

export const customerCoreSchema = {
  id: text,
  code: text,
  name: text,
  taxId: { type: ['string', 'null'] },
  region: { type: ['string', 'null'] },
  salesOwner: { type: ['string', 'null'] },
  parentId: { type: ['string', 'null'] },
  currency: { type: ['string', 'null'] },
  status: text,
  creditLimit: { type: ['string', 'null'], format: 'decimal' },
  paymentTermsDays: { type: ['integer', 'null'] },
} as const;

export const receivableSnapshotSchema = {
  type: 'object',
  properties: {
    id: text,
    number: text,
    docType: text,
    receivableType: text,
    currency: text,
    amount: decimal,
    openAmount: decimal,
    postingDate: date,
    dueDate: { type: ['string', 'null'], format: 'date' },
    daysOverdue: { type: 'integer' },
  },
} as const;

export const subjectSchema = {
  type: 'object',
  properties: {
    receivables: { type: 'array', items: receivableSnapshotSchema },
    currency: text,
    openAmount: decimal,
    daysOverdue: { type: 'integer' },
    provision: { ...decimal, description: 'allowance carried for the customer (base currency)' },
    asOf: date,
    receipt: { ...receivableSnapshotSchema, description: 'the receipt a settlement override settles them with' },
    difference: {
      ...decimal,
      description: 'what the receipt does not cover of the open amount (a settlement override absorbs it)',
    },
  },
} as const;

export const requesterSchema = {
  type: 'object',
  properties: { id: text, email: text, name: text, roles: { type: 'array', items: text } },
  additionalProperties: {},
} as const;

/** The customer's schema; with the tenant's custom fields when known (then nothing else is readable). */
export function customerSchema(customFields?: Record<string, object>): object {
  return customFields
    ? { type: 'object', properties: { ...customerCoreSchema, ...customFields }, additionalProperties: false }
    : { type: 'object', properties: customerCoreSchema, additionalProperties: {} };
}

/** What prefill rules read: the subject, its customer and the requester (the form is not filled yet). */
export function prefillDataSchema(customFields?: Record<string, object>): object {
  return {
    type: 'object',
    properties: { customer: customerSchema(customFields), subject: subjectSchema, requester: requesterSchema },
  };
}

/**
 * What conditions and a flow bound to this form read: `form.*` (the submission), `customer.*`,
 * `subject.*` and `requester.*`.
 */
export function flowDataSchema(form: Pick<FormDocument, 'schema'>, customFields?: Record<string, object>): object {
  return {
    type: 'object',
    properties: {
      form: form.schema,
      customer: customerSchema(customFields),
      subject: subjectSchema,
      requester: requesterSchema,
    },
  };
}
