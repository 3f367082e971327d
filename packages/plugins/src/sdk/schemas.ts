/**
 * JSON Schemas (draft-07) of the canonical records: what every connector yields, whatever the file format. The
 * conformance kit and the server validate every record a connector yields against them, and the record types
 * (records.ts) are derived from them, so the two cannot drift.
 *
 * Conventions (a contract with the server's import pipeline):
 * - Amounts are decimal strings (`"1234.50"`), never JavaScript numbers. Document amounts are positive and carry
 *   a direction or document kind; only balances are signed (`"-12.00"`).
 * - Dates are `YYYY-MM-DD` strings; timestamps (rarely needed) are ISO 8601 strings.
 * - Currencies are ISO 4217 alphabetic codes.
 * - `sourceKey` is the stable identity that survives re-delivery of the same booking in another file or format
 *   (see each record type). `position` is provenance: where in the file the record came from.
 */
import { iso4217 } from './currencies.ts';
import { decimalPattern } from './decimal.ts';

const base = 'https://hexiao.dev/schemas/canonical';
/** A signed decimal string (balances). */
const decimal = { type: 'string', pattern: decimalPattern } as const;
/** Non-negative decimal: document amounts carry a direction instead of a sign. */
const amount = { type: 'string', pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$' } as const;
const date = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' } as const;
/** An ISO 4217 alphabetic code (the list is data in @hexiao/dsl, typed as a string). */
const currency = { type: 'string', enum: [...iso4217.keys()] } as const;
const text = { type: 'string', minLength: 1 } as const;
const string = { type: 'string' } as const;
const strings = { type: 'array', items: string } as const;
const count = { type: 'integer', minimum: 0 } as const;

export const positionSchema = {
  type: 'object',
  required: ['index'],
  additionalProperties: false,
  properties: {
    index: { type: 'integer', minimum: 0, description: '0-based ordinal of the record within the file.' },
    line: { type: 'integer', minimum: 1, description: '1-based line where the record starts (line formats).' },
    xpath: {
      type: 'string',
      description: 'XPath-like location for XML, e.g. /Document/BkToCstmrStmt/Stmt[1]/Ntry[3].',
    },
  },
} as const;
const position = positionSchema;

export const moneySchema = {
  type: 'object',
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: { amount, currency },
} as const;

export const bankAccountRefSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    iban: { type: 'string', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$' },
    number: { ...text, description: 'Domestic or proprietary account number when there is no IBAN.' },
    bic: { type: 'string', pattern: '^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$' },
    currency,
    name: string,
  },
} as const;
const account = bankAccountRefSchema;

export const balanceSchema = {
  type: 'object',
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: {
    amount: { ...decimal, description: 'Signed: negative is a debit balance (overdraft).' },
    currency,
    date,
    code: { type: 'string', description: "OPBD, CLBD, PRCD, ITBD, CLAV for camt; 'opening'/'closing' otherwise." },
  },
} as const;

export const statementSchema = {
  $id: `${base}/statement.json`,
  type: 'object',
  required: ['type', 'sourceKey', 'account', 'statementId', 'position'],
  additionalProperties: false,
  properties: {
    type: { const: 'statement' },
    sourceKey: {
      ...text,
      description: 'Company account + statement id (+ sequence): provenance for the lines, not their identity.',
    },
    account,
    statementId: text,
    sequence: string,
    createdAt: string,
    fromDate: date,
    toDate: date,
    openingBalance: balanceSchema,
    closingBalance: balanceSchema,
    balances: { type: 'array', items: balanceSchema, description: 'Other balances (available, interim…).' },
    declared: {
      type: 'object',
      additionalProperties: false,
      description: 'Count and sums declared by the file itself (camt TxsSummry, BAI2 trailers…).',
      properties: { count, credits: amount, debits: amount },
    },
    warnings: { ...strings, description: 'Non-fatal findings, e.g. opening + movements ≠ closing.' },
    position,
  },
} as const;

export const counterpartySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: string,
    account,
    id: { type: 'string', description: 'Organisation or private id given by the bank (creditor id, tax id).' },
    address: string,
  },
} as const;

