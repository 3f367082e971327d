/**
 * JSON Schemas of the ledger's answers (documents, vouchers, a posting), for OpenAPI and the response check every
 * API test runs; view-schemas.test.ts keeps the view types and these schemas in step.
 */
const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
const date = { type: 'string', format: 'date' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
/** A decimal string with the currency's minor units, e.g. "1250.00". */
const amount = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' } as const;
const nullableAmount = { type: ['string', 'null'], pattern: '^-?[0-9]+(\\.[0-9]+)?$' } as const;

export const documentViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'type',
    'objectType',
    'adjustmentKind',
    'side',
    'number',
    'customerId',
    'bankAccountId',
    'currency',
    'amount',
    'taxAmount',
    'fxRate',
    'baseCurrency',
    'baseAmount',
    'baseTaxAmount',
    'documentDate',
    'postingDate',
    'valueDate',
    'dueDate',
    'period',
    'clearingAccount',
    'reversesId',
    'orderRef',
    'deliveryRef',
    'reference',
    'description',
    'reason',
    'custom',
    'voucherId',
    'openAmount',
    'openBaseAmount',
    'status',
  ],
  properties: {
    id: uuid,
    type: {
      enum: [
        'estimate',
        'invoice',
        'receipt',
        'prepayment',
        'refund',
        'credit-note',
        'adjustment',
        'write-off',
        'transfer-out',
        'transfer-in',
        'recovery',
      ],
    },
    objectType: { ...text, description: 'the object type its custom fields follow' },
    adjustmentKind: {
      enum: ['discount', 'rebate', 'penalty', 'interest', 'rounding', 'bank-fee', 'opening-balance', null],
    },
    side: { enum: ['debit', 'credit'], description: 'debit raises what the customer owes, credit lowers it' },
    number: text,
    customerId: nullableUuid,
    bankAccountId: nullableUuid,
    currency: text,
    amount,
    taxAmount: amount,
    fxRate: { ...amount, description: 'base-currency units per unit of currency' },
    baseCurrency: text,
    baseAmount: amount,
    baseTaxAmount: amount,
    documentDate: date,
    postingDate: date,
    valueDate: nullableDate,
    dueDate: nullableDate,
    period: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
    clearingAccount: text,
    reversesId: nullableUuid,
    orderRef: nullableText,
    deliveryRef: nullableText,
    reference: nullableText,
    description: nullableText,
    reason: nullableText,
    custom: { type: 'object' },
    voucherId: uuid,
    openAmount: { ...nullableAmount, description: 'what is still open; null on a document without an open item' },
    openBaseAmount: nullableAmount,
    status: { enum: ['open', 'partial', 'settled', null] },
  },
} as const;

export const voucherViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'voucherNo',
    'period',
    'number',
    'voucherDate',
    'sourceType',
    'sourceId',
    'description',
    'currency',
    'total',
    'mapping',
    'lines',
  ],
  properties: {
    id: uuid,
    voucherNo: { ...text, description: 'gapless within its period' },
    period: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
    number: { type: 'integer', minimum: 1 },
    voucherDate: date,
    sourceType: text,
    sourceId: uuid,
    description: nullableText,
    currency: text,
    total: amount,
    mapping: {
      type: 'object',
      additionalProperties: false,
      required: ['key', 'version'],
      description: 'the account-mapping definition version that chose the accounts',
      properties: { key: text, version: { type: 'integer' } },
    },
    lines: {
      type: 'array',
      minItems: 2,
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'lineNo',
          'accountCode',
          'accountName',
          'debit',
          'credit',
          'currency',
          'amountCurrency',
          'customerId',
          'documentId',
          'memo',
        ],
        properties: {
          lineNo: { type: 'integer', minimum: 1 },
          accountCode: text,
          accountName: nullableText,
          debit: amount,
          credit: amount,
          currency: nullableText,
          amountCurrency: nullableAmount,
          customerId: nullableUuid,
          documentId: nullableUuid,
          memo: nullableText,
        },
      },
    },
  },
} as const;

/** What posting a document answers: the document, its voucher, the estimates it relieved, and warnings. */
export const postedDocumentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['document', 'voucher', 'reliefs', 'warnings'],
  properties: {
    document: documentViewSchema,
    voucher: voucherViewSchema,
    reliefs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['document', 'voucher', 'settlementId'],
        properties: { document: documentViewSchema, voucher: voucherViewSchema, settlementId: uuid },
      },
    },
    warnings: { type: 'array', items: text },
  },
} as const;

/** A page of documents, newest first. */
export const documentPageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'next'],
  properties: {
    items: { type: 'array', items: documentViewSchema },
    next: { ...nullableUuid, description: 'pass as ?before= for the next page; null on the last' },
  },
} as const;

/** One document with its voucher, the settlement lines that touch it and the documents that reversed it. */
export const documentDetailSchema = {
  ...documentViewSchema,
  required: [...documentViewSchema.required, 'voucher', 'settlementLines', 'reversedBy'],
  properties: {
    ...documentViewSchema.properties,
    voucher: { anyOf: [voucherViewSchema, { type: 'null' }] },
    settlementLines: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['settlementId', 'lineNo', 'sign', 'debitDocumentId', 'creditDocumentId', 'amount'],
        properties: {
          settlementId: uuid,
          lineNo: { type: 'integer', minimum: 1 },
          sign: { enum: [1, -1], description: '-1 on the lines of a reversed settlement' },
          debitDocumentId: uuid,
          creditDocumentId: uuid,
          amount: { ...nullableAmount, description: "this document's side of the line, in its currency" },
        },
      },
    },
    reversedBy: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'number', 'amount'],
        properties: { id: uuid, number: text, amount: nullableAmount },
      },
    },
  },
} as const;

/** A page of vouchers in number order. */
export const voucherPageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'next'],
  properties: {
    items: { type: 'array', items: voucherViewSchema },
    next: { ...nullableText, description: 'the last voucher number, to pass as ?after=; null on the last page' },
  },
} as const;
