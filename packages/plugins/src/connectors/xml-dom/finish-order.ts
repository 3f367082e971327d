import { Decimal } from '@hexiao/dsl';
import type { OrderLine, OrderRecord, Party, Position, Rejection } from '@hexiao/plugins/sdk';
import { decimalString } from './amount.ts';
import { isKnownCurrency } from './currency.ts';
import { dropUndefined, partyKey } from './finish-invoice.ts';

export type OrderDraftLine = Omit<OrderLine, 'netAmount' | 'quantity' | 'unitPrice'> & {
  netAmount: Decimal;
  quantity?: Decimal;
  unitPrice?: Decimal;
};

/** An order as read from a file, amounts as Decimals; totals only where the document states them. */
export interface OrderDraft {
  orderKind?: OrderRecord['orderKind'];
  number: string;
  orderDate: string;
  shipmentDate?: string;
  requestedDeliveryDate?: string;
  currency: string;
  buyer: Party;
  seller?: Party;
  lines: OrderDraftLine[];
  allowances?: Decimal[];
  charges?: Decimal[];
  totals?: {
    lineTotal?: Decimal;
    allowanceTotal?: Decimal;
    chargeTotal?: Decimal;
    taxExclusive?: Decimal;
    tax?: Decimal;
    taxInclusive?: Decimal;
    prepaid?: Decimal;
    rounding?: Decimal;
    payable?: Decimal;
  };
  paymentTerms?: string;
  contractReference?: string;
  note?: string[];
  position: Position;
}

const zero = new Decimal(0);
const sum = (xs: Decimal[] = []) => xs.reduce((a, b) => a.plus(b), zero);
const fmt = decimalString;

/**
 * Checks what an order states (Σ lines = line total; line total − allowances + charges = tax exclusive;
 * exclusive + tax = inclusive; inclusive − prepaid + rounding = payable) and builds the OrderRecord. The
 * booked total is the tax-inclusive amount when stated, else the payable (anticipated) total, else the tax
 * exclusive amount, else the line total − allowances + charges. A buyer without any id gives an empty buyer
 * part in the sourceKey (a lines-only export): the pipeline resolves or rejects it by its config.
 */
export function finishOrder(d: OrderDraft): OrderRecord | Rejection {
  const reject = (field: string, reason: string): Rejection => ({
    rejected: { position: d.position, field, reason: `order ${d.number}: ${reason}` },
  });
  if (!isKnownCurrency(d.currency)) return reject('currency', `unknown currency "${d.currency}"`);
  const t = d.totals ?? {};
  const lineSum = sum(d.lines.map((l) => l.netAmount));
  if (t.lineTotal && d.lines.length > 0 && !lineSum.eq(t.lineTotal))
    return reject(
      'totals.lineTotal',
      `line net amounts add up to ${fmt(lineSum)}, the line total says ${fmt(t.lineTotal)}`,
    );
  const lineTotal = t.lineTotal ?? lineSum;
  const allowances = t.allowanceTotal ?? sum(d.allowances);
  const charges = t.chargeTotal ?? sum(d.charges);
  // Without lines or a line total there is nothing to add up: a stated amount is the total.
  const hasLineBasis = d.lines.length > 0 || t.lineTotal !== undefined;
  const exclusive = lineTotal.minus(allowances).plus(charges);
  if (hasLineBasis && t.taxExclusive && !t.taxExclusive.eq(exclusive))
    return reject(
      'totals.taxExclusive',
      `line total ${fmt(lineTotal)} − allowances ${fmt(allowances)} + charges ${fmt(charges)} = ${fmt(exclusive)}, the document says ${fmt(t.taxExclusive)}`,
    );
  const base = t.taxExclusive ?? (hasLineBasis ? exclusive : undefined);
  if (t.taxInclusive && base) {
    const inclusive = base.plus(t.tax ?? zero);
    if (!t.taxInclusive.eq(inclusive))
      return reject(
        'totals.taxInclusive',
        `tax exclusive ${fmt(base)} + tax ${fmt(t.tax ?? zero)} = ${fmt(inclusive)}, the document says ${fmt(t.taxInclusive)}`,
      );
  }
  if (t.taxInclusive && t.payable) {
    const payable = t.taxInclusive.minus(t.prepaid ?? zero).plus(t.rounding ?? zero);
    if (!t.payable.eq(payable))
      return reject(
        'totals.payable',
        `tax inclusive ${fmt(t.taxInclusive)} − prepaid ${fmt(t.prepaid ?? zero)} + rounding ${fmt(t.rounding ?? zero)} = ${fmt(payable)}, the payable amount says ${fmt(t.payable)}`,
      );
  }
  const total = t.taxInclusive ?? t.payable ?? t.taxExclusive ?? exclusive;
  if (total.isNegative()) return reject('totalAmount', `total ${fmt(total)} is negative`);
  const orderKind = d.orderKind ?? 'order';
  const buyerKey = partyKey(d.buyer);
  const record: OrderRecord = {
    type: 'order',
    orderKind,
    sourceKey: `${d.seller ? partyKey(d.seller) || 'self' : 'self'}|${buyerKey}|${d.number}|${orderKind}`,
    number: d.number,
    orderDate: d.orderDate,
    shipmentDate: d.shipmentDate,
    requestedDeliveryDate: d.requestedDeliveryDate,
    currency: d.currency,
    buyer: d.buyer,
    seller: d.seller,
    lines: d.lines.map((l) => ({
      ...l,
      netAmount: fmt(l.netAmount),
      quantity: l.quantity && fmt(l.quantity),
      unitPrice: l.unitPrice && fmt(l.unitPrice),
    })),
    totalAmount: fmt(total),
    taxAmount: t.tax && fmt(t.tax),
    paymentTerms: d.paymentTerms,
    contractReference: d.contractReference,
    note: d.note?.length ? d.note : undefined,
    position: d.position,
  };
  return dropUndefined(record);
}
