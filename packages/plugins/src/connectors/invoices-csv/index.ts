import { defineConnector, type ParseContext } from '@hexiao/plugins/sdk';
import { countDataRows } from '../master-csv/index.ts';
import { invoicesCsvConfigSchema, type InvoicesCsvConfig } from './config.ts';
import { parseInvoicesCsv } from './parse.ts';

export type { InvoicesCsvConfig };

export default defineConnector<InvoicesCsvConfig>({
  id: 'invoices-csv',
  kind: 'open-items',
  version: '1.0.0',
  title: 'Open invoices from CSV (ERP open items)',
  description:
    "An ERP's open items: invoice number, customer code, currency, amount, issue date, due date or payment terms, the part still open, the booking rate, order and payment references.",
  accepts: ['*.csv', '*.txt'],
  configSchema: invoicesCsvConfigSchema,
  defaults: { delimiter: ',', quote: '"', encoding: 'utf-8', dateFormat: 'YYYY-MM-DD', decimalSeparator: '.' },
  parse: parseInvoicesCsv,
  count: (input, ctx) => countDataRows(input, ctx as ParseContext<never>),
});
