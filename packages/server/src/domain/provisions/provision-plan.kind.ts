import type { FromSchema } from 'json-schema-to-ts';
import { validate, type DataSchema } from '@hexiao/dsl';
import { bucketErrors, type Bucket } from '../aging/index.ts';
import { defineDefinitionKind } from '../definitions/index.ts';
import type { FieldError } from '../errors.ts';
import { customerSchema, receivableSnapshotSchema } from '../forms/index.ts';

/** A rate is a decimal string from 0 to 1 (0.05 = 5 %), at most 8 decimals. */
const rate = { type: 'string', pattern: '^(0(\\.[0-9]{1,8})?|1(\\.0{1,8})?)$' } as const;
const multiplier = { type: 'string', pattern: '^[0-9]{1,3}(\\.[0-9]{1,8})?$' } as const;
const days = { type: 'integer', minimum: -36500, maximum: 36500 } as const;
const note = { type: 'string', minLength: 1, maxLength: 2000 } as const;
const logic = { description: 'JSON-Logic over item.*, customer.*, days (past the plan\u2019s T0) and asOf' } as const;

/**
 * The `provision-plan` definition kind (ENGINES.md §3): stages tried in order, each claiming the receivables its
 * `when` selects — specific identification, exempt, an aging matrix, a percentage of the balance — the rounding
 * per line, and the write-off and recovery policies the write-off path reads.
 */
export const provisionPlanMetaSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hexiao.dev/schemas/provision-plan.schema.json',
  title: 'Provision plan',
  description: 'How much allowance for doubtful receivables the books carry, stage by stage.',
  type: 'object',
  required: ['stages'],
  additionalProperties: false,
  properties: {
    kind: { const: 'provision-plan' },
    id: { type: 'string', maxLength: 128 },
    version: { type: 'integer', minimum: 1 },
    title: { type: 'string', maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
    mode: {
      enum: ['allowance', 'direct-write-off'],
      default: 'allowance',
      description:
        'direct-write-off (small enterprises): no allowance is posted; bad debt goes to expense when written off',
    },
    t0: { enum: ['dueDate', 'documentDate', 'postingDate'], default: 'dueDate', description: 'where days start' },
    rounding: {
      enum: ['half_up', 'half_even', 'half_down', 'up', 'down', 'ceiling', 'floor'],
      default: 'half_up',
      description: 'how each line’s allowance is rounded to the base currency’s minor units',
    },
    stages: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$' },
          type: { enum: ['specific', 'exempt', 'aging-matrix', 'percentage'] },
          when: logic,
          rate: { ...rate, description: 'specific and percentage: the rate of the open balance' },
          evidence: { ...note, description: 'specific: the assessment the rate rests on (required)' },
          buckets: {
            type: 'array',
            minItems: 1,
            maxItems: 24,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'rate'],
              properties: {
                id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.+-]{0,39}$' },
                from: days,
                to: days,
                rate,
              },
            },
          },
          overrides: {
            type: 'array',
            maxItems: 20,
            description: 'aging-matrix: the first whose `when` holds multiplies the bucket rate, up to `cap`',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['when', 'multiplier'],
              properties: { when: logic, multiplier, cap: rate, note },
            },
          },
          forwardLooking: {
            type: 'object',
            additionalProperties: false,
            required: ['multiplier', 'note'],
            description: 'aging-matrix: a forward-looking adjustment of every rate, with why',
            properties: { multiplier, note, evidence: note },
          },
          note,
        },
      },
    },
    salesPercentage: {
      type: 'object',
      additionalProperties: false,
      required: ['rate'],
      description:
        'percentage of credit sales as a period expense: each run adds the rate times the invoices posted since the previous run of the plan (or since the first of the month) to a general allowance, which bad-debt write-offs draw on after the customer’s own',
      properties: { rate: { ...rate, description: 'e.g. "0.005" of credit sales' }, note },
    },
    deferredTax: {
      type: 'object',
      additionalProperties: false,
      required: ['rate'],
      description:
        'deferred tax on the allowance: a provision is not deductible until the loss is realised, so each run records the tax on its net charge as a deferred tax asset (Dr the deferred-tax-asset account, Cr the income-tax account) and reports the charge to add back to taxable income',
      properties: {
        rate: { ...rate, description: 'the income tax rate, e.g. "0.25"' },
        note,
      },
    },
    writeOff: {
      type: 'object',
      additionalProperties: false,
      properties: { shortfall: { enum: ['expense', 'allowance-debit-balance'] } },
    },
    recovery: {
      type: 'object',
      additionalProperties: false,
      properties: { policy: { enum: ['reinstate', 'income'] } },
    },
  },
} as const;

