import type { ConfigOf } from '@hexiao/plugins/sdk';

const columnRef = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'integer', minimum: 0 },
  ],
} as const;
const lineColumns = {
  orderNumber: columnRef,
  lineId: columnRef,
  itemId: columnRef,
  description: columnRef,
  quantity: columnRef,
  unitPrice: columnRef,
  discount: { ...columnRef, description: 'Discount as a fraction (0.15) or, with discountIsPercent, a percent (15).' },
  lineAmount: { ...columnRef, description: 'Line net amount; else quantity × unit price × (1 − discount).' },
} as const;
const csvFormat = {
  delimiter: { type: 'string', minLength: 1, maxLength: 1, default: ',' },
  quote: {
    type: 'string',
    maxLength: 1,
    default: '"',
    description: "Quote character, or '' for none (fields are split on every delimiter).",
  },
  encoding: { type: 'string', default: 'utf-8' },
  skipLines: {
    type: 'integer',
    minimum: 0,
    default: 0,
    description: 'Lines to skip before the header (metadata lines).',
  },
  header: { type: 'boolean', default: true, description: 'false: no header row, columns are 0-based indexes.' },
  nullValues: {
    type: 'array',
    items: { type: 'string' },
    default: [],
    description: 'Values meaning "empty", e.g. NULL.',
  },
} as const;

export const ordersCsvConfigSchema = {
  type: 'object',
  required: ['columns'],
  additionalProperties: false,
  properties: {
    ...csvFormat,
    layout: {
      type: 'string',
      enum: ['orders', 'lines'],
      default: 'orders',
      description: "'orders': one row per order; 'lines': one row per order line, grouped by order number.",
    },
    sortedByOrder: {
      type: 'boolean',
      default: false,
      description:
        "Layout 'lines': the rows of an order are consecutive, so each order is emitted when the next starts (flat memory).",
    },
    columns: {
      type: 'object',
      required: ['orderNumber'],
      properties: {
        ...lineColumns,
        orderDate: columnRef,
        shipmentDate: columnRef,
        requestedDeliveryDate: columnRef,
        customerId: columnRef,
        customerName: columnRef,
        customerTaxId: columnRef,
        currency: columnRef,
        amount: { ...columnRef, description: "Order total (layout 'orders' without details)." },
        taxAmount: columnRef,
        paymentTerms: columnRef,
      },
      additionalProperties: false,
    },
    chargeColumns: {
      type: 'array',
      items: columnRef,
      description: 'Column(s) added to the order as charges (e.g. freight).',
    },
    amountIncludesTax: {
      type: 'boolean',
      default: false,
      description: "Does the order amount include tax (layout 'orders')?",
    },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'Currency when there is no currency column.' },
    dateFormat: {
      type: 'string',
      default: 'YYYY-MM-DD',
      description: "e.g. 'YYYY-MM-DD', 'DD.MM.YYYY', 'MM/DD/YYYY', 'YYYYMMDD'; a trailing time is ignored.",
    },
    decimalSeparator: { type: 'string', enum: ['.', ','], default: '.' },
    thousandsSeparator: { type: 'string', enum: ['', ',', '.', ' ', "'"], default: '' },
    discountIsPercent: { type: 'boolean', default: false },
    orderKind: { type: 'string', enum: ['order', 'delivery'], default: 'order' },
    details: {
      type: 'object',
      required: ['path', 'columns'],
      description: "Lines from a second file joined by order number (layout 'orders').",
      additionalProperties: false,
      properties: {
        ...csvFormat,
        path: { type: 'string', minLength: 1 },
        columns: { type: 'object', required: ['orderNumber'], properties: lineColumns, additionalProperties: false },
      },
    },
    maxBytes: { type: 'integer', minimum: 1 },
  },
} as const;

/** Where a field comes from: a header name, or a 0-based column index. */
export type ColumnRef = ConfigOf<typeof columnRef>;
export type OrdersCsvConfig = ConfigOf<typeof ordersCsvConfigSchema>;
export type OrderColumns = OrdersCsvConfig['columns'];
export type LineColumns = ConfigOf<{ type: 'object'; additionalProperties: false; properties: typeof lineColumns }>;
/** The file format options (also those of the master-data CSV connectors). */
export type CsvFormat = ConfigOf<{ type: 'object'; additionalProperties: false; properties: typeof csvFormat }>;
