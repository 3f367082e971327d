import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { formatConformanceProblems, runConnectorConformance } from '@hexiao/plugins/sdk';
import ubl from './index.ts';
import { describeListed } from '../../../../../test/support/skip.ts';
import { ublCreditNote } from '../../../../../test/support/documents.ts';
import { fixtureFolder, invoices, rejections, runConnector, sample, sharedFolder } from '../xml-dom/test-support.ts';

const file = (name: string) => sample('ubl', name);
const one = async (name: string) => {
  const { out } = await runConnector(ubl, file(name));
  expect(rejections(out)).toEqual([]);
  expect(out).toHaveLength(1);
  return invoices(out)[0]!;
};

describeListed('ubl connector on the shared samples', () => {
  it('reads the Peppol base invoice: parties, dates, lines, charge, tax, payment means', async () => {
    const inv = await one('peppol-base-example.xml');
    expect(inv).toMatchObject({
      documentKind: 'invoice',
      typeCode: '380',
      number: 'Snippet1',
      issueDate: '2017-11-13',
      dueDate: '2017-12-01',
      currency: 'EUR',
      buyerReference: '0150abc',
      paymentTerms: 'Payment within 10 days, 2% discount',
      sourceKey: 'GB1232434|Snippet1|invoice',
      position: { index: 0, xpath: '/Invoice', line: 2 },
    });
    expect(inv.seller).toMatchObject({
      name: 'SupplierTradingName Ltd.',
      taxId: 'GB1232434',
      legalId: 'GB983294',
      endpointId: '0088:9482348239847239874',
      gln: '9482348239847239874',
      address: { city: 'London', postalCode: 'GB 123 EW', countryCode: 'GB', lines: ['Main street 1', 'Postbox 123'] },
    });
    expect(inv.buyer).toMatchObject({
      name: 'BuyerTradingName AS',
      taxId: 'SE4598375937',
      endpointId: '0002:FR23342',
      legalId: '39937423947',
    });
    expect(inv.buyer.gln).toBeUndefined();
    expect(inv.lines.map((l) => [l.id, l.quantity, l.unitCode, l.unitPrice, l.netAmount])).toEqual([
      ['1', '7', 'DAY', '400', '2800'],
      ['2', '-3', 'DAY', '500', '-1500'],
    ]);
    expect(inv.allowancesCharges).toEqual([
      { charge: true, amount: '25', reason: 'Insurance', taxCategory: 'S', taxRate: '25' },
    ]);
    expect(inv.taxes).toEqual([{ category: 'S', rate: '25', taxableAmount: '1325', taxAmount: '331.25' }]);
    expect(inv.totals).toEqual({
      lineTotal: '1300',
      chargeTotal: '25',
      taxExclusive: '1325',
      tax: '331.25',
      taxInclusive: '1656.25',
      payable: '1656.25',
    });
    expect(inv.paymentMeans).toEqual({
      code: '30',
      paymentId: 'Snippet1',
      accounts: [{ number: 'IBAN32423940', name: 'AccountName' }],
    }); // BIC324098 is not a BIC: dropped
  });

  it('turns the 381 credit note into a credit note linked to the invoice it credits', async () => {
    const cn = await one('peppol-base-creditnote-correction.xml');
    expect(cn).toMatchObject({
      documentKind: 'credit-note',
      typeCode: '381',
      number: 'Snippet1',
      sourceKey: 'GB1232434|Snippet1|credit-note',
    });
    expect(cn.precedingInvoices).toEqual([{ number: 'Snippet1' }]);
    expect(cn.totals.payable).toBe('1656.25');
  });

  it('turns the negative 380 into a credit note with positive amounts', async () => {
    const cn = await one('peppol-base-negative-inv-correction.xml');
    expect(cn).toMatchObject({ documentKind: 'credit-note', typeCode: '380', number: 'Correction1' });
    expect(cn.precedingInvoices).toEqual([{ number: 'Snippet1' }]);
    expect(cn.totals).toMatchObject({ lineTotal: '1300', chargeTotal: '25', tax: '331.25', payable: '1656.25' });
    expect(cn.allowancesCharges[0]).toMatchObject({ charge: true, amount: '25' });
    expect(cn.lines.map((l) => [l.quantity, l.netAmount])).toEqual([
      ['7', '2800'],
      ['-3', '-1500'],
    ]);
    expect(cn.taxes[0]).toMatchObject({ taxableAmount: '1325', taxAmount: '331.25' });
  });

  it('keeps the tax currency total, document allowances/charges and prepaid amount', async () => {
    const inv = await one('peppol-Allowance-example.xml');
    expect(inv).toMatchObject({
      currency: 'EUR',
      taxCurrency: 'SEK',
      taxTotalInTaxCurrency: '9324',
      contractReference: 'framework no 1',
    });
    expect(inv.allowancesCharges.map((a) => [a.charge, a.amount])).toEqual([
      [true, '200'],
      [false, '200'],
    ]);
    expect(inv.taxes.map((t) => [t.category, t.rate, t.taxableAmount, t.taxAmount])).toEqual([
      ['S', '25', '4900', '1225'],
      ['E', '0', '1000', '0'],
    ]);
    expect(inv.totals).toEqual({
      lineTotal: '5900',
      allowanceTotal: '200',
      chargeTotal: '200',
      taxExclusive: '5900',
      tax: '1225',
      taxInclusive: '7125',
      prepaid: '1000',
      payable: '6125',
    });
    expect(inv.lines.map((l) => l.netAmount)).toEqual(['4000', '1000', '900']);
  });

  it('reads the credit note snippet with two preceding invoices, order and sales order references', async () => {
    const cn = await one('peppol-Snippet-cn.xml');
    expect(cn).toMatchObject({
      documentKind: 'credit-note',
      orderReference: 'o-998877',
      salesOrderReference: 'so-12343',
      taxTotalInTaxCurrency: '100017.5',
    });
    expect(cn.precedingInvoices).toEqual([{ number: '123', issueDate: '2017-10-20' }, { number: '124' }]);
    expect(cn.payee?.gln).toBe('7300010000001');
    expect(cn.totals).toMatchObject({
      lineTotal: '4100',
      allowanceTotal: '300',
      chargeTotal: '200',
      prepaid: '1000',
      payable: '4000',
    });
  });

  it('reads SEK, and NOK with rounding and returns', async () => {
    const o = await one('peppol-vat-category-O.xml');
    expect(o).toMatchObject({
      number: 'Vat-O',
      currency: 'SEK',
      totals: { payable: '3200', tax: '0' },
      taxes: [{ category: 'O' }],
    });
    const no = await one('peppol-Norwegian-example-1.xml');
    expect(no).toMatchObject({
      number: 'TOSL108',
      currency: 'NOK',
      orderReference: '123',
      contractReference: 'Contract321',
    });
    expect(no.totals).toMatchObject({ tax: '365.28', prepaid: '1000', rounding: '0.22', payable: '802' });
    expect(no.lines).toHaveLength(5);
    expect(no.lines.filter((l) => l.quantity?.startsWith('-'))).toHaveLength(2);
    expect(no.paymentMeans).toMatchObject({
      code: '31',
      paymentId: '0003434323213231',
      accounts: [{ iban: 'NO9386011117947', bic: 'DNBANOKK' }],
    });
    expect(no.seller).toMatchObject({ taxId: 'NO123456785MVA', endpointId: '0192:123456785' });
  });

  it('re-parses deterministically', async () => {
    const a = await runConnector(ubl, file('peppol-Snippet-cn.xml'));
    const b = await runConnector(ubl, file('peppol-Snippet-cn.xml'));
    expect(b.out).toEqual(a.out);
  });
});

