import type { ConfigOf } from '@hexiao/plugins/sdk';

/** A dot path into a JSON object: `customer.name`, `data.orders`, `items[0].sku`; '' is the value itself. */
const path = { type: 'string' } as const;

export const ordersJsonConfigSchema = {
  type: 'object',
  required: ['fields'],
  additionalProperties: false,
  properties: {
    format: {
      type: 'string',
      enum: ['json', 'ndjson'],
      default: 'json',
      description:
        "'json': a document holding an array of orders at ordersPath; 'ndjson': one order per line (streamed).",
    },
    ordersPath: { type: 'string', default: '' },
    fields: {
      type: 'object',
      required: ['orderNumber', 'orderDate'],
      additionalProperties: false,
      properties: {
        orderNumber: path,
        orderDate: path,
        shipmentDate: path,
        requestedDeliveryDate: path,
        customerId: path,
        customerName: path,
        customerTaxId: path,
        currency: path,
        amount: path,
        taxAmount: path,
        paymentTerms: path,
        lines: { ...path, description: 'Array of lines inside an order.' },
      },
    },
    lineFields: {
      type: 'object',
      additionalProperties: false,
      properties: {
        lineId: path,
        itemId: path,
        description: path,
        quantity: path,
        unitPrice: path,
        discount: path,
        lineAmount: path,
      },
    },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    amountIncludesTax: { type: 'boolean', default: false },
    dateFormat: {
      type: 'string',
      default: 'YYYY-MM-DD',
      description: 'Format of string dates; ISO date-times are accepted, the time is dropped.',
    },
    decimalSeparator: { type: 'string', enum: ['.', ','], default: '.' },
    thousandsSeparator: { type: 'string', enum: ['', ',', '.', ' ', "'"], default: '' },
    discountIsPercent: { type: 'boolean', default: false },
    orderKind: { type: 'string', enum: ['order', 'delivery'], default: 'order' },
    maxBytes: { type: 'integer', minimum: 1 },
  },
} as const;

export type OrdersJsonConfig = ConfigOf<typeof ordersJsonConfigSchema>;
