import type { Connector } from './sdk/index.ts';
import bai2 from './connectors/bai2/index.ts';
import camt053 from './connectors/camt053/index.ts';
import camt054 from './connectors/camt054/index.ts';
import csvBank from './connectors/csv-bank/index.ts';
import mt940 from './connectors/mt940/index.ts';

/** The built-in bank-feed connectors: camt053, camt054, mt940, bai2, csv-bank. */
export const bankFeedConnectors: readonly Connector<unknown>[] = Object.freeze([
  camt053,
  camt054,
  mt940,
  bai2,
  csvBank,
]);

export { bai2, camt053, camt054, csvBank, mt940 };
export { csvPresets, type CsvBankConfig } from './connectors/csv-bank/index.ts';
