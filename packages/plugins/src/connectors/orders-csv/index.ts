import { defineConnector } from '@hexiao/plugins/sdk';
import { ordersCsvConfigSchema, type OrdersCsvConfig } from './config.ts';
import { parseOrdersCsv } from './parse.ts';
import { countOrderRows } from './count.ts';

export type { OrdersCsvConfig };

export default defineConnector<OrdersCsvConfig>({
  id: 'orders-csv',
  kind: 'sales-order',
  version: '1.0.0',
  title: 'Sales orders from CSV (field mapping)',
  description: 'ERP order exports: one row per order (optionally joined with a lines file) or one row per order line.',
  accepts: ['*.csv', '*.txt'],
  configSchema: ordersCsvConfigSchema,
  defaults: {
    layout: 'orders',
    delimiter: ',',
    quote: '"',
    encoding: 'utf-8',
    dateFormat: 'YYYY-MM-DD',
    decimalSeparator: '.',
    orderKind: 'order',
  },
  parse: parseOrdersCsv,
  count: countOrderRows,
});
