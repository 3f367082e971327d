import { defineConnector } from '@hexiao/plugins/sdk';
import { csvBankConfigSchema, type CsvBankConfig } from './config.ts';
import { countCsvBank, parseCsvBank } from './parse.ts';

export { csvPresets, resolveConfig, type CsvBankConfig, type CsvColumns, type ColumnRef } from './config.ts';

export default defineConnector<Partial<CsvBankConfig>>({
  id: 'csv-bank',
  kind: 'bank-feed',
  version: '1.0.0',
  title: 'Bank or payment-service CSV export',
  description:
    'CSV with a column mapping (delimiter, encoding incl. GBK/GB18030/cp1252, date and decimal formats, sign conventions) and presets for PayPal, Stripe and Adyen exports.',
  accepts: ['*.csv', '*.txt'],
  configSchema: csvBankConfigSchema,
  parse: parseCsvBank,
  count: countCsvBank,
});