export type ProvisionPlanDocument = FromSchema<
  typeof provisionPlanMetaSchema,
  { keepDefaultedPropertiesOptional: true }
>;
export type ProvisionStage = ProvisionPlanDocument['stages'][number];

/** What a stage's `when` reads: one open receivable as of the run's date, its customer and its age. */
export const provisionRowSchema = {
  type: 'object',
  properties: {
    item: receivableSnapshotSchema,
    customer: customerSchema(),
    days: { type: ['integer', 'null'] },
    asOf: { type: 'string', format: 'date' },
  },
} as const;

function logicErrors(rule: unknown, pointer: string): FieldError[] {
  return validate(rule, { schema: provisionRowSchema as unknown as DataSchema })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ pointer: `${pointer}${d.pointer === '/' ? '' : d.pointer}`, reason: d.message }));
}

function stageErrors(s: ProvisionStage, at: string, last: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: keyof ProvisionStage, why: string) => {
    if (s[field] === undefined)
      errors.push({ pointer: `${at}/${field}`, reason: `is required for a ${s.type} stage (${why})` });
  };
  if (s.when === undefined && !last)
    errors.push({
      pointer: `${at}/when`,
      reason:
        'is required before the last stage: a stage without it claims every receivable, so the stages after it would never apply',
    });
  if (s.when !== undefined) errors.push(...logicErrors(s.when, `${at}/when`));
  if (s.type === 'specific') {
    need('rate', 'the rate assessed for the receivables it names');
    need('evidence', 'what the assessment rests on');
  }
  if (s.type === 'percentage') need('rate', 'the rate of the open balance');
  if (s.type === 'aging-matrix') {
    need('buckets', 'the rate per age');
    if (s.buckets) errors.push(...bucketErrors(s.buckets as Bucket[], `${at}/buckets`));
    s.overrides?.forEach((o, i) => errors.push(...logicErrors(o.when, `${at}/overrides/${i}/when`)));
  }
  for (const field of ['rate', 'buckets', 'overrides', 'forwardLooking'] as const)
    if (s[field] !== undefined && !allowed[s.type].includes(field))
      errors.push({ pointer: `${at}/${field}`, reason: `does not apply to a ${s.type} stage` });
  return errors;
}

const allowed: Record<ProvisionStage['type'], string[]> = {
  specific: ['rate'],
  exempt: [],
  percentage: ['rate'],
  'aging-matrix': ['buckets', 'overrides', 'forwardLooking'],
};

export const provisionPlanKind = defineDefinitionKind<ProvisionPlanDocument>({
  kind: 'provision-plan',
  title: 'Provision plan',
  metaSchema: provisionPlanMetaSchema,
  validate: (doc) => {
    const ids = new Set<string>();
    return doc.stages.flatMap((s, i) => {
      const dup: FieldError[] = ids.has(s.id)
        ? [{ pointer: `/stages/${i}/id`, reason: `stage id ${s.id} is used twice` }]
        : [];
      ids.add(s.id);
      return [...dup, ...stageErrors(s, `/stages/${i}`, i === doc.stages.length - 1)];
    });
  },
});