describe('ubl connector on the XRechnung sample', () => {
  it('reads the invoice with free-text line ids and a rounding amount', async () => {
    const xr = await one('xrechnung-01.17a-INVOICE_ubl.xml');
    expect(xr).toMatchObject({ number: '123456XX', currency: 'EUR', paymentMeans: { code: '58' } });
    expect(xr.totals).toMatchObject({ lineTotal: '314.86', tax: '22.04', rounding: '0.01', payable: '336.91' });
    expect(xr.lines[0]!.id).toMatch(/^Zeitschrift/);
  });
});

const base = readFileSync(file('xrechnung-01.17a-INVOICE_ubl.xml'), 'utf8');
const bodyOf = (xml: string) => xml.replace(/^<\?xml[^>]*>\s*/, '');
const creditNote = ublCreditNote(base, { number: 'CN-1', credits: '123456XX' });

describe('ubl connector on bad input', () => {
  const run = (data: string) => runConnector(ubl, { name: 'bad.xml', data }).then((r) => r.out);

  it('rejects a document whose lines do not add up, naming the field and the figures', async () => {
    const out = await run(
      base.replace(
        '<cbc:LineExtensionAmount currencyID="EUR">288.79<',
        '<cbc:LineExtensionAmount currencyID="EUR">188.79<',
      ),
    );
    expect(out).toEqual([{ rejected: expect.objectContaining({ field: 'totals.lineTotal' }) }]);
    expect(rejections(out)[0]!.rejected.reason).toContain('214.86');
    expect(rejections(out)[0]!.rejected.reason).toContain('314.86');
  });

  it('rejects totals that do not chain (payable, tax inclusive)', async () => {
    const payable = await run(
      base.replace('<cbc:PayableAmount currencyID="EUR">336.91<', '<cbc:PayableAmount currencyID="EUR">336.92<'),
    );
    expect(rejections(payable)[0]!.rejected.field).toBe('totals.payable');
    const incl = await run(
      base.replace('<cbc:TaxInclusiveAmount currencyID="EUR">336.9<', '<cbc:TaxInclusiveAmount currencyID="EUR">300<'),
    );
    expect(rejections(incl)[0]!.rejected.field).toBe('totals.taxInclusive');
  });

  it('rejects another UBL version in the 2.x namespace', async () => {
    const out = await run(
      base.replace('<cbc:CustomizationID>', '<cbc:UBLVersionID>3.0</cbc:UBLVersionID><cbc:CustomizationID>'),
    );
    expect(rejections(out)[0]!.rejected).toMatchObject({
      field: 'UBLVersionID',
      reason: expect.stringContaining('3.0'),
    });
  });

  it('warns when a credit note names no invoice it credits', async () => {
    const linked = await runConnector(ubl, { name: 'cn.xml', data: creditNote });
    expect(invoices(linked.out)[0]).toMatchObject({ documentKind: 'credit-note', typeCode: '381' });
    expect(linked.warnings).toEqual([]);
    const cn = ublCreditNote(base, { number: 'CN-1' });
    const { out, warnings } = await runConnector(ubl, { name: 'cn.xml', data: cn });
    expect(invoices(out)[0]!.documentKind).toBe('credit-note');
    expect(warnings).toEqual([
      'credit note CN-1 does not reference the invoice it credits (no preceding invoice reference)',
    ]);
  });

  it('rejects an unknown currency', async () => {
    const out = await run(base.replace('<cbc:DocumentCurrencyCode>EUR<', '<cbc:DocumentCurrencyCode>XYZ<'));
    expect(rejections(out)[0]!.rejected).toMatchObject({ field: 'currency', reason: expect.stringContaining('XYZ') });
  });

  it('rejects non-XML, a truncated file, the wrong namespace and a DOCTYPE', async () => {
    expect(rejections(await run('orderID,customerID\n10248,VINET'))[0]!.rejected.reason).toMatch(/not well-formed/);
    const truncated = await run(base.slice(0, base.length / 2));
    expect(truncated).toHaveLength(1);
    expect(rejections(truncated)[0]!.rejected.reason).toMatch(/not well-formed/);
    const wrongNs = await run(base.replace('xsd:Invoice-2"', 'xsd:Invoice-1"'));
    expect(rejections(wrongNs)[0]!.rejected).toMatchObject({
      field: 'root',
      reason: expect.stringContaining('Invoice-1'),
    });
    const doctype = await run(
      `<?xml version="1.0"?>\n<!DOCTYPE Invoice [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${bodyOf(base)}`,
    );
    expect(rejections(doctype)[0]!.rejected.reason).toMatch(/DOCTYPE is not allowed/);
  });

  it('reads a batch in a wrapper and keeps good invoices when one is bad', async () => {
    const bad = bodyOf(base)
      .replace('<cbc:ID>123456XX</cbc:ID>', '<cbc:ID>B2</cbc:ID>')
      .replace('>336.91</cbc:PayableAmount>', '>1.00</cbc:PayableAmount>');
    const out = await run(`<?xml version="1.0"?>\n<Batch>${bodyOf(base)}${bad}${bodyOf(creditNote)}</Batch>`);
    expect(
      out.map((r) => ('rejected' in r ? `rejected ${r.rejected.position.index}` : `${r.type} ${r.position.xpath}`)),
    ).toEqual(['invoice /Batch/Invoice', 'rejected 1', 'invoice /Batch/CreditNote']);
  });
});

describe('ubl conformance kit', () => {
  it('passes on the sample in the repository', async () => {
    const report = await runConnectorConformance({ connector: ubl, samples: fixtureFolder('ubl') });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(1);
    expect(report.ok).toBe(true);
  });
  it('passes on a generated credit note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hexiao-ubl-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'credit-note.xml'), creditNote);
    const report = await runConnectorConformance({ connector: ubl, samples: [join(dir, 'credit-note.xml')] });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.ok).toBe(true);
  });
});

describeListed('ubl conformance kit on the shared samples', () => {
  it('passes on every shared sample', async () => {
    const report = await runConnectorConformance({ connector: ubl, samples: sharedFolder('ubl') });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(8);
    expect(report.notChecked).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
