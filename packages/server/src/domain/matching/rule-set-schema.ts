import type { FromSchema } from 'json-schema-to-ts';

/** The stages of a run, in the order ENGINES.md §1.5 recommends; each rule belongs to one. */
export const matchStages = [
  'end-to-end',
  'structured-reference',
  'document-reference',
  'amount',
  'tolerance',
  'subset',
  'allocation',
] as const;
export type MatchStage = (typeof matchStages)[number];

/** The keys a rule may use to find candidates and to count as evidence. */
export const matchKeys = [
  'end-to-end',
  'structured-reference',
  'document-number',
  'order-number',
  'contract-number',
  'document-suffix',
  'payer-account',
  'tax-id',
  'payer-name',
  'payer-fuzzy-name',
  'amount',
] as const;
export type MatchKey = (typeof matchKeys)[number];

/** Hard caps the meta-schema enforces: a subset search never exceeds them, whatever a rule says. */
export const subsetCaps = { maxItems: 32, maxPick: 6, nodeBudget: 1_000_000 } as const;

const amount = {
  type: 'string',
  pattern: '^(0|[1-9]\\d{0,15})(\\.\\d{1,6})?$',
  description: 'a non-negative decimal amount in the receipt currency',
} as const;
const ratio = {
  type: 'string',
  pattern: '^(0(\\.\\d{1,8})?|1(\\.0{1,8})?)$',
  description: 'a non-negative fraction 0…1 of the amount due, e.g. "0.001"',
} as const;
const regex = { type: 'string', minLength: 1, maxLength: 500, description: 'an RE2 pattern' } as const;
const points = { type: 'integer', minimum: -100, maximum: 100 } as const;

const ruleSchema = {
  type: 'object',
  required: ['name', 'stage', 'mode'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$', description: 'unique within the rule set' },
    title: { type: 'string', maxLength: 200 },
    stage: { enum: matchStages, description: 'how the rule finds candidates' },
    mode: { enum: ['auto', 'suggest'], description: 'auto posts when the gate passes; suggest never posts' },
    threshold: {
      type: 'number',
      minimum: 0,
      maximum: 100,
      description: 'the score an automatic settlement needs (default 90)',
    },
    keys: {
      type: 'array',
      uniqueItems: true,
      items: { enum: matchKeys },
      description: 'the keys this rule may use (default: every key its stage reads)',
    },
    patterns: {
      type: 'object',
      additionalProperties: false,
      description: 'where given, only text matching the pattern is read as that kind of number',
      properties: { invoice: regex, 'credit-note': regex, order: regex, contract: regex },
    },
    filter: { description: 'JSON-Logic over {receipt, receivable, customer, candidates}: false drops the candidate' },
    score: {
      description: 'JSON-Logic over {receipt, receivable, customer, candidates}: points added to the evidence score',
    },
    tolerance: {
      type: 'object',
      additionalProperties: false,
      properties: {
        absolute: amount,
        relative: ratio,
        adjustment: {
          enum: ['bank-fee', 'discount', 'rebate', 'rounding'],
          description:
            'the adjustment that absorbs the difference: bank-fee, discount or rebate a shortfall, rounding an excess',
        },
      },
    },
    dateWindow: {
      type: 'object',
      additionalProperties: false,
      properties: {
        daysBefore: {
          type: 'integer',
          minimum: 0,
          maximum: 3660,
          description: 'how many days a receipt may precede the document date',
        },
        daysAfter: {
          type: 'integer',
          minimum: 0,
          maximum: 3660,
          description: 'how many days a document may be older than the receipt',
        },
      },
    },
    allocation: {
      anyOf: [
        { enum: ['oldest-due', 'smallest-first', 'referenced'] },
        {
          type: 'object',
          required: ['expression'],
          additionalProperties: false,
          properties: {
            expression: {
              description: 'JSON-Logic over {receipt, receivable, customer}: candidates are taken in ascending order',
            },
          },
        },
      ],
    },
    partial: { type: 'boolean', description: 'a receipt below the amount due settles part of it (default true)' },
    overpayment: {
      type: 'boolean',
      description: 'a receipt above the amount due settles it and keeps the rest as unapplied credit (default true)',
    },
    subset: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxItems: { type: 'integer', minimum: 1, maximum: subsetCaps.maxItems },
        maxPick: { type: 'integer', minimum: 1, maximum: subsetCaps.maxPick },
        nodeBudget: { type: 'integer', minimum: 1, maximum: subsetCaps.nodeBudget },
      },
    },
    crossCurrency: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowed: { type: 'boolean' },
        tolerance: { ...ratio, description: 'relative difference allowed after conversion at the day’s rate' },
      },
    },
  },
} as const;

