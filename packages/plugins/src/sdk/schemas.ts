/**
 * JSON Schemas (draft-07) of the canonical records in records.ts. The conformance kit and the server
 * validate every record a connector yields against them.
 */
import { iso4217 } from './currencies.ts';
import { decimalPattern } from './decimal.ts';

type Schema = Record<string, unknown>;

const base = 'https://hexiao.dev/schemas/canonical';
const decimal: Schema = { type: 'string', pattern: decimalPattern };
/** Non-negative decimal: document amounts carry a direction instead of a sign. */
const amount: Schema = { type: 'string', pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$' };
const date: Schema = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' };
/** An ISO 4217 alphabetic code (the list is data in currencies.ts). */
const currency: Schema = { type: 'string', enum: [...iso4217.keys()] };
const text: Schema = { type: 'string', minLength: 1 };
const strings: Schema = { type: 'array', items: { type: 'string' } };

const position: Schema = {
  type: 'object',
  required: ['index'],
  additionalProperties: false,
  properties: {
    index: { type: 'integer', minimum: 0 },
    line: { type: 'integer', minimum: 1 },
    xpath: { type: 'string' },
  },
};
const money: Schema = {
  type: 'object',
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: { amount, currency },
};
const account: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    iban: { type: 'string', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$' },
    number: text,
    bic: { type: 'string', pattern: '^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$' },
    currency,
    name: { type: 'string' },
  },
};
const balance: Schema = {
  type: 'object',
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: { amount: decimal, currency, date, code: { type: 'string' } },
};

export const statementSchema: Schema = {
  $id: `${base}/statement.json`,
  type: 'object',
  required: ['type', 'sourceKey', 'account', 'statementId', 'position'],
  additionalProperties: false,
  properties: {
    type: { const: 'statement' },
    sourceKey: text,
    account,
    statementId: text,
    sequence: { type: 'string' },
    createdAt: { type: 'string' },
    fromDate: date,
    toDate: date,
    openingBalance: balance,
    closingBalance: balance,
    balances: { type: 'array', items: balance },
    declared: {
      type: 'object',
      additionalProperties: false,
      properties: { count: { type: 'integer', minimum: 0 }, credits: amount, debits: amount },
    },
    warnings: strings,
    position,
  },
};

const counterparty: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { name: { type: 'string' }, account, id: { type: 'string' }, address: { type: 'string' } },
};

export const bankLineSchema: Schema = {
  $id: `${base}/bank-line.json`,
  type: 'object',
  required: ['type', 'sourceKey', 'account', 'bookingDate', 'amount', 'currency', 'direction', 'ordinal', 'position'],
  additionalProperties: false,
  properties: {
    type: { const: 'bank-line' },
    sourceKey: text,
    statementKey: text,
    account,
    bookingDate: date,
    valueDate: date,
    amount,
    currency,
    direction: { enum: ['credit', 'debit'] },
    reversal: { type: 'boolean' },
    returnInfo: {
      type: 'object',
      additionalProperties: false,
      properties: {
        reason: { type: 'string' },
        originalReference: { type: 'string' },
        originalEndToEndId: { type: 'string' },
      },
    },
    status: { type: 'string' },
    counterparty,
    endToEndId: { type: 'string' },
    bankReference: { type: 'string' },
    customerReference: { type: 'string' },
    creditorReference: { type: 'string' },
    remittance: strings,
    transactionCode: { type: 'string' },
    charges: { type: 'array', items: money },
    instructedAmount: money,
    warnings: strings,
    raw: { type: 'string' },
    ordinal: { type: 'integer', minimum: 0 },
    position,
  },
};

const party: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    taxId: { type: 'string' },
    legalId: { type: 'string' },
    endpointId: { type: 'string' },
    gln: { type: 'string' },
    ids: strings,
    address: {
      type: 'object',
      additionalProperties: false,
      properties: {
        lines: strings,
        city: { type: 'string' },
        postalCode: { type: 'string' },
        countryCode: { type: 'string' },
      },
    },
    bankAccounts: { type: 'array', items: account },
  },
};

const invoiceLine: Schema = {
  type: 'object',
  required: ['id', 'netAmount'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    description: { type: 'string' },
    quantity: decimal,
    unitCode: { type: 'string' },
    unitPrice: decimal,
    netAmount: decimal,
    taxCategory: { type: 'string' },
    taxRate: decimal,
    orderLineReference: { type: 'string' },
  },
};

