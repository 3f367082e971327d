import type { Connector } from './sdk/index.ts';
import customersCsv from './connectors/customers-csv/index.ts';
import invoicesCsv from './connectors/invoices-csv/index.ts';
import fxRatesCsv from './connectors/fx-rates-csv/index.ts';

/** Built-in connectors that load what a company's old system knows: customers, open invoices, exchange rates. */
export const masterDataConnectors: readonly Connector<any>[] = Object.freeze([customersCsv, invoicesCsv, fxRatesCsv]);

export { customersCsv, invoicesCsv, fxRatesCsv };
