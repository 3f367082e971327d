/** JSON Schemas of the balance answers (customer balance, trial balance, open items as of a date), for OpenAPI and the response check. */
const amount = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' } as const;
const nullableAmount = { type: ['string', 'null'], pattern: '^-?[0-9]+(\\.[0-9]+)?$' } as const;
const date = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
const currency = { type: 'string', pattern: '^[A-Z]{3}$' } as const;

export const customerBalanceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['customerId', 'asOf', 'baseCurrency', 'currencies', 'netBase'],
  properties: {
    customerId: { type: 'string', format: 'uuid' },
    asOf: nullableDate,
    baseCurrency: currency,
    currencies: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['currency', 'receivables', 'unappliedCredits', 'net', 'netBase', 'openItems'],
        properties: {
          currency,
          receivables: amount,
          unappliedCredits: amount,
          net: amount,
          netBase: amount,
          openItems: { type: 'integer', minimum: 0 },
        },
      },
    },
    netBase: amount,
  },
} as const;

export const trialBalanceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['period', 'asOf', 'baseCurrency', 'accounts', 'totals', 'balanced', 'reconciled'],
  properties: {
    period: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
    asOf: date,
    baseCurrency: currency,
    accounts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['accountCode', 'accountName', 'opening', 'debit', 'credit', 'closing'],
        properties: {
          accountCode: { type: 'string' },
          accountName: { type: 'string' },
          opening: amount,
          debit: amount,
          credit: amount,
          closing: amount,
          openItems: amount,
          difference: amount,
        },
      },
    },
    totals: {
      type: 'object',
      additionalProperties: false,
      required: ['debit', 'credit'],
      properties: { debit: amount, credit: amount },
    },
    balanced: { type: 'boolean' },
    reconciled: { type: 'boolean' },
  },
} as const;

export const openItemsPageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['asOf', 'items', 'next'],
  properties: {
    asOf: nullableDate,
    next: { type: ['string', 'null'] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'documentId',
          'type',
          'number',
          'customerId',
          'customer',
          'side',
          'currency',
          'amount',
          'openAmount',
          'openBaseAmount',
          'dueDate',
          'documentDate',
          'postingDate',
          'status',
        ],
        properties: {
          documentId: { type: 'string', format: 'uuid' },
          type: { type: 'string' },
          number: { type: 'string' },
          customerId: { type: ['string', 'null'], format: 'uuid' },
          customer: {
            description: "the customer's code and name, for lists to show without another request",
            anyOf: [
              {
                type: 'object',
                additionalProperties: false,
                required: ['code', 'name'],
                properties: { code: { type: 'string' }, name: { type: 'string' } },
              },
              { type: 'null' },
            ],
          },
          side: { enum: ['debit', 'credit'] },
          currency,
          amount: nullableAmount,
          openAmount: nullableAmount,
          openBaseAmount: nullableAmount,
          dueDate: nullableDate,
          documentDate: date,
          postingDate: date,
          status: { enum: ['open', 'partial', 'settled'] },
        },
      },
    },
  },
} as const;
