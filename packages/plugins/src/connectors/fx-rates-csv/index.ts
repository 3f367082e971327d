import { defineConnector, type ParseContext } from '@hexiao/plugins/sdk';
import { countDataRows } from '../master-csv/index.ts';
import { fxRatesCsvConfigSchema, type FxRatesCsvConfig } from './config.ts';
import { parseFxRatesCsv } from './parse.ts';

export type { FxRatesCsvConfig };

export default defineConnector<FxRatesCsvConfig>({
  id: 'fx-rates-csv',
  kind: 'fx-rates',
  version: '1.0.0',
  title: 'Exchange rates from CSV',
  description: "A bank's or central bank's published rates: date, from, to, rate (one unit of from in to).",
  accepts: ['*.csv', '*.txt'],
  configSchema: fxRatesCsvConfigSchema,
  defaults: { delimiter: ',', quote: '"', encoding: 'utf-8', dateFormat: 'YYYY-MM-DD', decimalSeparator: '.' },
  parse: parseFxRatesCsv,
  count: (input, ctx) => countDataRows(input, ctx as ParseContext<never>),
});
