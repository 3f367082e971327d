export * from './sdk/index.ts';
import type { Connector } from './sdk/index.ts';
import { bankFeedConnectors } from './builtins-bank.ts';
import { documentConnectors } from './builtins-documents.ts';
import { masterDataConnectors } from './builtins-master-data.ts';

export { bankFeedConnectors, csvPresets, type CsvBankConfig } from './builtins-bank.ts';
export { documentConnectors } from './builtins-documents.ts';
export { camt053, camt054, mt940, bai2, csvBank } from './builtins-bank.ts';
export { ubl, cii, ordersUbl, ordersCii, ordersCsv, ordersJson } from './builtins-documents.ts';
export { masterDataConnectors, customersCsv, invoicesCsv, fxRatesCsv } from './builtins-master-data.ts';

/** Every built-in connector, by stable id. */
export const builtInConnectors: readonly Connector<any>[] = Object.freeze([
  ...bankFeedConnectors,
  ...documentConnectors,
  ...masterDataConnectors,
]);
