/** Where a field comes from: a header name, or a 0-based column index. */
export type ColumnRef = string | number;

export interface OrderColumns {
  orderNumber: ColumnRef;
  orderDate?: ColumnRef;
  shipmentDate?: ColumnRef;
  requestedDeliveryDate?: ColumnRef;
  customerId?: ColumnRef;
  customerName?: ColumnRef;
  customerTaxId?: ColumnRef;
  currency?: ColumnRef;
  /** Order total (layout 'orders' without details). */
  amount?: ColumnRef;
  taxAmount?: ColumnRef;
  paymentTerms?: ColumnRef;
}

export interface LineColumns {
  orderNumber?: ColumnRef;
  lineId?: ColumnRef;
  itemId?: ColumnRef;
  description?: ColumnRef;
  quantity?: ColumnRef;
  unitPrice?: ColumnRef;
  /** Discount as a fraction (0.15) or, with discountIsPercent, a percent (15). */
  discount?: ColumnRef;
  /** Line net amount; else quantity × unit price × (1 − discount). */
  lineAmount?: ColumnRef;
}

export interface CsvFormat {
  delimiter?: string;
  /** Quote character, or '' for none (fields are split on every delimiter). */
  quote?: string;
  encoding?: string;
  /** Lines to skip before the header (metadata lines). */
  skipLines?: number;
  /** false: no header row, columns are 0-based indexes. */
  header?: boolean;
  /** Values meaning "empty", e.g. NULL. */
  nullValues?: string[];
}

export interface OrdersCsvConfig extends CsvFormat {
  /** 'orders': one row per order; 'lines': one row per order line, grouped by order number. */
  layout?: 'orders' | 'lines';
  /** Layout 'lines': the rows of an order are consecutive, so each order is emitted when the next starts (flat memory). */
  sortedByOrder?: boolean;
  columns: OrderColumns & LineColumns;
  /** Column(s) added to the order as charges (e.g. freight). */
  chargeColumns?: ColumnRef[];
  /** Does the order amount include tax (layout 'orders')? */
  amountIncludesTax?: boolean;
  /** Currency when there is no currency column. */
  currency?: string;
  /** e.g. 'YYYY-MM-DD', 'DD.MM.YYYY', 'MM/DD/YYYY', 'YYYYMMDD'; a trailing time is ignored. */
  dateFormat?: string;
  decimalSeparator?: '.' | ',';
  thousandsSeparator?: '' | ',' | '.' | ' ' | "'";
  discountIsPercent?: boolean;
  orderKind?: 'order' | 'delivery';
  /** Lines from a second file joined by order number (layout 'orders'). */
  details?: CsvFormat & { path: string; columns: LineColumns & { orderNumber: ColumnRef } };
  maxBytes?: number;
}

const columnRef = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'integer', minimum: 0 },
  ],
};
const lineColumns = {
  orderNumber: columnRef,
  lineId: columnRef,
  itemId: columnRef,
  description: columnRef,
  quantity: columnRef,
  unitPrice: columnRef,
  discount: columnRef,
  lineAmount: columnRef,
};
const csvFormat = {
  delimiter: { type: 'string', minLength: 1, maxLength: 1, default: ',' },
  quote: { type: 'string', maxLength: 1, default: '"' },
  encoding: { type: 'string', default: 'utf-8' },
  skipLines: { type: 'integer', minimum: 0, default: 0 },
  header: { type: 'boolean', default: true },
  nullValues: { type: 'array', items: { type: 'string' }, default: [] },
};

export const ordersCsvConfigSchema = {
  type: 'object',
  required: ['columns'],
  properties: {
    ...csvFormat,
    layout: { type: 'string', enum: ['orders', 'lines'], default: 'orders' },
    sortedByOrder: { type: 'boolean', default: false },
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
        amount: columnRef,
        taxAmount: columnRef,
        paymentTerms: columnRef,
      },
      additionalProperties: false,
    },
    chargeColumns: { type: 'array', items: columnRef },
    amountIncludesTax: { type: 'boolean', default: false },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    dateFormat: { type: 'string', default: 'YYYY-MM-DD' },
    decimalSeparator: { type: 'string', enum: ['.', ','], default: '.' },
    thousandsSeparator: { type: 'string', enum: ['', ',', '.', ' ', "'"], default: '' },
    discountIsPercent: { type: 'boolean', default: false },
    orderKind: { type: 'string', enum: ['order', 'delivery'], default: 'order' },
    details: {
      type: 'object',
      required: ['path', 'columns'],
      properties: {
        ...csvFormat,
        path: { type: 'string', minLength: 1 },
        columns: { type: 'object', required: ['orderNumber'], properties: lineColumns, additionalProperties: false },
      },
    },
    maxBytes: { type: 'integer', minimum: 1 },
  },
} as const;
