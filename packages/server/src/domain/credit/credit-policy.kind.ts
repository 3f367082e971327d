import type { FromSchema } from 'json-schema-to-ts';
import { validate, type DataSchema } from '@hexiao/dsl';
import { defineDefinitionKind } from '../definitions/index.ts';
import type { FieldError } from '../errors.ts';
import { customerSchema } from '../forms/index.ts';

const decimalText = { type: 'string', pattern: '^[0-9]{1,16}(\\.[0-9]{1,4})?$' } as const;

const notifySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    salesOwner: { type: 'boolean', default: true, description: "the customer's sales owner (a user's e-mail)" },
    roles: {
      type: 'array',
      maxItems: 20,
      uniqueItems: true,
      items: { type: 'string', maxLength: 64 },
      default: ['finance-manager'],
    },
  },
} as const;

const share = { type: 'string', pattern: '^(0(\\.[0-9]{1,4})?|1(\\.0{1,4})?)$' } as const;

/**
 * The `credit-policy` definition kind: a JSON-Logic scoring plan over a customer's payment figures giving a
 * score from 0 to 100 and a grade, and the rules a credit check applies before a sales system accepts an order.
 */
export const creditPolicyMetaSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hexiao.dev/schemas/credit-policy.schema.json',
  title: 'Credit policy',
  type: 'object',
  required: ['score', 'grades'],
  additionalProperties: false,
  properties: {
    kind: { const: 'credit-policy' },
    id: { type: 'string', maxLength: 128 },
    version: { type: 'integer', minimum: 1 },
    title: {
      anyOf: [
        { type: 'string', maxLength: 200 },
        { type: 'object', additionalProperties: false, properties: { zh: { type: 'string' }, en: { type: 'string' } } },
      ],
    },
    description: { type: 'string', maxLength: 2000 },
    score: { description: 'JSON-Logic over metrics.* and customer.* giving a number; clamped to 0–100' },
    grades: {
      type: 'array',
      minItems: 2,
      maxItems: 10,
      description: 'best first: a score at or above min earns the grade; the last grade has no min',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['grade'],
        properties: {
          grade: { type: 'string', pattern: '^[A-Za-z0-9+-]{1,8}$' },
          min: { type: 'number', minimum: 0, maximum: 100 },
        },
      },
    },
    check: {
      type: 'object',
      additionalProperties: false,
      properties: {
        warnAtShare: {
          ...share,
          default: '0.8',
          description: 'warn when exposure after the order passes this share of the limit',
        },
        warnGrades: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        blockGrades: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        blockDaysPastDue: {
          type: 'integer',
          minimum: 1,
          description: 'block while an item is this many days past due',
        },
        withoutLimit: { enum: ['allow', 'warn', 'block'], default: 'warn' },
      },
    },
    alerts: {
      type: 'object',
      additionalProperties: false,
      description:
        'what the daily score sweep warns about (a grade drop and a limit exceeded always; overdue from an amount when set), and whom it tells',
      properties: {
        overdueAbove: {
          ...decimalText,
          description: 'warn when a customer’s overdue amount (base currency) reaches this',
        },
        notify: notifySchema,
      },
    },
    digest: {
      type: 'object',
      additionalProperties: false,
      required: ['roles'],
      description: 'a weekly list of the riskiest customers, sent by the sweep on the weekday to the roles subscribed',
      properties: {
        weekday: { type: 'integer', minimum: 1, maximum: 7, default: 1, description: '1 = Monday … 7 = Sunday' },
        roles: {
          type: 'array',
          minItems: 1,
          maxItems: 20,
          uniqueItems: true,
          items: { type: 'string', maxLength: 64 },
        },
        top: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
      },
    },
  },
} as const;

export type CreditPolicyDocument = FromSchema<typeof creditPolicyMetaSchema, { keepDefaultedPropertiesOptional: true }>;

const number = { type: 'number' } as const;
const decimal = { type: 'string', format: 'decimal' } as const;

/** What the scoring plan reads: the customer's payment figures (base currency) and the customer. */
export const creditFactsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    metrics: {
      type: 'object',
      additionalProperties: false,
      properties: {
        exposure: decimal,
        overdue: decimal,
        overdueRatio: number,
        maxDaysPastDue: number,
        avgDaysBeyondTerms: number,
        badDebts: decimal,
        openItems: number,
        openDisputes: { type: 'integer', description: 'disputes open on the as-of date' },
        brokenPromises: { type: 'integer', description: 'promises to pay recorded broken in the year before' },
      },
    },
    customer: customerSchema(),
    asOf: { type: 'string', format: 'date' },
  },
} as const;

export const creditPolicyKind = defineDefinitionKind<CreditPolicyDocument>({
  kind: 'credit-policy',
  title: 'Credit policy',
  metaSchema: creditPolicyMetaSchema,
  validate: (doc) => {
    const errors: FieldError[] = validate(doc.score, { schema: creditFactsSchema as unknown as DataSchema })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => ({ pointer: `/score${d.pointer === '/' ? '' : d.pointer}`, reason: d.message }));
    doc.grades.forEach((g, i) => {
      const last = i === doc.grades.length - 1;
      if (last && g.min !== undefined)
        errors.push({ pointer: `/grades/${i}/min`, reason: 'the last grade takes every lower score: no min' });
      if (!last && g.min === undefined)
        errors.push({ pointer: `/grades/${i}/min`, reason: 'is required before the last grade' });
      const prev = doc.grades[i - 1]?.min;
      if (prev !== undefined && g.min !== undefined && g.min >= prev)
        errors.push({ pointer: `/grades/${i}/min`, reason: `must be below the previous grade's min (${prev})` });
    });
    return errors;
  },
});

/** The policy a tenant without a published `default` uses. */
export const builtInCreditPolicy: CreditPolicyDocument = {
  title: { zh: '默认信用政策', en: 'Default credit policy' },
  score: {
    max: [
      0,
      {
        '-': [
          100,
          {
            '+': [
              { '*': [{ var: 'metrics.overdueRatio' }, 40] },
              { min: [30, { '/': [{ var: 'metrics.maxDaysPastDue' }, 3] }] },
              { min: [20, { '/': [{ var: 'metrics.avgDaysBeyondTerms' }, 2] }] },
              { if: [{ 'dec>': [{ var: 'metrics.badDebts' }, '0'] }, 10, 0] },
              { min: [15, { '*': [{ var: 'metrics.brokenPromises' }, 5] }] },
            ],
          },
        ],
      },
    ],
  },
  grades: [{ grade: 'A', min: 80 }, { grade: 'B', min: 60 }, { grade: 'C', min: 40 }, { grade: 'D' }],
  check: { warnAtShare: '0.8', warnGrades: ['C'], blockGrades: ['D'], blockDaysPastDue: 90, withoutLimit: 'warn' },
};
