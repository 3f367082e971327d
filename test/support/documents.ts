/**
 * Generated business documents for the core tests, where no real sample of that kind may be copied into the
 * repository (test/fixtures/samples/README.md says which). Their figures add up like a real document's.
 */

const ns = {
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

export interface OrderLine {
  name: string;
  quantity: number;
  price: number;
}

/** A Peppol BIS Ordering 3 style UBL order; amounts are whole currency units plus a 25 % tax. */
export function ublOrder(
  o: { number?: string; date?: string; currency?: string; lines?: OrderLine[]; buyer?: string } = {},
): string {
  const currency = o.currency ?? 'EUR';
  const lines = o.lines ?? [
    { name: 'Brown sauce', quantity: 10, price: 4 },
    { name: 'White sauce', quantity: 5, price: 6 },
    { name: 'Pepper sauce', quantity: 15, price: 3 },
  ];
  const total = lines.reduce((a, l) => a + l.quantity * l.price, 0);
  const tax = total / 4;
  const amount = (v: number) => `<cbc:PayableAmount currencyID="${currency}">${v}</cbc:PayableAmount>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" xmlns:cac="${ns.cac}" xmlns:cbc="${ns.cbc}">
  <cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:order:3</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:poacc:bis:order_only:3</cbc:ProfileID>
  <cbc:ID>${o.number ?? 'PO-1'}</cbc:ID>
  <cbc:IssueDate>${o.date ?? '2025-03-03'}</cbc:IssueDate>
  <cbc:DocumentCurrencyCode>${currency}</cbc:DocumentCurrencyCode>
  <cac:BuyerCustomerParty><cac:Party>
    <cbc:EndpointID schemeID="0088">7300010000001</cbc:EndpointID>
    <cac:PartyIdentification><cbc:ID schemeID="0088">7300010000001</cbc:ID></cac:PartyIdentification>
    <cac:PartyName><cbc:Name>${o.buyer ?? 'Generated Buyer'}</cbc:Name></cac:PartyName>
    <cac:PartyLegalEntity><cbc:RegistrationName>${o.buyer ?? 'Generated Buyer'}</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:BuyerCustomerParty>
  <cac:SellerSupplierParty><cac:Party>
    <cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID>
    <cac:PartyIdentification><cbc:ID schemeID="0192">987654325</cbc:ID></cac:PartyIdentification>
    <cac:PartyLegalEntity><cbc:RegistrationName>Generated Supplier AS</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:SellerSupplierParty>
  <cac:Delivery><cac:RequestedDeliveryPeriod><cbc:StartDate>2025-03-17</cbc:StartDate></cac:RequestedDeliveryPeriod></cac:Delivery>
  <cac:TaxTotal><cbc:TaxAmount currencyID="${currency}">${tax}</cbc:TaxAmount></cac:TaxTotal>
  <cac:AnticipatedMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="${currency}">${total}</cbc:LineExtensionAmount>
    ${amount(total + tax)}
  </cac:AnticipatedMonetaryTotal>
${lines
  .map(
    (l, i) => `  <cac:OrderLine><cac:LineItem>
    <cbc:ID>${i + 1}</cbc:ID>
    <cbc:Quantity unitCode="EA">${l.quantity}</cbc:Quantity>
    <cbc:LineExtensionAmount currencyID="${currency}">${l.quantity * l.price}</cbc:LineExtensionAmount>
    <cac:Price><cbc:PriceAmount currencyID="${currency}">${l.price}</cbc:PriceAmount></cac:Price>
    <cac:Item><cbc:Name>${l.name}</cbc:Name><cac:SellersItemIdentification><cbc:ID>SN-${i + 1}</cbc:ID></cac:SellersItemIdentification></cac:Item>
  </cac:LineItem></cac:OrderLine>`,
  )
  .join('\n')}
</Order>
`;
}

/**
 * A UBL invoice turned into a credit note (381) numbered `number` that credits invoice `credits` (no billing
 * reference when it is omitted), with the invoice's lines and totals.
 */
export function ublCreditNote(invoiceXml: string, o: { number: string; credits?: string }): string {
  const reference = o.credits
    ? `<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>${o.credits}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>`
    : '';
  return invoiceXml
    .replace(/Invoice-2"/, 'CreditNote-2"')
    .replace(/(<\/?)((?:\w+:)?)Invoice\b/g, '$1$2CreditNote')
    .replace(/<cbc:ID>[^<]*<\/cbc:ID>/, `<cbc:ID>${o.number}</cbc:ID>`)
    .replace(/<cbc:InvoiceTypeCode>380<\/cbc:InvoiceTypeCode>/, '<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>')
    .replace(/cac:InvoiceLine\b/g, 'cac:CreditNoteLine')
    .replace(/cbc:InvoicedQuantity\b/g, 'cbc:CreditedQuantity')
    .replace('<cac:AccountingSupplierParty>', `${reference}<cac:AccountingSupplierParty>`);
}
