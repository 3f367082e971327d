import type { Connector } from './sdk/index.ts';
import ubl from './connectors/ubl/index.ts';
import cii from './connectors/cii/index.ts';
import ordersUbl from './connectors/orders-ubl/index.ts';
import ordersCii from './connectors/orders-cii/index.ts';
import ordersCsv from './connectors/orders-csv/index.ts';
import ordersJson from './connectors/orders-json/index.ts';

/** Built-in e-invoice and sales-order connectors (ids are stable: used by the CLI and the API). */
export const documentConnectors: readonly Connector<any>[] = Object.freeze([
  ubl,
  cii,
  ordersUbl,
  ordersCii,
  ordersCsv,
  ordersJson,
]);

export { ubl, cii, ordersUbl, ordersCii, ordersCsv, ordersJson };
