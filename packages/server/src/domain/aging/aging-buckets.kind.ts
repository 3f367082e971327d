import type { FromSchema } from 'json-schema-to-ts';
import { defineDefinitionKind } from '../definitions/index.ts';
import { bucketErrors, type Bucket } from './buckets.ts';
import type { FieldError } from '../errors.ts';
import { instalmentErrors, maxInstalments, t0Pattern } from './t0.ts';

const label = {
  anyOf: [
    { type: 'string', maxLength: 100 },
    {
      type: 'object',
      additionalProperties: false,
      properties: { zh: { type: 'string', maxLength: 100 }, en: { type: 'string', maxLength: 100 } },
    },
  ],
} as const;

const days = { type: 'integer', minimum: -36500, maximum: 36500 } as const;

const t0 = {
  type: 'string',
  pattern: t0Pattern,
  description:
    'where days start: dueDate, documentDate (invoice date), postingDate, valueDate, or custom.<field> (a date the object type keeps: shipment, revenue recognition, order, estimate, manual)',
} as const;

const terms = {
  description:
    'payment terms from T0 to the date days past due count from: net N, end of month + N, or instalments (each part due N days after T0; payments settle the earliest part first)',
  anyOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'days'],
      properties: { type: { enum: ['net', 'endOfMonth'] }, days: { type: 'integer', minimum: 0, maximum: 999 } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'parts'],
      properties: {
        type: { const: 'instalments' },
        parts: {
          type: 'array',
          minItems: 1,
          maxItems: maxInstalments,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['days'],
            properties: {
              days: { type: 'integer', minimum: 0, maximum: 999 },
              percent: {
                type: 'number',
                exclusiveMinimum: 0,
                maximum: 100,
                description:
                  'share of the document (at most 4 decimals); every part names one or none does (equal shares)',
              },
            },
          },
        },
      },
    },
  ],
} as const;

type TermsDoc = FromSchema<typeof terms>;

function termsErrors(t: TermsDoc | undefined, at: string): FieldError[] {
  if (!t || t.type !== 'instalments') return [];
  return instalmentErrors(t.parts).map((e) => ({
    pointer: e.index === null ? `${at}/parts` : `${at}/parts/${e.index}`,
    reason: e.reason,
  }));
}

/**
 * The `aging-buckets` definition kind: a tenant's aging ladder (e.g. not due, 1–30 … over a year, or one
 * week / 30 / 60 / 90 days), where aging starts (T0, per object type if need be) and the payment terms
 * from T0. Analysts edit it in the designer's JSON editor; the aging report names it by key.
 */
export const agingBucketsMetaSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hexiao.dev/schemas/aging-buckets.schema.json',
  title: 'Aging buckets',
  description: 'Days-past-T0 buckets for the aging report; every day count falls in exactly one bucket.',
  type: 'object',
  required: ['buckets'],
  additionalProperties: false,
  properties: {
    kind: { const: 'aging-buckets' },
    id: { type: 'string', maxLength: 128 },
    version: { type: 'integer', minimum: 1 },
    title: label,
    description: { type: 'string', maxLength: 2000 },
    t0: { ...t0, default: 'dueDate' },
    terms,
    byObjectType: {
      type: 'object',
      description: 'T0 (and terms) for documents of an object type, overriding the defaults above',
      maxProperties: 100,
      propertyNames: { pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['t0'],
        properties: { t0, terms },
      },
    },
    byCustomer: {
      type: 'object',
      description:
        "T0 (and terms) a customer's contract sets, by customer code: overrides the object type's and the defaults above (a code no customer has is ignored)",
      maxProperties: 5000,
      propertyNames: { pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['t0'],
        properties: { t0, terms },
      },
    },
    buckets: {
      type: 'array',
      minItems: 2,
      maxItems: 24,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.+-]{0,39}$' },
          label,
          from: { ...days, description: 'first day count in the bucket (absent on the first bucket)' },
          to: { ...days, description: 'last day count in the bucket (absent on the last bucket)' },
        },
      },
    },
  },
} as const;

export type AgingBucketsDocument = FromSchema<typeof agingBucketsMetaSchema, { keepDefaultedPropertiesOptional: true }>;

export const agingBucketsKind = defineDefinitionKind<AgingBucketsDocument>({
  kind: 'aging-buckets',
  title: 'Aging buckets',
  metaSchema: agingBucketsMetaSchema,
  validate: (doc) => [
    ...bucketErrors(doc.buckets as Bucket[]),
    ...termsErrors(doc.terms, '/terms'),
    ...Object.entries(doc.byObjectType ?? {}).flatMap(([k, s]) => termsErrors(s.terms, `/byObjectType/${k}/terms`)),
    ...Object.entries(doc.byCustomer ?? {}).flatMap(([k, s]) => termsErrors(s.terms, `/byCustomer/${k}/terms`)),
  ],
});
