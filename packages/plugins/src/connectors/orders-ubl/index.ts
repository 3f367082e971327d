import { defineConnector } from '@hexiao/plugins/sdk';
import { countUblOrders, parseUblOrders, type OrdersUblConfig, ordersUblConfigSchema } from './parse.ts';

export default defineConnector<OrdersUblConfig>({
  id: 'orders-ubl',
  kind: 'sales-order',
  version: '1.0.0',
  title: 'UBL 2.1 Order (OASIS, Peppol BIS Ordering 3)',
  description: 'Sales orders received as UBL Order documents, booked as estimated receivables at the order date.',
  accepts: ['*.xml'],
  configSchema: ordersUblConfigSchema,
  parse: parseUblOrders,
  count: countUblOrders,
});
