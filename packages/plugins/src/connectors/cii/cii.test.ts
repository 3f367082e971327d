import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatConformanceProblems, runConnectorConformance } from '@hexiao/plugins/sdk';
import cii from './index.ts';
import { fixtureFolder, invoices, rejections, runConnector, sample } from '../xml-dom/test-support.ts';

const file = (name: string) => sample('cii', name);
const one = async (name: string, config = {}) => {
  const { out } = await runConnector(cii, file(name), config);
  expect(rejections(out)).toEqual([]);
  expect(out).toHaveLength(1);
  return invoices(out)[0]!;
};

describe('cii connector on the real samples', () => {
  it('reads the ZUGFeRD EXTENDED GBP invoice with EUR tax currency, allowances, charges and prepaid', async () => {
    const inv = await one('ferd-zugferd-extended-fremdwaehrung.xml');
    expect(inv).toMatchObject({
      documentKind: 'invoice',
      typeCode: '380',
      number: '47110815',
      currency: 'GBP',
      taxCurrency: 'EUR',
      taxTotalInTaxCurrency: '183.14',
      orderReference: 'ORDER84359',
      buyerReference: 'Test',
      dueDate: '2024-12-01',
      sourceKey: 'DE123456789|47110815|invoice',
    });
    expect(inv.seller).toMatchObject({
      name: 'Rohstoff AG Salzgitter',
      taxId: 'DE123456789',
      ids: ['12345676'],
      address: { city: 'Salzgitter', postalCode: '38226', countryCode: 'DE' },
    });
    expect(inv.buyer).toMatchObject({
      name: 'Metallbau Leipzig GmbH & Co. KG',
      endpointId: '0204:04 0 11 000 - 12345 12345 - 35',
      address: { lines: ['Pappelallee 15', 'Hof 3'] },
    });
    expect(inv.payee).toMatchObject({ name: 'Global Supplies Financial Services', ids: ['0060:432156789'] });
    expect(inv.allowancesCharges).toEqual([
      { charge: true, amount: '30', reason: 'Einwegverpackung', reasonCode: 'ABK', taxCategory: 'S', taxRate: '19' },
      {
        charge: false,
        amount: '21.25',
        reason: 'Stammkundenrabatt',
        reasonCode: '102',
        taxCategory: 'S',
        taxRate: '19',
      },
    ]);
    expect(inv.totals).toEqual({
      lineTotal: '850',
      allowanceTotal: '21.25',
      chargeTotal: '30',
      taxExclusive: '858.75',
      tax: '163.16',
      taxInclusive: '1021.91',
      prepaid: '500',
      payable: '521.91',
    });
    expect(inv.paymentMeans).toEqual({
      code: '58',
      accounts: [{ iban: 'DE77370700600321987000', name: 'Global Supplies Financial Services' }],
    });
    expect(inv.lines).toHaveLength(1);
    expect(inv.lines[0]).toMatchObject({ netAmount: '850', orderLineReference: '1' });
  });

  it('reads the EN 16931 and BASIC FeRD invoices with their VAT rates and payment terms', async () => {
    const e = await one('ferd-zugferd-en16931-einfach.xml');
    expect(e).toMatchObject({
      number: '471102',
      issueDate: '2018-03-05',
      seller: { name: 'Lieferant GmbH', taxId: 'DE123456789' },
      buyer: { name: 'Kunden AG Mitte' },
    });
    expect(e.paymentTerms).toMatch(/^Zahlbar innerhalb 30 Tagen netto bis 04\.04\.2018, 3% Skonto/);
    expect(e.taxes.map((t) => [t.rate, t.taxableAmount, t.taxAmount])).toEqual([
      ['7', '275', '19.25'],
      ['19', '198', '37.62'],
    ]);
    expect(e.totals).toMatchObject({ lineTotal: '473', tax: '56.87', payable: '529.87' });
    expect(e.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.netAmount])).toEqual([
      ['Trennblätter A4', '20', '9.9', '198'],
      ['Joghurt Banane', '50', '5.5', '275'],
    ]);
    const b = await one('ferd-zugferd-basic.xml');
    expect(b).toMatchObject({
      number: 'TX-471102',
      seller: { name: 'Taxiunternehmen TX GmbH' },
      buyer: { name: 'Taxi-Gast AG Mitte' },
      totals: { payable: '18.08', tax: '1.18' },
    });
    expect(b.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('turns the Factur-X MINIMUM 380 with negative totals into a credit note linked to FA-2017-0010', async () => {
    const cn = await one('facturx-minimum-avoir-negative.xml');
    expect(cn).toMatchObject({
      documentKind: 'credit-note',
      typeCode: '380',
      number: 'AV-2017-0005',
      issueDate: '2017-11-16',
      orderReference: 'PO445',
      precedingInvoices: [{ number: 'FA-2017-0010', issueDate: '2017-11-13' }],
      seller: { name: 'Au bon moulin', taxId: 'FR11999999998', legalId: '99999999800010' },
      sourceKey: 'FR11999999998|AV-2017-0005|credit-note',
    });
    expect(cn.lines).toEqual([]);
    expect(cn.totals).toEqual({
      lineTotal: '218.48',
      taxExclusive: '218.48',
      tax: '14.99',
      taxInclusive: '233.47',
      payable: '233.47',
    });
  });

  it('books the 384 correction as a credit note (or as an invoice when configured)', async () => {
    const c = await one('xrechnung-01.18a-INVOICE_uncefact.xml');
    expect(c).toMatchObject({
      documentKind: 'credit-note',
      typeCode: '384',
      number: 'PRG1502112',
      issueDate: '2015-04-24',
      precedingInvoices: [{ number: 'PRG1502168' }],
      projectReference: 'PR456789',
      paymentTerms: '14 Tage',
    });
    expect(c.paymentMeans?.accounts).toEqual([{ iban: 'DE79000000001234567890' }, { iban: 'DE16000000002345678901' }]);
    expect(c.totals).toMatchObject({ lineTotal: '8870', tax: '1685.3', payable: '10555.3' });
    expect(c.lines.map((l) => l.netAmount)).toEqual(['6700', '1500', '450', '220']);
    const asInvoice = await one('xrechnung-01.18a-INVOICE_uncefact.xml', { corrections: 'invoice' });
    expect(asInvoice.documentKind).toBe('invoice');
  });

  it('reads XRechnung CII: text line ids, 11 hierarchical lines, reverse charge with a charge', async () => {
    const a = await one('xrechnung-01.01a-INVOICE_uncefact.xml');
    expect(a).toMatchObject({
      number: '123456XX',
      totals: { lineTotal: '314.86', tax: '22.04', payable: '336.9' },
      paymentMeans: { code: '58' },
    });
    const h = await one('xrechnung-01.13a-INVOICE_uncefact.xml');
    expect(h.lines).toHaveLength(11);
    expect(h.lines.map((l) => l.id)).toContain('5.2');
    expect(h.totals).toMatchObject({ lineTotal: '5330', tax: '1012.7', payable: '6342.7' });
    const rc = await one('xrechnung-01.21a-INVOICE_uncefact.xml');
    expect(rc).toMatchObject({
      number: '18383',
      seller: { name: 'Mustermann GmbH', taxId: 'DE152338654' },
      paymentTerms: '10 Tage 3% Skonto, 30 Tage netto',
    });
    expect(rc.taxes).toEqual([
      expect.objectContaining({ category: 'AE', rate: '0', taxableAmount: '233', taxAmount: '0' }),
    ]);
    expect(rc.allowancesCharges).toEqual([expect.objectContaining({ charge: true, amount: '25' })]);
    expect(rc.totals).toMatchObject({ lineTotal: '208', chargeTotal: '25', taxExclusive: '233', payable: '233' });
  });
});

const base = readFileSync(file('ferd-zugferd-en16931-einfach.xml'), 'utf8');

describe('cii and ubl agree on one invoice', () => {
  it('gives the XRechnung CII invoice and its UBL twin the same sourceKey and figures', async () => {
    const { default: ubl } = await import('../ubl/index.ts');
    const c = await one('xrechnung-01.01a-INVOICE_uncefact.xml');
    const u = invoices((await runConnector(ubl, sample('ubl', 'xrechnung-01.17a-INVOICE_ubl.xml'))).out)[0]!;
    expect(c.sourceKey).toBe('DE123456789|123456XX|invoice');
    expect(u.sourceKey).toBe(c.sourceKey);
    expect(u.lines.map((l) => [l.id, l.netAmount])).toEqual(c.lines.map((l) => [l.id, l.netAmount]));
    expect([u.totals.lineTotal, u.totals.tax]).toEqual([c.totals.lineTotal, c.totals.tax]);
  });
});

describe('cii connector on bad input', () => {
  const run = (data: string) => runConnector(cii, { name: 'bad.xml', data }).then((r) => r.out);

  it('rejects lines that do not add up, naming the field and the figures', async () => {
    const out = await run(
      base.replace(
        '<ram:LineTotalAmount>275.00</ram:LineTotalAmount>',
        '<ram:LineTotalAmount>276.00</ram:LineTotalAmount>',
      ),
    );
    expect(rejections(out)).toHaveLength(1);
    expect(rejections(out)[0]!.rejected).toMatchObject({
      field: 'totals.lineTotal',
      reason: expect.stringMatching(/474.*473/),
    });
  });

  it('leaves EXTENDED DETAIL sub-lines out of the sum (they are inside their parent line)', async () => {
    const detail = `<ram:IncludedSupplyChainTradeLineItem><ram:AssociatedDocumentLineDocument><ram:LineID>2.1</ram:LineID><ram:ParentLineID>2</ram:ParentLineID><ram:LineStatusReasonCode>DETAIL</ram:LineStatusReasonCode></ram:AssociatedDocumentLineDocument><ram:SpecifiedLineTradeSettlement><ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>100.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem>`;
    const out = await run(
      base.replace('<ram:ApplicableHeaderTradeAgreement>', `${detail}<ram:ApplicableHeaderTradeAgreement>`),
    );
    expect(rejections(out)).toEqual([]);
    expect(invoices(out)[0]!.lines.map((l) => l.id)).toEqual(['1', '2']);
  });

  it('rejects an unknown currency and a UBL document given to the CII connector', async () => {
    const cur = await run(base.replace('<ram:InvoiceCurrencyCode>EUR<', '<ram:InvoiceCurrencyCode>EUX<'));
    expect(rejections(cur)[0]!.rejected.field).toBe('currency');
    const ubl = await run(readFileSync(sample('ubl', 'xrechnung-01.17a-INVOICE_ubl.xml'), 'utf8'));
    expect(rejections(ubl)[0]!.rejected).toMatchObject({
      field: 'root',
      reason: expect.stringContaining('CrossIndustryInvoice'),
    });
  });

  it('rejects a DOCTYPE with an entity and a truncated file', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>${base.replace(/^<\?xml[^>]*>/, '')}`;
    expect(rejections(await run(bomb))[0]!.rejected.reason).toMatch(/DOCTYPE is not allowed/);
    expect(rejections(await run(base.slice(0, 3000)))[0]!.rejected.reason).toMatch(/not well-formed/);
  });
});

describe('cii conformance kit', () => {
  it('passes on the real samples', async () => {
    const report = await runConnectorConformance({ connector: cii, samples: fixtureFolder('cii') });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(8);
    expect(report.notChecked).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
