import { voucherViewSchema } from '../ledger/index.ts';

/**
 * JSON Schemas of the settlements the API answers, for OpenAPI and the response check every API test runs;
 * view-schemas.test.ts keeps the queries' results and these schemas in step.
 */
const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
const amount = { type: ['string', 'null'], pattern: '^-?[0-9]+(\\.[0-9]+)?$' } as const;
const documentRef = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'number', 'currency'],
  properties: { id: uuid, type: text, number: text, currency: text },
} as const;

export const settlementViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'kind',
    'customerId',
    'postingDate',
    'period',
    'reversesId',
    'reason',
    'voucherId',
    'createdAt',
    'createdBy',
    'lines',
  ],
  properties: {
    id: uuid,
    kind: text,
    customerId: nullableUuid,
    postingDate: { type: 'string', format: 'date' },
    period: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
    reversesId: nullableUuid,
    reason: nullableText,
    voucherId: nullableUuid,
    createdAt: text,
    createdBy: nullableText,
    lines: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'lineNo',
          'sign',
          'debitDocument',
          'creditDocument',
          'debitAmount',
          'creditAmount',
          'debitBaseAmount',
          'creditBaseAmount',
          'fxDifference',
        ],
        properties: {
          lineNo: { type: 'integer', minimum: 1 },
          sign: { enum: [1, -1], description: '-1 on the lines of a reversal' },
          debitDocument: documentRef,
          creditDocument: documentRef,
          debitAmount: amount,
          creditAmount: amount,
          debitBaseAmount: amount,
          creditBaseAmount: amount,
          fxDifference: { ...amount, description: 'realised FX difference in base currency' },
        },
      },
    },
  },
} as const;

export const settlementPageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'next'],
  properties: { items: { type: 'array', items: settlementViewSchema }, next: nullableUuid },
} as const;

/** What allocating (or reversing) answers: the settlement as GET shows it, and its voucher. */
export const postedSettlementSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['settlement', 'voucher'],
  properties: { settlement: settlementViewSchema, voucher: { anyOf: [voucherViewSchema, { type: 'null' }] } },
} as const;
