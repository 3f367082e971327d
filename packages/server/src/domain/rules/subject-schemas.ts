import type { DataSchema } from '@hexiao/dsl';

/** What a rule reads: one record or a receipt with a candidate receivable, shaped as the API shows them. */
export const ruleSubjects = ['customer', 'receivable', 'receipt', 'receipt-match'] as const;
export type RuleSubject = (typeof ruleSubjects)[number];

/** The custom-field schemas of the published object types, per object. */
export type CustomFieldSchemas = Partial<Record<'customer' | 'receivable' | 'receipt', DataSchema>>;

const text = (description: string) => ({ type: ['string', 'null'], description });
const decimal = (description: string) => ({ type: 'string', format: 'decimal', description });
const date = (description: string) => ({ type: ['string', 'null'], format: 'date', description });

/** Without a published object type there are no custom fields; `open` allows any (validation without a database). */
const customOf = (fields: DataSchema | undefined, open: boolean): DataSchema =>
  fields
    ? { ...fields, type: 'object', description: 'custom fields of the published object type' }
    : open
      ? { type: 'object', additionalProperties: {}, description: 'custom fields (object type not known here)' }
      : { type: 'object', properties: {}, description: 'custom fields: none until an object type is published' };

export function customerSchema(custom?: DataSchema, open = false): DataSchema {
  return {
    type: 'object',
    description: 'a customer (payer)',
    properties: {
      id: { type: 'string', description: 'customer id (uuid)' },
      code: { type: 'string', description: 'customer code' },
      name: { type: 'string', description: 'legal name' },
      taxId: text('tax id (统一社会信用代码)'),
      peppolId: text('Peppol endpoint id'),
      gln: text('GLN'),
      region: text('sales region'),
      salesOwner: text("the owning sales rep's e-mail"),
      parentId: text('parent customer id (group)'),
      currency: text('default currency (ISO 4217)'),
      paymentTermsDays: { type: ['integer', 'null'], description: 'payment terms in days' },
      creditLimit: { type: ['string', 'null'], format: 'decimal', description: 'credit limit' },
      status: { type: 'string', description: 'active or blocked' },
      custom: customOf(custom, open),
    },
  };
}

export function documentSchema(what: 'receivable' | 'receipt', custom?: DataSchema, open = false): DataSchema {
  return {
    type: 'object',
    description: what === 'receivable' ? 'an invoice, estimate, credit note or adjustment' : 'a receipt or prepayment',
    properties: {
      id: { type: 'string', description: 'document id (uuid)' },
      type: { type: 'string', description: 'document type (invoice, receipt, credit-note…)' },
      objectType: { type: 'string', description: 'object type key' },
      number: text('document number'),
      customerId: text('customer id'),
      currency: { type: 'string', description: 'ISO 4217 currency' },
      amount: decimal('amount in the document currency'),
      taxAmount: decimal('tax included in the amount'),
      fxRate: decimal('rate to the base currency'),
      baseCurrency: { type: 'string', description: "the tenant's base currency" },
      baseAmount: decimal('amount in the base currency'),
      openAmount: { type: ['string', 'null'], format: 'decimal', description: 'amount still open' },
      status: text('open, partial or cleared'),
      documentDate: date('document date'),
      postingDate: date('posting date'),
      valueDate: date('value date (receipts)'),
      dueDate: date('due date (receivables)'),
      period: text('accounting period YYYY-MM'),
      reference: text('payment reference'),
      orderRef: text('order reference'),
      deliveryRef: text('delivery reference'),
      description: text('description / remittance text'),
      custom: customOf(custom, open),
    },
  };
}

/** The JSON Schema of the data a rule over `subject` reads; typed var paths and completions come from it. */
export function subjectSchema(subject: RuleSubject, custom: CustomFieldSchemas = {}, open = false): DataSchema {
  const customer = customerSchema(custom.customer, open);
  const receivable = documentSchema('receivable', custom.receivable, open);
  const receipt = documentSchema('receipt', custom.receipt, open);
  const properties: Record<string, DataSchema> =
    subject === 'customer'
      ? { customer }
      : subject === 'receivable'
        ? { receivable, customer }
        : subject === 'receipt'
          ? { receipt, customer }
          : {
              receipt,
              receivable,
              customer,
              candidates: { type: 'array', items: receivable, description: 'the candidate receivables' },
            };
  return { type: 'object', properties };
}
