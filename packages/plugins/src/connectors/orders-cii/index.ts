import { defineConnector } from '@hexiao/plugins/sdk';
import { countOrderX, parseOrderX, type OrdersCiiConfig, ordersCiiConfigSchema } from './parse.ts';

export default defineConnector<OrdersCiiConfig>({
  id: 'orders-cii',
  kind: 'sales-order',
  version: '1.0.0',
  title: 'Order-X (UN/CEFACT CII order)',
  description: 'Sales orders in Order-X (BASIC, COMFORT, EXTENDED), booked as estimated receivables at the order date.',
  accepts: ['*.xml'],
  configSchema: ordersCiiConfigSchema,
  parse: parseOrderX,
  count: countOrderX,
});
