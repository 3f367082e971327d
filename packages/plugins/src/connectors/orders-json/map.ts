import type { Decimal } from '@hexiao/dsl';
import type { ParseOutput, Party, Position } from '@hexiao/plugins/sdk';
import { finishOrder, MappingError, type OrderDraftLine } from '../xml-dom/index.ts';
import { parseDate, parseDecimal } from '../orders-csv/values.ts';
import type { OrdersJsonConfig } from './config.ts';
import { getPath, scalarText } from './json-path.ts';

/** Maps one JSON order object by the configured paths to an OrderRecord (or a rejection). */
export function mapJsonOrder(order: unknown, position: Position, cfg: OrdersJsonConfig): ParseOutput {
  if (order === null || typeof order !== 'object' || Array.isArray(order))
    throw new MappingError('order', 'an order must be a JSON object');
  const f = cfg.fields;
  const text = (obj: unknown, path: string | undefined, field: string) => scalarText(getPath(obj, path), field);
  const dec = (obj: unknown, path: string | undefined, field: string): Decimal | undefined => {
    const t = text(obj, path, field);
    return t === undefined ? undefined : parseDecimal(t, cfg, field);
  };
  const date = (path: string | undefined, field: string) => {
    const t = text(order, path, field);
    return t === undefined ? undefined : parseDate(t, cfg.dateFormat ?? 'YYYY-MM-DD', field);
  };
  const number = text(order, f.orderNumber, 'orderNumber');
  if (!number) throw new MappingError('orderNumber', `no order number at "${f.orderNumber}"`);
  const orderDate = date(f.orderDate, 'orderDate');
  if (!orderDate) throw new MappingError('orderDate', `no order date at "${f.orderDate}"`);
  const currency = text(order, f.currency, 'currency') ?? cfg.currency;
  if (!currency) throw new MappingError('currency', 'no currency (set config.currency or fields.currency)');

  const rawLines = f.lines === undefined ? [] : getPath(order, f.lines);
  if (rawLines !== undefined && !Array.isArray(rawLines))
    throw new MappingError('lines', `"${f.lines}" is not an array`);
  const lf = cfg.lineFields ?? {};
  const lines = (rawLines ?? []).map((l: unknown, i: number): OrderDraftLine => {
    const field = `lines[${i}]`;
    const q = dec(l, lf.quantity, `${field}.quantity`);
    const p = dec(l, lf.unitPrice, `${field}.unitPrice`);
    const disc = dec(l, lf.discount, `${field}.discount`);
    let net = dec(l, lf.lineAmount, `${field}.netAmount`);
    if (!net) {
      if (!q || !p) throw new MappingError(`${field}.netAmount`, 'neither a line amount nor quantity and unit price');
      net = q.times(p);
      if (disc && !disc.isZero())
        net = net.times(
          disc
            .dividedBy(cfg.discountIsPercent ? 100 : 1)
            .negated()
            .plus(1),
        );
    }
    return clean({
      id: text(l, lf.lineId, `${field}.id`) ?? String(i + 1),
      description: text(l, lf.description, `${field}.description`),
      quantity: q,
      unitPrice: p,
      netAmount: net,
      itemId: text(l, lf.itemId, `${field}.itemId`),
    });
  });
  const amount = dec(order, f.amount, 'amount');
  if (!amount && lines.length === 0) throw new MappingError('amount', 'neither an amount nor lines');
  const tax = dec(order, f.taxAmount, 'taxAmount');
  const customerId = text(order, f.customerId, 'customerId');
  const buyer: Party = clean({
    name: text(order, f.customerName, 'customerName'),
    taxId: text(order, f.customerTaxId, 'customerTaxId'),
    ids: customerId ? [customerId] : undefined,
  });
  return finishOrder({
    orderKind: cfg.orderKind ?? 'order',
    number,
    orderDate,
    shipmentDate: date(f.shipmentDate, 'shipmentDate'),
    requestedDeliveryDate: date(f.requestedDeliveryDate, 'requestedDeliveryDate'),
    currency,
    buyer,
    lines,
    totals: { ...(amount ? (cfg.amountIncludesTax ? { taxInclusive: amount } : { taxExclusive: amount }) : {}), tax },
    paymentTerms: text(order, f.paymentTerms, 'paymentTerms'),
    position,
  });
}

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
