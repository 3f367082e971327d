import type { FromSchema } from 'json-schema-to-ts';
import { validate, type DataSchema } from '@hexiao/dsl';
import { defineDefinitionKind } from '../definitions/index.ts';
import type { FieldError } from '../errors.ts';
import { customerSchema, receivableSnapshotSchema } from '../forms/index.ts';

const label = {
  anyOf: [
    { type: 'string', maxLength: 200 },
    {
      type: 'object',
      additionalProperties: false,
      properties: { zh: { type: 'string', maxLength: 200 }, en: { type: 'string', maxLength: 200 } },
    },
  ],
} as const;

const text = {
  description: 'plain text, or a JSON-Logic expression over the same facts as `when` (e.g. {"cat": [...]})',
  anyOf: [{ type: 'string', maxLength: 4000 }, { type: 'object' }, { type: 'array' }],
} as const;

const template = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'body'],
  properties: { subject: text, body: text },
} as const;

/**
 * The `reminder-plan` definition kind: dunning levels (e.g. friendly 2 days before due, firm 7 days after,
 * final 30 days after, legal 60 days after), each a JSON-Logic condition over one open receivable and its
 * customer, who is told, and a message per language. The daily sweep sends each (item, level) once.
 */
export const reminderPlanMetaSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hexiao.dev/schemas/reminder-plan.schema.json',
  title: 'Reminder plan',
  type: 'object',
  required: ['levels'],
  additionalProperties: false,
  $defs: {
    notify: {
      type: 'object',
      additionalProperties: false,
      properties: {
        salesOwner: {
          type: 'boolean',
          default: true,
          description: "the customer's sales owner (a user's e-mail)",
        },
        roles: { type: 'array', maxItems: 20, uniqueItems: true, items: { type: 'string', maxLength: 64 } },
      },
    },
  },
  properties: {
    kind: { const: 'reminder-plan' },
    id: { type: 'string', maxLength: 128 },
    version: { type: 'integer', minimum: 1 },
    title: label,
    description: { type: 'string', maxLength: 2000 },
    language: { enum: ['zh', 'en'], default: 'zh', description: 'the language notifications are titled in' },
    pauseWhen: {
      description:
        'JSON-Logic over the same facts: true pauses every level for the item (e.g. the customer is in a dispute) until it no longer holds',
    },
    brokenPromise: {
      type: 'object',
      additionalProperties: false,
      description:
        'who is told when a promise to pay breaks (the sweep records it broken the day after the promised date); levels can also read item.brokenPromises',
      properties: { notify: { $ref: '#/$defs/notify' } },
    },
    levels: {
      type: 'array',
      minItems: 1,
      maxItems: 12,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'when', 'templates'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,39}$' },
          title: label,
          when: {
            description:
              'JSON-Logic over item.* (with daysPastDue: negative before the due date), customer.* and asOf: true sends this level',
          },
          notify: { $ref: '#/$defs/notify' },
          channels: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { enum: ['in-app', 'customer-email'] },
            default: ['in-app'],
            description:
              "in-app: the users notify names (and e-mail to them when an SMTP server is set); customer-email: an e-mail to the customer's billingEmail",
          },
          attachStatement: {
            type: 'boolean',
            default: false,
            description:
              "the customer's e-mail carries its statement of account (the month to the sweep's date) as a PDF",
          },
          templates: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: { zh: template, en: template },
          },
        },
      },
    },
  },
} as const;

export type ReminderPlanDocument = FromSchema<typeof reminderPlanMetaSchema, { keepDefaultedPropertiesOptional: true }>;

/** What a level's condition and templates read: one open receivable (as of the sweep's date) and its customer. */
export const reminderFactsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    item: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...receivableSnapshotSchema.properties,
        daysPastDue: { type: ['integer', 'null'] },
        disputed: { type: 'boolean' },
        promisedDate: { type: ['string', 'null'], format: 'date' },
        brokenPromises: { type: 'integer', minimum: 0 },
      },
    },
    customer: customerSchema(),
    asOf: { type: 'string', format: 'date' },
  },
} as const;

function ruleErrors(rule: unknown, pointer: string): FieldError[] {
  return validate(rule, { schema: reminderFactsSchema as unknown as DataSchema })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ pointer: `${pointer}${d.pointer === '/' ? '' : d.pointer}`, reason: d.message }));
}

export const reminderPlanKind = defineDefinitionKind<ReminderPlanDocument>({
  kind: 'reminder-plan',
  title: 'Reminder plan',
  metaSchema: reminderPlanMetaSchema,
  validate: (doc) => {
    const errors: FieldError[] = [];
    const ids = new Set<string>();
    if (doc.pauseWhen !== undefined) errors.push(...ruleErrors(doc.pauseWhen, '/pauseWhen'));
    doc.levels.forEach((l, i) => {
      if (ids.has(l.id)) errors.push({ pointer: `/levels/${i}/id`, reason: `level ${l.id} is declared twice` });
      ids.add(l.id);
      errors.push(...ruleErrors(l.when, `/levels/${i}/when`));
      for (const [lang, t] of Object.entries(l.templates ?? {}))
        for (const part of ['subject', 'body'] as const)
          if (typeof t[part] !== 'string')
            errors.push(...ruleErrors(t[part], `/levels/${i}/templates/${lang}/${part}`));
    });
    return errors;
  },
});