export const bankLineSchema = {
  $id: `${base}/bank-line.json`,
  type: 'object',
  required: ['type', 'sourceKey', 'account', 'bookingDate', 'amount', 'currency', 'direction', 'ordinal', 'position'],
  additionalProperties: false,
  properties: {
    type: { const: 'bank-line' },
    sourceKey: {
      ...text,
      description:
        'Stable identity: <company account>|<bank entry reference> (camt AcctSvcrRef, MT940 :61: bank reference, BAI2 bank reference), else <company account>|<end-to-end id>|<booking date>|<amount>|<C|D>|<ordinal>.',
    },
    statementKey: { ...text, description: 'sourceKey of the statement (or notification) the line came in.' },
    account,
    bookingDate: date,
    valueDate: date,
    amount: { ...amount, description: 'Positive amount in the account currency.' },
    currency,
    direction: {
      enum: ['credit', 'debit'],
      description: 'credit = money in (becomes a receipt), debit = money out (stays a bank line).',
    },
    reversal: { type: 'boolean', description: 'Returns and reversals (camt RvslInd/RtrInf, MT940 RC/RD, /RTRN/).' },
    returnInfo: {
      type: 'object',
      additionalProperties: false,
      properties: { reason: string, originalReference: string, originalEndToEndId: string },
    },
    status: string,
    counterparty: counterpartySchema,
    endToEndId: string,
    bankReference: { type: 'string', description: "The bank's own reference for the entry." },
    customerReference: { type: 'string', description: 'The customer reference (MT940 :61:, camt InstrId/TxId).' },
    creditorReference: { type: 'string', description: 'Structured creditor reference (ISO 11649 RF…, QRR/ESR).' },
    remittance: { ...strings, description: 'Free remittance text, one string per line/field as given.' },
    transactionCode: { type: 'string', description: 'Bank transaction code (camt BkTxCd, MT940 GVC, BAI2 type).' },
    charges: { type: 'array', items: moneySchema, description: 'Bank or PSP charges on this line.' },
    instructedAmount: { ...moneySchema, description: 'Amount the original instruction carried when it differs.' },
    warnings: { ...strings, description: 'What the connector had to assume to read this line.' },
    raw: { type: 'string', description: 'The line as the bank wrote it, kept when read with an assumption.' },
    ordinal: { ...count, description: '0-based ordinal of this line within its statement (fallback sourceKey).' },
    position,
  },
} as const;

export const partySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: string,
    taxId: { type: 'string', description: 'Tax / VAT registration id (BT-31, BT-48…).' },
    legalId: { type: 'string', description: 'Legal registration id (company number…).' },
    endpointId: { type: 'string', description: 'Electronic address, e.g. Peppol 0088:5790000435975.' },
    gln: string,
    ids: { ...strings, description: 'Other identifiers as given, scheme:value.' },
    address: {
      type: 'object',
      additionalProperties: false,
      properties: { lines: strings, city: string, postalCode: string, countryCode: string },
    },
    bankAccounts: { type: 'array', items: account },
  },
} as const;

export const invoiceLineSchema = {
  type: 'object',
  required: ['id', 'netAmount'],
  additionalProperties: false,
  properties: {
    id: string,
    description: string,
    quantity: decimal,
    unitCode: string,
    unitPrice: decimal,
    netAmount: { ...decimal, description: 'Line net amount (after line allowances/charges).' },
    taxCategory: string,
    taxRate: decimal,
    orderLineReference: string,
  },
} as const;

export const allowanceChargeSchema = {
  type: 'object',
  required: ['charge', 'amount'],
  additionalProperties: false,
  properties: {
    charge: { type: 'boolean', description: 'true = charge (adds), false = allowance (subtracts).' },
    amount: decimal,
    reason: string,
    reasonCode: string,
    taxCategory: string,
    taxRate: decimal,
  },
} as const;

export const taxBreakdownSchema = {
  type: 'object',
  required: ['taxableAmount', 'taxAmount'],
  additionalProperties: false,
  properties: {
    category: string,
    rate: { ...decimal, description: 'Percent as a decimal string, e.g. "25".' },
    taxableAmount: decimal,
    taxAmount: decimal,
    exemptionReason: string,
  },
} as const;

export const invoiceTotalsSchema = {
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
    payable: { ...decimal, description: 'Amount due: what the receivable is booked for.' },
  },
} as const;

export const invoiceSchema = {
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
    documentKind: {
      enum: ['invoice', 'credit-note'],
      description: 'invoice → receivable; credit-note → credit document (381, 384-as-credit, negative 380).',
    },
    typeCode: { ...text, description: "The document's own type code (UNTDID 1001: 380, 381, 384, 389…)." },
    sourceKey: { ...text, description: '<seller tax id or id>|<number>|<documentKind>.' },
    number: text,
    issueDate: date,
    dueDate: date,
    taxPointDate: date,
    currency,
    taxCurrency: { ...currency, description: 'Tax currency when it differs (BT-6).' },
    taxTotalInTaxCurrency: decimal,
    seller: partySchema,
    buyer: partySchema,
    payee: partySchema,
    lines: {
      type: 'array',
      items: invoiceLineSchema,
      description: 'All amounts are positive for the document kind (a negative 380 becomes a credit note).',
    },
    allowancesCharges: { type: 'array', items: allowanceChargeSchema },
    taxes: { type: 'array', items: taxBreakdownSchema },
    totals: invoiceTotalsSchema,
    paymentTerms: string,
    paymentMeans: {
      type: 'object',
      additionalProperties: false,
      properties: { code: string, paymentId: string, accounts: { type: 'array', items: account } },
    },
    orderReference: string,
    salesOrderReference: string,
    contractReference: string,
    buyerReference: string,
    projectReference: string,
    precedingInvoices: {
      type: 'array',
      description: 'For credit notes and corrections: the invoice(s) this document corrects (BT-25).',
      items: {
        type: 'object',
        required: ['number'],
        additionalProperties: false,
        properties: { number: string, issueDate: date },
      },
    },
    note: strings,
    position,
  },
} as const;