export const ruleSetMetaSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hexiao.dev/schemas/rule-set.schema.json',
  title: 'Matching rule set',
  description: 'An ordered list of matching rules; a receipt is decided by the first rule that finds a fit.',
  type: 'object',
  required: ['rules'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    rules: { type: 'array', minItems: 1, maxItems: 50, items: ruleSchema },
    suggestThreshold: {
      type: 'number',
      minimum: 0,
      maximum: 100,
      description: 'a proposal under the gate is a suggestion from this score (default 50)',
    },
    payer: {
      type: 'object',
      additionalProperties: false,
      properties: {
        fuzzyThreshold: {
          type: 'number',
          minimum: 0,
          maximum: 100,
          description: 'name similarity needed (default 90)',
        },
        margin: { type: 'number', minimum: 0, maximum: 100, description: 'lead over the runner-up (default 5)' },
      },
    },
    learnedPayers: {
      type: 'array',
      maxItems: 10000,
      description:
        'payer accounts clerks settled by hand for a customer, adopted by an analyst: they identify the payer like an account on file',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['account', 'customerId'],
        properties: {
          account: { type: 'string', minLength: 4, maxLength: 64 },
          customerId: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' },
          settlements: { type: 'integer', minimum: 1, description: 'how many settlements by hand showed it' },
        },
      },
    },
    learnedReferences: {
      type: 'array',
      maxItems: 1000,
      description:
        'reference shapes clerks settled by hand, adopted by an analyst: how payers write document numbers the engine does not read as written',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'number'],
        properties: {
          text: {
            type: 'string',
            minLength: 3,
            maxLength: 200,
            description: 'the receipt text, separators ignored: words as written, {k} the digits of group k',
          },
          number: {
            type: 'string',
            minLength: 5,
            maxLength: 100,
            description: 'the document number rebuilt: {k:w} the digits of group k left-padded to w, the rest literal',
          },
          settlements: { type: 'integer', minimum: 1, description: 'how many settlements by hand showed it' },
        },
      },
    },
    alerts: {
      type: 'object',
      additionalProperties: false,
      description: 'in-app notifications a posting run raises, once per receipt and kind',
      properties: {
        unmatchedAfterDays: {
          type: 'integer',
          minimum: 1,
          maximum: 365,
          description: 'a receipt still not settled this many days after it arrived (default 5)',
        },
        adjustmentAbove: { ...amount, description: 'a tolerance adjustment larger than this (default 50.00)' },
        unmatchedAbove: {
          ...amount,
          description:
            'a receipt of at least this amount (its currency) the run left unsettled, told at once (default: none)',
        },
        overpayments: { type: 'boolean', description: 'a receipt that leaves an unapplied excess (default true)' },
        duplicates: { type: 'boolean', description: 'a receipt held as a suspected duplicate (default true)' },
        roles: {
          type: 'array',
          maxItems: 20,
          uniqueItems: true,
          items: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' },
          description: 'who is told: the active users holding any of these roles (default clerk, finance-manager)',
        },
      },
    },
    contractField: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$',
      description: 'the custom field of a receivable that holds its contract number',
    },
    points: {
      type: 'object',
      additionalProperties: false,
      description: 'evidence points (ENGINES.md §1.5), calibrated by backtest',
      properties: {
        endToEnd: points,
        structuredReference: points,
        documentNumber: points,
        documentSuffix: points,
        partyAccount: points,
        partyName: points,
        partyFuzzyName: points,
        amountExact: points,
        amountTolerance: points,
        uniqueSubset: points,
        receiptBeforeDocument: points,
      },
    },
  },
} as const;

export type RuleSetDocument = FromSchema<typeof ruleSetMetaSchema>;
export type MatchRule = RuleSetDocument['rules'][number];
