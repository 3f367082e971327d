/** The input of a provisioning run, as the API takes it and a schedule stores it (JSON Schema). */
const date = { type: 'string', format: 'date' } as const;

export const provisioningRunInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    plan: {
      type: 'object',
      additionalProperties: false,
      required: ['key'],
      properties: {
        key: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' },
        version: { type: 'integer', minimum: 1, maximum: 2147483647 },
      },
    },
    asOf: date,
    postingDate: date,
    dryRun: { type: 'boolean' },
  },
} as const;
