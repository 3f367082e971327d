import { defineConnector, type ParseContext } from '@hexiao/plugins/sdk';
import { countDataRows } from '../master-csv/index.ts';
import { customersCsvConfigSchema, type CustomersCsvConfig } from './config.ts';
import { parseCustomersCsv } from './parse.ts';

export type { CustomersCsvConfig };

export default defineConnector<CustomersCsvConfig>({
  id: 'customers-csv',
  kind: 'customers',
  version: '1.0.0',
  title: 'Customers from CSV (customer master)',
  description:
    'An ERP customer-master export: code, name, tax id, payer accounts (several separated by ;), parent group, region, sales owner, currency, payment terms.',
  accepts: ['*.csv', '*.txt'],
  configSchema: customersCsvConfigSchema,
  defaults: { delimiter: ',', quote: '"', encoding: 'utf-8', accountSeparator: ';' },
  parse: parseCustomersCsv,
  count: (input, ctx) => countDataRows(input, ctx as ParseContext<never>),
});