export const invoiceSchema: Schema = {
  $id: `${base}/invoice.json`,
  type: 'object',
  required: [
    'type',
    'documentKind',
    'typeCode',
    'sourceKey',
    'number',
    'issueDate',
    'currency',
    'seller',
    'buyer',
    'lines',
    'allowancesCharges',
    'taxes',
    'totals',
    'position',
  ],
  additionalProperties: false,
  properties: {
    type: { const: 'invoice' },
    documentKind: { enum: ['invoice', 'credit-note'] },
    typeCode: text,
    sourceKey: text,
    number: text,
    issueDate: date,
    dueDate: date,
    taxPointDate: date,
    currency,
    taxCurrency: currency,
    taxTotalInTaxCurrency: decimal,
    seller: party,
    buyer: party,
    payee: party,
    lines: { type: 'array', items: invoiceLine },
    allowancesCharges: {
      type: 'array',
      items: {
        type: 'object',
        required: ['charge', 'amount'],
        additionalProperties: false,
        properties: {
          charge: { type: 'boolean' },
          amount: decimal,
          reason: { type: 'string' },
          reasonCode: { type: 'string' },
          taxCategory: { type: 'string' },
          taxRate: decimal,
        },
      },
    },
    taxes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['taxableAmount', 'taxAmount'],
        additionalProperties: false,
        properties: {
          category: { type: 'string' },
          rate: decimal,
          taxableAmount: decimal,
          taxAmount: decimal,
          exemptionReason: { type: 'string' },
        },
      },
    },
    totals: {
      type: 'object',
      required: ['lineTotal', 'taxExclusive', 'tax', 'taxInclusive', 'payable'],
      additionalProperties: false,
      properties: {
        lineTotal: decimal,
        allowanceTotal: decimal,
        chargeTotal: decimal,
        taxExclusive: decimal,
        tax: decimal,
        taxInclusive: decimal,
        prepaid: decimal,
        rounding: decimal,
        payable: decimal,
      },
    },
    paymentTerms: { type: 'string' },
    paymentMeans: {
      type: 'object',
      additionalProperties: false,
      properties: {
        code: { type: 'string' },
        paymentId: { type: 'string' },
        accounts: { type: 'array', items: account },
      },
    },
    orderReference: { type: 'string' },
    salesOrderReference: { type: 'string' },
    contractReference: { type: 'string' },
    buyerReference: { type: 'string' },
    projectReference: { type: 'string' },
    precedingInvoices: {
      type: 'array',
      items: {
        type: 'object',
        required: ['number'],
        additionalProperties: false,
        properties: { number: { type: 'string' }, issueDate: date },
      },
    },
    note: strings,
    position,
  },
};

export const orderSchema: Schema = {
  $id: `${base}/order.json`,
  type: 'object',
  required: [
    'type',
    'orderKind',
    'sourceKey',
    'number',
    'orderDate',
    'currency',
    'buyer',
    'lines',
    'totalAmount',
    'position',
  ],
  additionalProperties: false,
  properties: {
    type: { const: 'order' },
    orderKind: { enum: ['order', 'delivery'] },
    sourceKey: text,
    number: text,
    orderDate: date,
    shipmentDate: date,
    requestedDeliveryDate: date,
    currency,
    buyer: party,
    seller: party,
    lines: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'netAmount'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          description: { type: 'string' },
          quantity: decimal,
          unitCode: { type: 'string' },
          unitPrice: decimal,
          netAmount: decimal,
          itemId: { type: 'string' },
        },
      },
    },
    totalAmount: decimal,
    taxAmount: decimal,
    paymentTerms: { type: 'string' },
    contractReference: { type: 'string' },
    note: strings,
    position,
  },
};

export const customerSchema: Schema = {
  $id: `${base}/customer.json`,
  type: 'object',
  required: ['type', 'sourceKey', 'code', 'name', 'position'],
  additionalProperties: false,
  properties: {
    type: { const: 'customer' },
    sourceKey: text,
    code: text,
    name: text,
    taxId: text,
    bankAccounts: { type: 'array', items: account },
    parentCode: text,
    region: text,
    salesOwner: text,
    currency,
    paymentTermsDays: { type: 'integer', minimum: 0 },
    position,
  },
};

export const openInvoiceSchema: Schema = {
  $id: `${base}/open-invoice.json`,
  type: 'object',
  required: ['type', 'sourceKey', 'number', 'customerCode', 'currency', 'amount', 'issueDate', 'position'],
  additionalProperties: false,
  properties: {
    type: { const: 'open-invoice' },
    sourceKey: text,
    number: text,
    customerCode: text,
    currency,
    amount,
    openAmount: amount,
    issueDate: date,
    dueDate: date,
    paymentTermsDays: { type: 'integer', minimum: 0 },
    fxRate: amount,
    orderReference: text,
    reference: text,
    position,
  },
};

export const fxRateSchema: Schema = {
  $id: `${base}/fx-rate.json`,
  type: 'object',
  required: ['type', 'sourceKey', 'date', 'from', 'to', 'rate', 'position'],
  additionalProperties: false,
  properties: {
    type: { const: 'fx-rate' },
    sourceKey: text,
    date,
    from: currency,
    to: currency,
    rate: amount,
    position,
  },
};

export const rejectionSchema: Schema = {
  $id: `${base}/rejection.json`,
  type: 'object',
  required: ['rejected'],
  additionalProperties: false,
  properties: {
    rejected: {
      type: 'object',
      required: ['position', 'reason'],
      additionalProperties: false,
      properties: { position, reason: text, field: { type: 'string' } },
    },
  },
};

/** The canonical schemas by record type (`rejection` for `{ rejected }`). */
export const canonicalSchemas = {
  statement: statementSchema,
  'bank-line': bankLineSchema,
  invoice: invoiceSchema,
  order: orderSchema,
  customer: customerSchema,
  'open-invoice': openInvoiceSchema,
  'fx-rate': fxRateSchema,
  rejection: rejectionSchema,
} as const;

export type CanonicalSchemaName = keyof typeof canonicalSchemas;
