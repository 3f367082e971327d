import type { FromSchema } from 'json-schema-to-ts';

/** The business actions a form can be bound to (what an approved request does). */
export const formActions = [
  'bad-debt-write-off',
  'small-balance-write-off',
  'debt-transfer',
  'settlement-override',
  'credit-limit-change',
] as const;
export type FormAction = (typeof formActions)[number];

/**
 * The `form` definition kind's meta-schema: the one source of the document's shape (the types below are
 * derived from it; `schemas/form.schema.json`, which the designer loads, is this object written out). The
 * submission's own JSON Schema and UI schema follow react-jsonschema-form's conventions; JSON-Logic
 * members are `{}` here: the DSL checks them against what they read.
 */
export const formMetaSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hexiao.dev/schemas/form.schema.json',
  title: 'Form',
  description:
    'A JSON Schema form bound to a business action: prefilled from its subject, fields shown or required by JSON-Logic, validated by the server against the exact published version.',
  type: 'object',
  required: ['action', 'schema'],
  additionalProperties: false,
  properties: {
    kind: { const: 'form' },
    id: { type: 'string', maxLength: 128 },
    version: { type: 'integer', minimum: 1 },
    title: { $ref: '#/$defs/text' },
    description: { type: 'string', maxLength: 2000 },
    action: { enum: [...formActions], description: 'what an approved submission does' },
    flow: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9._-]{0,127}$',
      description: 'the approval flow a submission starts (its current published version)',
    },
    schema: {
      type: 'object',
      required: ['type', 'properties'],
      description: "the submission's JSON Schema (react-jsonschema-form conventions; validated by the server with ajv)",
      properties: {
        type: { const: 'object' },
        properties: { type: 'object', minProperties: 1, maxProperties: 200 },
        required: { type: 'array', items: { type: 'string' } },
      },
    },
    uiSchema: { type: 'object', description: 'react-jsonschema-form UI schema (widgets, order, help texts)' },
    prefill: {
      type: 'object',
      maxProperties: 200,
      propertyNames: { $ref: '#/$defs/field' },
      additionalProperties: {},
      description: 'JSON-Logic per field over customer, subject and requester: the value a new form starts with',
    },
    conditions: {
      type: 'object',
      maxProperties: 200,
      propertyNames: { $ref: '#/$defs/field' },
      additionalProperties: {
        type: 'object',
        minProperties: 1,
        additionalProperties: false,
        properties: {
          show: { description: 'JSON-Logic over form, customer, subject: the field is shown (and kept) when true' },
          require: { description: 'JSON-Logic over form, customer, subject: the field is required when true' },
        },
      },
    },
    attachments: {
      type: 'array',
      maxItems: 20,
      description: 'the evidence a submission carries, by label',
      items: {
        type: 'object',
        required: ['label'],
        additionalProperties: false,
        properties: {
          label: { $ref: '#/$defs/label' },
          title: { $ref: '#/$defs/text' },
          required: { description: 'true, or JSON-Logic over form, customer, subject' },
        },
      },
    },
  },
  $defs: {
    field: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
    label: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    text: {
      anyOf: [
        { type: 'string', maxLength: 200 },
        {
          type: 'object',
          additionalProperties: false,
          properties: { zh: { type: 'string', maxLength: 200 }, en: { type: 'string', maxLength: 200 } },
        },
      ],
    },
  },
} as const;

export type FormDocument = FromSchema<typeof formMetaSchema>;
export type FormAttachmentSpec = NonNullable<FormDocument['attachments']>[number];
