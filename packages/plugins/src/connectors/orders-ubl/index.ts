import { defineConnector } from '@hexiao/plugins/sdk';
import { countUblOrders, parseUblOrders, type OrdersUblConfig } from './parse.ts';

export default defineConnector<OrdersUblConfig>({
  id: 'orders-ubl',
  kind: 'sales-order',
  version: '1.0.0',
  title: 'UBL 2.1 Order (OASIS, Peppol BIS Ordering 3)',
  description: 'Sales orders received as UBL Order documents, booked as estimated receivables at the order date.',
  accepts: ['*.xml'],
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { maxBytes: { type: 'integer', minimum: 1, title: 'Largest accepted file (bytes)' } },
  },
  parse: parseUblOrders,
  count: countUblOrders,
});
