import type { ParseOutput, Position } from '@hexiao/plugins/sdk';
import {
  finishInvoice,
  isoDateOf,
  MappingError,
  parseAmount,
  required,
  xmlQuery,
  type DraftAllowanceCharge,
  type DraftLine,
  type DraftTax,
  type FinishOptions,
  type InvoiceDraft,
  type XmlElement,
  Decimal,
} from '../xml-dom/index.ts';
import { UBL_CREDIT_NOTE_NS, ublNamespaces } from './namespaces.ts';
import { mapUblAccount, mapUblParty } from './party.ts';

const q = xmlQuery(ublNamespaces);

const amount = (el: XmlElement | undefined, path: string, field: string) => {
  const t = q.text(el, path);
  return t === undefined ? undefined : parseAmount(t, field);
};

/** Maps one UBL Invoice or CreditNote element to an InvoiceRecord, or a rejection naming the field. */
export function mapUblInvoice(doc: XmlElement, position: Position, opts: FinishOptions = {}): ParseOutput {
  const credit = doc.ns === UBL_CREDIT_NOTE_NS;
  const version = q.text(doc, 'cbc:UBLVersionID');
  if (version !== undefined && !/^2\.\d+$/.test(version))
    throw new MappingError('UBLVersionID', `UBL version ${version} is not read (2.x is)`);
  const number = required(q.text(doc, 'cbc:ID'), 'number', 'cbc:ID (invoice number)');
  const typeCode = q.text(doc, credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode') ?? (credit ? '381' : '380');
  const currency = required(q.text(doc, 'cbc:DocumentCurrencyCode'), 'currency', 'cbc:DocumentCurrencyCode');
  const taxCurrency = q.text(doc, 'cbc:TaxCurrencyCode');

  const taxTotals = q.all(doc, 'cac:TaxTotal');
  const currencyOf = (tt: XmlElement) => q.attr(tt, 'cbc:TaxAmount', 'currencyID') ?? currency;
  const mainTax = taxTotals.find((tt) => currencyOf(tt) === currency);
  const otherTax =
    taxCurrency && taxCurrency !== currency ? taxTotals.find((tt) => currencyOf(tt) === taxCurrency) : undefined;

  const means = q.all(doc, 'cac:PaymentMeans');
  const accounts = means
    .flatMap((m) => q.all(m, 'cac:PayeeFinancialAccount'))
    .map(mapUblAccount)
    .filter((a) => a !== undefined);
  const total = q.one(doc, 'cac:LegalMonetaryTotal');
  const lineEls = q.all(doc, credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine');
  const terms = q.texts(doc, 'cac:PaymentTerms/cbc:Note');

  const draft: InvoiceDraft = {
    typeCode,
    number,
    issueDate: required(isoDateOf(q.text(doc, 'cbc:IssueDate'), 'issueDate'), 'issueDate', 'cbc:IssueDate'),
    dueDate: isoDateOf(
      q.text(doc, 'cbc:DueDate') ?? means.map((m) => q.text(m, 'cbc:PaymentDueDate')).find(Boolean),
      'dueDate',
    ),
    taxPointDate: isoDateOf(q.text(doc, 'cbc:TaxPointDate'), 'taxPointDate'),
    currency,
    taxCurrency,
    taxTotalInTaxCurrency: otherTax ? amount(otherTax, 'cbc:TaxAmount', 'taxTotalInTaxCurrency') : undefined,
    seller: mapUblParty(q.one(doc, 'cac:AccountingSupplierParty/cac:Party')),
    buyer: mapUblParty(q.one(doc, 'cac:AccountingCustomerParty/cac:Party')),
    payee: q.one(doc, 'cac:PayeeParty') ? mapUblParty(q.one(doc, 'cac:PayeeParty')) : undefined,
    lines: lineEls.map((l, i) => mapLine(l, i, credit)),
    allowancesCharges: q
      .all(doc, 'cac:AllowanceCharge')
      .map((a, i) => mapAllowanceCharge(a, `allowancesCharges[${i}]`)),
    taxes: q.all(mainTax, 'cac:TaxSubtotal').map((s, i) => mapTax(s, `taxes[${i}]`)),
    totals: {
      lineTotal: amount(total, 'cbc:LineExtensionAmount', 'totals.lineTotal'),
      allowanceTotal: amount(total, 'cbc:AllowanceTotalAmount', 'totals.allowanceTotal'),
      chargeTotal: amount(total, 'cbc:ChargeTotalAmount', 'totals.chargeTotal'),
      taxExclusive: amount(total, 'cbc:TaxExclusiveAmount', 'totals.taxExclusive'),
      tax: mainTax ? amount(mainTax, 'cbc:TaxAmount', 'totals.tax') : undefined,
      taxInclusive: amount(total, 'cbc:TaxInclusiveAmount', 'totals.taxInclusive'),
      prepaid: amount(total, 'cbc:PrepaidAmount', 'totals.prepaid'),
      rounding: amount(total, 'cbc:PayableRoundingAmount', 'totals.rounding'),
      payable: required(amount(total, 'cbc:PayableAmount', 'totals.payable'), 'totals.payable', 'cbc:PayableAmount'),
    },
    paymentTerms: terms.length ? terms.join('\n') : undefined,
    paymentMeans: means.length
      ? {
          code: q.text(means[0], 'cbc:PaymentMeansCode'),
          paymentId: means.map((m) => q.text(m, 'cbc:PaymentID')).find(Boolean),
          accounts: accounts.length ? accounts : undefined,
        }
      : undefined,
    orderReference: q.text(doc, 'cac:OrderReference/cbc:ID'),
    salesOrderReference: q.text(doc, 'cac:OrderReference/cbc:SalesOrderID'),
    contractReference: q.text(doc, 'cac:ContractDocumentReference/cbc:ID'),
    buyerReference: q.text(doc, 'cbc:BuyerReference'),
    projectReference: q.text(doc, 'cac:ProjectReference/cbc:ID'),
    precedingInvoices: q.all(doc, 'cac:BillingReference/cac:InvoiceDocumentReference').flatMap((r, i) => {
      const n = q.text(r, 'cbc:ID');
      return n
        ? [{ number: n, issueDate: isoDateOf(q.text(r, 'cbc:IssueDate'), `precedingInvoices[${i}].issueDate`) }]
        : [];
    }),
    note: q.texts(doc, 'cbc:Note'),
    position,
  };
  return finishInvoice(draft, opts);
}

function mapLine(l: XmlElement, i: number, credit: boolean): DraftLine {
  const field = `lines[${i}]`;
  const qty = q.one(l, credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity');
  return {
    id: required(q.text(l, 'cbc:ID'), `${field}.id`),
    description: q.text(l, 'cac:Item/cbc:Name') ?? q.text(l, 'cac:Item/cbc:Description'),
    quantity: qty?.text.trim() ? parseAmount(qty.text, `${field}.quantity`) : undefined,
    unitCode: qty?.attrs.unitCode?.trim() || undefined,
    unitPrice: amount(l, 'cac:Price/cbc:PriceAmount', `${field}.unitPrice`),
    netAmount: required(amount(l, 'cbc:LineExtensionAmount', `${field}.netAmount`), `${field}.netAmount`),
    taxCategory: q.text(l, 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID'),
    taxRate: amount(l, 'cac:Item/cac:ClassifiedTaxCategory/cbc:Percent', `${field}.taxRate`),
    orderLineReference: q.text(l, 'cac:OrderLineReference/cbc:LineID'),
  };
}

function mapAllowanceCharge(a: XmlElement, field: string): DraftAllowanceCharge {
  const indicator = required(q.text(a, 'cbc:ChargeIndicator'), `${field}.charge`, 'cbc:ChargeIndicator');
  return {
    charge: indicator.toLowerCase() === 'true',
    amount: required(amount(a, 'cbc:Amount', `${field}.amount`), `${field}.amount`),
    reason: q.text(a, 'cbc:AllowanceChargeReason'),
    reasonCode: q.text(a, 'cbc:AllowanceChargeReasonCode'),
    taxCategory: q.text(a, 'cac:TaxCategory/cbc:ID'),
    taxRate: amount(a, 'cac:TaxCategory/cbc:Percent', `${field}.taxRate`),
  };
}

function mapTax(s: XmlElement, field: string): DraftTax {
  return {
    category: q.text(s, 'cac:TaxCategory/cbc:ID'),
    rate: amount(s, 'cac:TaxCategory/cbc:Percent', `${field}.rate`),
    taxableAmount: amount(s, 'cbc:TaxableAmount', `${field}.taxableAmount`) ?? new Decimal(0),
    taxAmount: required(amount(s, 'cbc:TaxAmount', `${field}.taxAmount`), `${field}.taxAmount`),
    exemptionReason: q.text(s, 'cac:TaxCategory/cbc:TaxExemptionReason'),
  };
}
