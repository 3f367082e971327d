import { defineConnector } from '@hexiao/plugins/sdk';
import { ordersJsonConfigSchema, type OrdersJsonConfig } from './config.ts';
import { countJsonOrders } from './count.ts';
import { parseOrdersJson } from './parse.ts';

export type { OrdersJsonConfig };

export default defineConnector<OrdersJsonConfig>({
  id: 'orders-json',
  kind: 'sales-order',
  version: '1.0.0',
  title: 'Sales orders from JSON (field mapping)',
  description: 'Orders from an API or ERP JSON export (an array at a path, or NDJSON), mapped by dot paths.',
  accepts: ['*.json', '*.ndjson', '*.jsonl'],
  configSchema: ordersJsonConfigSchema,
  defaults: { format: 'json', ordersPath: '', dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', orderKind: 'order' },
  parse: parseOrdersJson,
  count: countJsonOrders,
});
