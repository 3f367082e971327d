import type { ParseOutput, Position } from '@hexiao/plugins/sdk';
import {
  date102,
  finishOrder,
  MappingError,
  parseAmount,
  required,
  xmlQuery,
  type OrderDraftLine,
  type XmlElement,
} from '../xml-dom/index.ts';
import { ciiPartyMapper } from '../cii/party.ts';
import { orderxNamespaces, ramVersions } from './namespaces.ts';

const dialects = ramVersions.map((v) => {
  const ns = orderxNamespaces(v);
  return { ram: ns.ram, q: xmlQuery(ns), mapParty: ciiPartyMapper(ns) };
});

/** Maps one Order-X (CII order) message to an OrderRecord. */
export function mapOrderX(root: XmlElement, position: Position): ParseOutput {
  const header = root.children.find((c) => c.local === 'ExchangedDocument');
  const ramNs = header?.children[0]?.ns;
  const dialect = dialects.find((d) => d.ram === ramNs);
  if (!dialect)
    throw new MappingError(
      'root',
      `rsm:ExchangedDocument is missing or uses an unknown RAM namespace (${ramNs ?? 'none'})`,
    );
  const { q, mapParty } = dialect;
  const amount = (el: XmlElement | undefined, path: string, field: string) => {
    const t = q.text(el, path);
    return t === undefined ? undefined : parseAmount(t, field);
  };
  const dateAt = (el: XmlElement | undefined, path: string, field: string) =>
    date102(q.text(el, `${path}/udt:DateTimeString`) ?? q.text(el, `${path}/qdt:DateTimeString`), field);

  const doc = q.one(root, 'rsm:ExchangedDocument');
  const tx = q.one(root, 'rsm:SupplyChainTradeTransaction');
  const agreement = q.one(tx, 'ram:ApplicableHeaderTradeAgreement');
  const delivery = q.one(tx, 'ram:ApplicableHeaderTradeDelivery');
  const settlement = q.one(tx, 'ram:ApplicableHeaderTradeSettlement');
  const sum = q.one(settlement, 'ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  const requested = q.one(delivery, 'ram:RequestedDeliverySupplyChainEvent');
  const acs = q.all(settlement, 'ram:SpecifiedTradeAllowanceCharge').map((a, i) => ({
    charge: q.text(a, 'ram:ChargeIndicator/udt:Indicator')?.toLowerCase() === 'true',
    amount: required(amount(a, 'ram:ActualAmount', `allowancesCharges[${i}].amount`), `allowancesCharges[${i}].amount`),
  }));
  const terms = q.texts(settlement, 'ram:SpecifiedTradePaymentTerms/ram:Description');

  const lines = q.all(tx, 'ram:IncludedSupplyChainTradeLineItem').map((l, i): OrderDraftLine => {
    const field = `lines[${i}]`;
    const qty =
      q.one(l, 'ram:SpecifiedLineTradeDelivery/ram:RequestedQuantity') ??
      q.one(l, 'ram:SpecifiedLineTradeDelivery/ram:AgreedQuantity');
    return {
      id: required(q.text(l, 'ram:AssociatedDocumentLineDocument/ram:LineID'), `${field}.id`),
      description:
        q.text(l, 'ram:SpecifiedTradeProduct/ram:Name') ?? q.text(l, 'ram:SpecifiedTradeProduct/ram:Description'),
      quantity: qty?.text.trim() ? parseAmount(qty.text, `${field}.quantity`) : undefined,
      unitCode: qty?.attrs.unitCode?.trim() || undefined,
      unitPrice: amount(
        l,
        'ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount',
        `${field}.unitPrice`,
      ),
      netAmount: required(
        amount(
          l,
          'ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount',
          `${field}.netAmount`,
        ),
        `${field}.netAmount`,
      ),
      itemId:
        q.text(l, 'ram:SpecifiedTradeProduct/ram:SellerAssignedID') ??
        q.text(l, 'ram:SpecifiedTradeProduct/ram:GlobalID'),
    };
  });

  return finishOrder({
    number: required(q.text(doc, 'ram:ID'), 'number', 'rsm:ExchangedDocument/ram:ID (order number)'),
    orderDate: required(dateAt(doc, 'ram:IssueDateTime', 'orderDate'), 'orderDate', 'ram:IssueDateTime'),
    requestedDeliveryDate:
      dateAt(requested, 'ram:OccurrenceDateTime', 'requestedDeliveryDate') ??
      dateAt(requested, 'ram:OccurrenceSpecifiedPeriod/ram:StartDateTime', 'requestedDeliveryDate'),
    currency: required(
      q.text(settlement, 'ram:OrderCurrencyCode') ?? q.text(settlement, 'ram:InvoiceCurrencyCode'),
      'currency',
      'ram:OrderCurrencyCode',
    ),
    buyer: mapParty(q.one(agreement, 'ram:BuyerTradeParty')),
    seller: q.one(agreement, 'ram:SellerTradeParty') ? mapParty(q.one(agreement, 'ram:SellerTradeParty')) : undefined,
    lines,
    allowances: acs.filter((a) => !a.charge).map((a) => a.amount),
    charges: acs.filter((a) => a.charge).map((a) => a.amount),
    totals: {
      lineTotal: amount(sum, 'ram:LineTotalAmount', 'totals.lineTotal'),
      allowanceTotal: amount(sum, 'ram:AllowanceTotalAmount', 'totals.allowanceTotal'),
      chargeTotal: amount(sum, 'ram:ChargeTotalAmount', 'totals.chargeTotal'),
      taxExclusive: amount(sum, 'ram:TaxBasisTotalAmount', 'totals.taxExclusive'),
      tax: amount(sum, 'ram:TaxTotalAmount', 'totals.tax'),
      taxInclusive: amount(sum, 'ram:GrandTotalAmount', 'totals.taxInclusive'),
    },
    paymentTerms: terms.length ? terms.join('\n') : undefined,
    contractReference: q.text(agreement, 'ram:ContractReferencedDocument/ram:IssuerAssignedID'),
    note: q.texts(doc, 'ram:IncludedNote/ram:Content'),
    position,
  });
}
