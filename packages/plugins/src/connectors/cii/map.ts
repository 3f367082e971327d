import type { ParseOutput, Position } from '@hexiao/plugins/sdk';
import {
  date102,
  finishInvoice,
  parseAmount,
  required,
  xmlQuery,
  type DraftAllowanceCharge,
  type DraftLine,
  type DraftTax,
  type FinishOptions,
  type InvoiceDraft,
  type XmlElement,
} from '../xml-dom/index.ts';
import { ciiNamespaces } from './namespaces.ts';
import { ciiAccountMapper, ciiPartyMapper } from './party.ts';

const q = xmlQuery(ciiNamespaces);
const notSummed = new Set(['DETAIL', 'INFORMATION']);
const mapParty = ciiPartyMapper(ciiNamespaces);
const mapAccount = ciiAccountMapper(ciiNamespaces);

const amount = (el: XmlElement | undefined, path: string, field: string) => {
  const t = q.text(el, path);
  return t === undefined ? undefined : parseAmount(t, field);
};
const dateAt = (el: XmlElement | undefined, path: string, field: string) =>
  date102(q.text(el, `${path}/udt:DateTimeString`) ?? q.text(el, `${path}/qdt:DateTimeString`), field);

/** Maps one rsm:CrossIndustryInvoice (Factur-X / ZUGFeRD any profile, XRechnung CII) to an InvoiceRecord. */
export function mapCiiInvoice(root: XmlElement, position: Position, opts: FinishOptions = {}): ParseOutput {
  const doc = q.one(root, 'rsm:ExchangedDocument');
  const tx = q.one(root, 'rsm:SupplyChainTradeTransaction');
  const agreement = q.one(tx, 'ram:ApplicableHeaderTradeAgreement');
  const settlement = q.one(tx, 'ram:ApplicableHeaderTradeSettlement');
  const sum = q.one(settlement, 'ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  const number = required(q.text(doc, 'ram:ID'), 'number', 'rsm:ExchangedDocument/ram:ID (invoice number)');
  const currency = required(q.text(settlement, 'ram:InvoiceCurrencyCode'), 'currency', 'ram:InvoiceCurrencyCode');
  const taxCurrency = q.text(settlement, 'ram:TaxCurrencyCode');

  const taxTotals = q.all(sum, 'ram:TaxTotalAmount');
  const mainTax = taxTotals.find((t) => (t.attrs.currencyID?.trim() ?? currency) === currency);
  const otherTax =
    taxCurrency && taxCurrency !== currency
      ? taxTotals.find((t) => t.attrs.currencyID?.trim() === taxCurrency)
      : undefined;
  // EXTENDED profile: DETAIL and INFORMATION sub-lines are already contained in their parent line.
  const lineEls = q
    .all(tx, 'ram:IncludedSupplyChainTradeLineItem')
    .filter(
      (l) =>
        !notSummed.has(q.text(l, 'ram:AssociatedDocumentLineDocument/ram:LineStatusReasonCode')?.toUpperCase() ?? ''),
    );
  const means = q.all(settlement, 'ram:SpecifiedTradeSettlementPaymentMeans');
  const accounts = means.map(mapAccount).filter((a) => a !== undefined);
  const terms = q.all(settlement, 'ram:SpecifiedTradePaymentTerms');
  const termsText = terms.flatMap((t) => q.texts(t, 'ram:Description'));
  const taxes = q.all(settlement, 'ram:ApplicableTradeTax');
  const payee = q.one(settlement, 'ram:PayeeTradeParty');
  const lineOrder = lineEls
    .map((l) => q.text(l, 'ram:SpecifiedLineTradeAgreement/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID'))
    .find(Boolean);

  const draft: InvoiceDraft = {
    typeCode: q.text(doc, 'ram:TypeCode') ?? '380',
    number,
    issueDate: required(dateAt(doc, 'ram:IssueDateTime', 'issueDate'), 'issueDate', 'ram:IssueDateTime'),
    dueDate: terms.map((t) => dateAt(t, 'ram:DueDateDateTime', 'dueDate')).find(Boolean),
    taxPointDate: taxes.map((t) => date102(q.text(t, 'ram:TaxPointDate/udt:DateString'), 'taxPointDate')).find(Boolean),
    currency,
    taxCurrency,
    taxTotalInTaxCurrency: otherTax ? parseAmount(otherTax.text, 'taxTotalInTaxCurrency') : undefined,
    seller: mapParty(q.one(agreement, 'ram:SellerTradeParty')),
    buyer: mapParty(q.one(agreement, 'ram:BuyerTradeParty')),
    payee: payee ? mapParty(payee) : undefined,
    lines: lineEls.map((l, i) => mapLine(l, i)),
    allowancesCharges: [
      ...q
        .all(settlement, 'ram:SpecifiedTradeAllowanceCharge')
        .map((a, i) => mapAllowanceCharge(a, `allowancesCharges[${i}]`)),
      // ZUGFeRD/Factur-X EXTENDED: freight, packing… are charges, counted in ChargeTotalAmount
      ...q
        .all(settlement, 'ram:SpecifiedLogisticsServiceCharge')
        .map((a, i) => mapLogisticsCharge(a, `logisticsServiceCharges[${i}]`)),
    ],
    taxes: taxes.map((t, i) => mapTax(t, `taxes[${i}]`)),
    totals: {
      lineTotal: amount(sum, 'ram:LineTotalAmount', 'totals.lineTotal'),
      allowanceTotal: amount(sum, 'ram:AllowanceTotalAmount', 'totals.allowanceTotal'),
      chargeTotal: amount(sum, 'ram:ChargeTotalAmount', 'totals.chargeTotal'),
      taxExclusive: amount(sum, 'ram:TaxBasisTotalAmount', 'totals.taxExclusive'),
      tax: mainTax ? parseAmount(mainTax.text, 'totals.tax') : undefined,
      taxInclusive: amount(sum, 'ram:GrandTotalAmount', 'totals.taxInclusive'),
      prepaid: amount(sum, 'ram:TotalPrepaidAmount', 'totals.prepaid'),
      rounding: amount(sum, 'ram:RoundingAmount', 'totals.rounding'),
      payable: required(
        amount(sum, 'ram:DuePayableAmount', 'totals.payable'),
        'totals.payable',
        'ram:DuePayableAmount',
      ),
    },
    paymentTerms: termsText.length ? termsText.join('\n') : undefined,
    paymentMeans:
      means.length || q.text(settlement, 'ram:PaymentReference')
        ? {
            code: q.text(means[0], 'ram:TypeCode'),
            paymentId: q.text(settlement, 'ram:PaymentReference'),
            accounts: accounts.length ? accounts : undefined,
          }
        : undefined,
    orderReference: q.text(agreement, 'ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID') ?? lineOrder,
    salesOrderReference: q.text(agreement, 'ram:SellerOrderReferencedDocument/ram:IssuerAssignedID'),
    contractReference: q.text(agreement, 'ram:ContractReferencedDocument/ram:IssuerAssignedID'),
    buyerReference: q.text(agreement, 'ram:BuyerReference'),
    projectReference: q.text(agreement, 'ram:SpecifiedProcuringProject/ram:ID'),
    precedingInvoices: q.all(settlement, 'ram:InvoiceReferencedDocument').flatMap((r, i) => {
      const n = q.text(r, 'ram:IssuerAssignedID');
      return n
        ? [{ number: n, issueDate: dateAt(r, 'ram:FormattedIssueDateTime', `precedingInvoices[${i}].issueDate`) }]
        : [];
    }),
    note: q.texts(doc, 'ram:IncludedNote/ram:Content'),
    position,
  };
  return finishInvoice(draft, opts);
}

function mapLine(l: XmlElement, i: number): DraftLine {
  const field = `lines[${i}]`;
  const qty = q.one(l, 'ram:SpecifiedLineTradeDelivery/ram:BilledQuantity');
  const settle = q.one(l, 'ram:SpecifiedLineTradeSettlement');
  const tax = q.one(settle, 'ram:ApplicableTradeTax');
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
      amount(settle, 'ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount', `${field}.netAmount`),
      `${field}.netAmount`,
    ),
    taxCategory: q.text(tax, 'ram:CategoryCode'),
    taxRate: amount(tax, 'ram:RateApplicablePercent', `${field}.taxRate`),
    orderLineReference: q.text(l, 'ram:SpecifiedLineTradeAgreement/ram:BuyerOrderReferencedDocument/ram:LineID'),
  };
}