export const orderLineSchema = {
  type: 'object',
  required: ['id', 'netAmount'],
  additionalProperties: false,
  properties: {
    id: string,
    description: string,
    quantity: decimal,
    unitCode: string,
    unitPrice: decimal,
    netAmount: decimal,
    itemId: string,
  },
} as const;

export const orderSchema = {
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
    orderKind: {
      enum: ['order', 'delivery'],
      description: 'order → estimated receivable at order date; delivery → at shipment date.',
    },
    sourceKey: { ...text, description: "<seller id or 'self'>|<buyer id>|<order number>|<orderKind>." },
    number: text,
    orderDate: date,
    shipmentDate: date,
    requestedDeliveryDate: date,
    currency,
    buyer: partySchema,
    seller: partySchema,
    lines: { type: 'array', items: orderLineSchema },
    totalAmount: {
      ...decimal,
      description:
        'Total the estimated receivable is booked for (tax-inclusive when the document says, else line total).',
    },
    taxAmount: decimal,
    paymentTerms: string,
    contractReference: string,
    note: strings,
    position,
  },
} as const;

export const customerSchema = {
  $id: `${base}/customer.json`,
  description:
    "A customer from an ERP's customer master (customers-csv): created, or the customer with the same code updated; payer accounts of an existing customer change only through the two-person bank-account change.",
  type: 'object',
  required: ['type', 'sourceKey', 'code', 'name', 'position'],
  additionalProperties: false,
  properties: {
    type: { const: 'customer' },
    sourceKey: { ...text, description: 'The customer code: the identity in the tenant.' },
    code: text,
    name: text,
    taxId: text,
    bankAccounts: { type: 'array', items: account, description: 'Payer accounts the customer pays from.' },
    parentCode: { ...text, description: 'Code of the group customer that pays for this one.' },
    region: text,
    salesOwner: text,
    billingEmail: { type: 'string', maxLength: 320 },
    currency,
    paymentTermsDays: count,
    position,
  },
} as const;

export const openInvoiceSchema = {
  $id: `${base}/open-invoice.json`,
  description:
    'An invoice still open in the old system (invoices-csv): booked as an invoice of the named customer; when only part of it is open, the rest is settled against the opening-balance clearing account.',
  type: 'object',
  required: ['type', 'sourceKey', 'number', 'customerCode', 'currency', 'amount', 'issueDate', 'position'],
  additionalProperties: false,
  properties: {
    type: { const: 'open-invoice' },
    sourceKey: { ...text, description: 'The invoice number: an invoice number is booked once.' },
    number: text,
    customerCode: text,
    currency,
    amount: { ...amount, description: 'The invoice total.' },
    openAmount: { ...amount, description: 'The part still open, when less than the total.' },
    issueDate: date,
    dueDate: date,
    paymentTermsDays: { ...count, description: 'Days after the issue date, when the export has terms instead.' },
    fxRate: { ...amount, description: 'Base-currency units per unit of currency, as the ERP booked it.' },
    orderReference: text,
    reference: text,
    position,
  },
} as const;

export const fxRateSchema = {
  $id: `${base}/fx-rate.json`,
  description: 'A published exchange rate: one unit of `from` is `rate` units of `to` on `date` (fx-rates-csv).',
  type: 'object',
  required: ['type', 'sourceKey', 'date', 'from', 'to', 'rate', 'position'],
  additionalProperties: false,
  properties: {
    type: { const: 'fx-rate' },
    sourceKey: { ...text, description: '<date>|<from>|<to>.' },
    date,
    from: currency,
    to: currency,
    rate: amount,
    position,
  },
} as const;

export const rejectionSchema = {
  $id: `${base}/rejection.json`,
  type: 'object',
  required: ['rejected'],
  additionalProperties: false,
  properties: {
    rejected: {
      type: 'object',
      required: ['position', 'reason'],
      additionalProperties: false,
      properties: { position, reason: text, field: string },
    },
  },
} as const;

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
