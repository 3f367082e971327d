import type { ConfigOf } from '@hexiao/plugins/sdk';
import { columnsSchema, formatProperties } from '../master-csv/index.ts';

/** The default header of each field: an ERP open-items export with these headers needs no mapping. */
export const invoiceColumns = {
  number: 'invoice_no',
  customerCode: 'customer_code',
  currency: 'currency',
  amount: 'amount',
  issueDate: 'issue_date',
  dueDate: 'due_date',
  paymentTermsDays: 'payment_terms_days',
  openAmount: 'open_amount',
  fxRate: 'fx_rate',
  orderReference: 'order_ref',
  reference: 'reference',
} as const;

export type InvoiceField = keyof typeof invoiceColumns;

export const invoicesCsvConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...formatProperties,
    columns: columnsSchema(invoiceColumns),
    currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'Currency when the file has no currency column.' },
  },
} as const;

export type InvoicesCsvConfig = ConfigOf<typeof invoicesCsvConfigSchema>;
