import type { FromSchema } from 'json-schema-to-ts';
import { validate, type DataSchema } from '@hexiao/dsl';
import { defineDefinitionKind } from '../definitions/index.ts';
import { customerSchema, receivableSnapshotSchema } from '../forms/index.ts';

/**
 * The `screen` definition kind: a saved screen over open receivables (ENGINES.md §2, process steps 1–2) —
 * a JSON-Logic rule over one open item and its customer that lists the candidates for a write-off, and the
 * form a selection of them starts.
 */
export const screenMetaSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hexiao.dev/schemas/screen.schema.json',
  title: 'Screen',
  description:
    'Lists open receivables that match a JSON-Logic rule; a selection starts a request with the form prefilled.',
  type: 'object',
  required: ['logic', 'form'],
  additionalProperties: false,
  properties: {
    kind: { const: 'screen' },
    id: { type: 'string', maxLength: 128 },
    version: { type: 'integer', minimum: 1 },
    title: {
      anyOf: [
        { type: 'string', maxLength: 200 },
        {
          type: 'object',
          additionalProperties: false,
          properties: { zh: { type: 'string', maxLength: 200 }, en: { type: 'string', maxLength: 200 } },
        },
      ],
    },
    description: { type: 'string', maxLength: 2000 },
    logic: { description: 'JSON-Logic over item.* (the open receivable) and customer.*: true lists the item' },
    form: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9._-]{0,127}$',
      description: 'the form a selection starts (its current published version)',
    },
    sort: { enum: ['daysOverdue', 'openAmount', 'dueDate'], default: 'daysOverdue' },
    maxRows: { type: 'integer', minimum: 1, maximum: 5000, default: 500 },
  },
} as const;

export type ScreenDocument = FromSchema<typeof screenMetaSchema, { keepDefaultedPropertiesOptional: true }>;

/** What a screen's rule reads: one open receivable and its customer, as of today. */
export const screenRowSchema = {
  type: 'object',
  properties: {
    item: receivableSnapshotSchema,
    customer: customerSchema(),
    asOf: { type: 'string', format: 'date' },
  },
} as const;

export const screenKind = defineDefinitionKind<ScreenDocument>({
  kind: 'screen',
  title: 'Screen',
  metaSchema: screenMetaSchema,
  validate: (doc) =>
    validate(doc.logic, { schema: screenRowSchema as unknown as DataSchema })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => ({ pointer: `/logic${d.pointer === '/' ? '' : d.pointer}`, reason: d.message })),
});
