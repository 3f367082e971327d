/** A dot path into a JSON object: `customer.name`, `data.orders`, `items[0].sku`; '' is the value itself. */
export type JsonPath = string;

export interface OrdersJsonConfig {
  /** 'json': a document holding an array of orders at `ordersPath`; 'ndjson': one order per line (streamed). */
  format?: 'json' | 'ndjson';
  ordersPath?: JsonPath;
  fields: {
    orderNumber: JsonPath;
    orderDate: JsonPath;
    shipmentDate?: JsonPath;
    requestedDeliveryDate?: JsonPath;
    customerId?: JsonPath;
    customerName?: JsonPath;
    customerTaxId?: JsonPath;
    currency?: JsonPath;
    amount?: JsonPath;
    taxAmount?: JsonPath;
    paymentTerms?: JsonPath;
    /** Array of lines inside an order. */
    lines?: JsonPath;
  };
  lineFields?: {
    lineId?: JsonPath;
    itemId?: JsonPath;
    description?: JsonPath;
    quantity?: JsonPath;
    unitPrice?: JsonPath;
    discount?: JsonPath;
    lineAmount?: JsonPath;
  };
  currency?: string;
  amountIncludesTax?: boolean;
  /** Format of string dates ('YYYY-MM-DD' default; ISO date-times are accepted, the time is dropped). */
  dateFormat?: string;
  decimalSeparator?: '.' | ',';
  thousandsSeparator?: '' | ',' | '.' | ' ' | "'";
  discountIsPercent?: boolean;
  orderKind?: 'order' | 'delivery';
  maxBytes?: number;
}

const path = { type: 'string' };

export const ordersJsonConfigSchema = {
  type: 'object',
  required: ['fields'],
  properties: {
    format: { type: 'string', enum: ['json', 'ndjson'], default: 'json' },
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
        lines: path,
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
    dateFormat: { type: 'string', default: 'YYYY-MM-DD' },
    decimalSeparator: { type: 'string', enum: ['.', ','], default: '.' },
    thousandsSeparator: { type: 'string', enum: ['', ',', '.', ' ', "'"], default: '' },
    discountIsPercent: { type: 'boolean', default: false },
    orderKind: { type: 'string', enum: ['order', 'delivery'], default: 'order' },
    maxBytes: { type: 'integer', minimum: 1 },
  },
} as const;