function mapAllowanceCharge(a: XmlElement, field: string): DraftAllowanceCharge {
  const indicator = required(q.text(a, 'ram:ChargeIndicator/udt:Indicator'), `${field}.charge`, 'ram:ChargeIndicator');
  return {
    charge: indicator.toLowerCase() === 'true',
    amount: required(amount(a, 'ram:ActualAmount', `${field}.amount`), `${field}.amount`),
    reason: q.text(a, 'ram:Reason'),
    reasonCode: q.text(a, 'ram:ReasonCode'),
    taxCategory: q.text(a, 'ram:CategoryTradeTax/ram:CategoryCode'),
    taxRate: amount(a, 'ram:CategoryTradeTax/ram:RateApplicablePercent', `${field}.taxRate`),
  };
}

function mapLogisticsCharge(a: XmlElement, field: string): DraftAllowanceCharge {
  return {
    charge: true,
    amount: required(amount(a, 'ram:AppliedAmount', `${field}.amount`), `${field}.amount`, 'ram:AppliedAmount'),
    reason: q.text(a, 'ram:Description'),
    taxCategory: q.text(a, 'ram:AppliedTradeTax/ram:CategoryCode'),
    taxRate: amount(a, 'ram:AppliedTradeTax/ram:RateApplicablePercent', `${field}.taxRate`),
  };
}

function mapTax(t: XmlElement, field: string): DraftTax {
  return {
    category: q.text(t, 'ram:CategoryCode'),
    rate: amount(t, 'ram:RateApplicablePercent', `${field}.rate`),
    taxableAmount: required(amount(t, 'ram:BasisAmount', `${field}.taxableAmount`), `${field}.taxableAmount`),
    taxAmount: required(amount(t, 'ram:CalculatedAmount', `${field}.taxAmount`), `${field}.taxAmount`),
    exemptionReason: q.text(t, 'ram:ExemptionReason'),
  };
}
