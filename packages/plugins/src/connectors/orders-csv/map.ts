import type { Decimal } from '@hexiao/dsl';
import type { Party } from '@hexiao/plugins/sdk';
import { MappingError, type OrderDraftLine } from '../xml-dom/index.ts';
import type { LineColumns, OrderColumns, OrdersCsvConfig } from './config.ts';
import type { Table } from './table.ts';
import { parseDate, parseDecimal } from './values.ts';

type Reader = (fields: string[]) => string | undefined;

/** Builds a row → order header reader (number, dates, customer, currency, stated amounts). */
export function orderHeaderReader(table: Table, cols: OrderColumns, cfg: OrdersCsvConfig) {
  const r = (ref: keyof OrderColumns) => table.column(cols[ref], `columns.${ref}`);
  const number = r('orderNumber'),
    orderDateCol = r('orderDate'),
    shipped = r('shipmentDate'),
    requested = r('requestedDeliveryDate');
  const customerId = r('customerId'),
    customerName = r('customerName'),
    customerTaxId = r('customerTaxId');
  const currency = r('currency'),
    amount = r('amount'),
    tax = r('taxAmount'),
    terms = r('paymentTerms');
  const charges = (cfg.chargeColumns ?? []).map((c, i) => table.column(c, `chargeColumns[${i}]`));
  const fmt = cfg.dateFormat ?? 'YYYY-MM-DD';
  const orderDateOrShipped = orderDate_(orderDateCol, shipped);
  const date = (read: Reader, fields: string[], field: string) => {
    const v = read(fields);
    return v === undefined ? undefined : parseDate(v, fmt, field);
  };
  const dec = (read: Reader, fields: string[], field: string) => {
    const v = read(fields);
    return v === undefined ? undefined : parseDecimal(v, cfg, field);
  };
  return (fields: string[]) => {
    const n = number(fields);
    if (!n) throw new MappingError('orderNumber', 'order number is empty');
    const buyer: Party = {
      name: customerName(fields),
      taxId: customerTaxId(fields),
      ids: customerId(fields) ? [customerId(fields)!] : undefined,
    };
    const chargeAmounts = charges
      .map((c, i) => dec(c, fields, `chargeColumns[${i}]`))
      .filter((x): x is Decimal => x !== undefined);
    const orderDate = date(orderDateOrShipped, fields, 'orderDate');
    if (!orderDate) throw new MappingError('orderDate', 'order date is empty');
    return {
      number: n,
      orderDate,
      shipmentDate: date(shipped, fields, 'shipmentDate'),
      requestedDeliveryDate: date(requested, fields, 'requestedDeliveryDate'),
      currency: currency(fields) ?? cfg.currency ?? '',
      buyer: dropEmpty(buyer),
      amount: dec(amount, fields, 'amount'),
      tax: dec(tax, fields, 'taxAmount'),
      charges: chargeAmounts,
      paymentTerms: terms(fields),
    };
  };
}

/** Without an order date column the shipment date is the only date (a delivery export). */
const orderDate_ =
  (orderDate: Reader, shipped: Reader): Reader =>
  (f) =>
    orderDate(f) ?? shipped(f);

/** Builds a row → order line reader; net = line amount, else quantity × price × (1 − discount). */
export function lineReader(table: Table, cols: LineColumns, cfg: OrdersCsvConfig) {
  const r = (ref: keyof LineColumns) => table.column(cols[ref], `columns.${ref}`);
  const lineId = r('lineId'),
    itemId = r('itemId'),
    description = r('description');
  const quantity = r('quantity'),
    unitPrice = r('unitPrice'),
    discount = r('discount'),
    lineAmount = r('lineAmount');
  const dec = (read: Reader, fields: string[], field: string) => {
    const v = read(fields);
    return v === undefined ? undefined : parseDecimal(v, cfg, field);
  };
  return (fields: string[], ordinal: number): OrderDraftLine => {
    const q = dec(quantity, fields, 'quantity');
    const p = dec(unitPrice, fields, 'unitPrice');
    const disc = dec(discount, fields, 'discount');
    const stated = dec(lineAmount, fields, 'lineAmount');
    let net = stated;
    if (!net) {
      if (!q || !p) throw new MappingError('lineAmount', 'neither a line amount nor quantity and unit price');
      net = q.times(p);
      if (disc && !disc.isZero())
        net = net.times(
          disc
            .dividedBy(cfg.discountIsPercent ? 100 : 1)
            .negated()
            .plus(1),
        );
    }
    return dropEmpty({
      id: lineId(fields) ?? String(ordinal + 1),
      description: description(fields),
      quantity: q,
      unitPrice: p,
      netAmount: net,
      itemId: itemId(fields),
    }) as OrderDraftLine;
  };
}

function dropEmpty<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
