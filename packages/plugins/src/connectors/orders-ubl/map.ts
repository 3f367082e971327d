import type { ParseOutput, Position } from '@hexiao/plugins/sdk';
import {
  finishOrder,
  isoDateOf,
  parseAmount,
  required,
  xmlQuery,
  type OrderDraftLine,
  type XmlElement,
} from '../xml-dom/index.ts';
import { ublNamespaces } from '../ubl/namespaces.ts';
import { mapUblParty } from '../ubl/party.ts';

export const UBL_ORDER_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Order-2';

const q = xmlQuery(ublNamespaces);
const amount = (el: XmlElement | undefined, path: string, field: string) => {
  const t = q.text(el, path);
  return t === undefined ? undefined : parseAmount(t, field);
};

/** Maps one UBL 2.1 Order (OASIS, Peppol BIS Ordering 3) to an OrderRecord (an estimated receivable). */
export function mapUblOrder(doc: XmlElement, position: Position): ParseOutput {
  const number = required(q.text(doc, 'cbc:ID'), 'number', 'cbc:ID (order number)');
  const total = q.one(doc, 'cac:AnticipatedMonetaryTotal');
  const delivery = q.one(doc, 'cac:Delivery');
  const period = q.one(delivery, 'cac:RequestedDeliveryPeriod');
  const acs = q.all(doc, 'cac:AllowanceCharge').map((a, i) => ({
    charge: q.text(a, 'cbc:ChargeIndicator')?.toLowerCase() === 'true',
    amount: required(amount(a, 'cbc:Amount', `allowancesCharges[${i}].amount`), `allowancesCharges[${i}].amount`),
  }));
  const terms = q.texts(doc, 'cac:PaymentTerms/cbc:Note');
  return finishOrder({
    number,
    orderDate: required(isoDateOf(q.text(doc, 'cbc:IssueDate'), 'orderDate'), 'orderDate', 'cbc:IssueDate'),
    requestedDeliveryDate: isoDateOf(
      q.text(period, 'cbc:StartDate') ?? q.text(period, 'cbc:EndDate'),
      'requestedDeliveryDate',
    ),
    shipmentDate: isoDateOf(q.text(delivery, 'cbc:ActualDeliveryDate'), 'shipmentDate'),
    currency: required(q.text(doc, 'cbc:DocumentCurrencyCode'), 'currency', 'cbc:DocumentCurrencyCode'),
    buyer: mapUblParty(q.one(doc, 'cac:BuyerCustomerParty/cac:Party')),
    seller: q.one(doc, 'cac:SellerSupplierParty/cac:Party')
      ? mapUblParty(q.one(doc, 'cac:SellerSupplierParty/cac:Party'))
      : undefined,
    lines: q.all(doc, 'cac:OrderLine/cac:LineItem').map(mapLine),
    allowances: acs.filter((a) => !a.charge).map((a) => a.amount),
    charges: acs.filter((a) => a.charge).map((a) => a.amount),
    totals: {
      lineTotal: amount(total, 'cbc:LineExtensionAmount', 'totals.lineTotal'),
      allowanceTotal: amount(total, 'cbc:AllowanceTotalAmount', 'totals.allowanceTotal'),
      chargeTotal: amount(total, 'cbc:ChargeTotalAmount', 'totals.chargeTotal'),
      taxExclusive: amount(total, 'cbc:TaxExclusiveAmount', 'totals.taxExclusive'),
      tax: amount(doc, 'cac:TaxTotal/cbc:TaxAmount', 'totals.tax'),
      taxInclusive: amount(total, 'cbc:TaxInclusiveAmount', 'totals.taxInclusive'),
      prepaid: amount(total, 'cbc:PrepaidAmount', 'totals.prepaid'),
      rounding: amount(total, 'cbc:PayableRoundingAmount', 'totals.rounding'),
      payable: amount(total, 'cbc:PayableAmount', 'totals.payable'),
    },
    paymentTerms: terms.length ? terms.join('\n') : undefined,
    contractReference: q.text(doc, 'cac:Contract/cbc:ID') ?? q.text(doc, 'cac:ContractDocumentReference/cbc:ID'),
    note: q.texts(doc, 'cbc:Note'),
    position,
  });
}

function mapLine(item: XmlElement, i: number): OrderDraftLine {
  const field = `lines[${i}]`;
  const qty = q.one(item, 'cbc:Quantity');
  const quantity = qty?.text.trim() ? parseAmount(qty.text, `${field}.quantity`) : undefined;
  const unitPrice = amount(item, 'cac:Price/cbc:PriceAmount', `${field}.unitPrice`);
  const base = amount(item, 'cac:Price/cbc:BaseQuantity', `${field}.baseQuantity`);
  const stated = amount(item, 'cbc:LineExtensionAmount', `${field}.netAmount`);
  const computed =
    quantity && unitPrice ? quantity.times(unitPrice).dividedBy(base && !base.isZero() ? base : 1) : undefined;
  return {
    id: required(q.text(item, 'cbc:ID'), `${field}.id`),
    description: q.text(item, 'cac:Item/cbc:Name') ?? q.text(item, 'cac:Item/cbc:Description'),
    quantity,
    unitCode: qty?.attrs.unitCode?.trim() || undefined,
    unitPrice,
    netAmount: required(stated ?? computed, `${field}.netAmount`, `${field} LineExtensionAmount (or quantity × price)`),
    itemId:
      q.text(item, 'cac:Item/cac:SellersItemIdentification/cbc:ID') ??
      q.text(item, 'cac:Item/cac:StandardItemIdentification/cbc:ID'),
  };
}
