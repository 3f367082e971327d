/** The input of a matching run, as the API takes it and a schedule stores it (JSON Schema). */
const date = { type: 'string', format: 'date' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;

export const runInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dryRun: { type: 'boolean' },
    ruleSet: {
      type: 'object',
      additionalProperties: false,
      required: ['key'],
      properties: {
        key: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' },
        version: { type: 'integer', minimum: 1 },
      },
    },
    scope: {
      type: 'object',
      additionalProperties: false,
      properties: {
        customerIds: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: uuid },
        from: date,
        to: date,
        importId: uuid,
      },
    },
    postingDate: date,
  },
} as const;

/** The input of a backtest (a rule set tried on history, posting nothing), as the API and a job take it. */
export const backtestInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['ruleSet', 'from', 'to'],
  properties: {
    ruleSet: runInputSchema.properties.ruleSet,
    against: runInputSchema.properties.ruleSet,
    from: date,
    to: date,
  },
} as const;
