import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { formatConformanceProblems, runConnectorConformance } from '@hexiao/plugins/sdk';
import ordersUbl from './index.ts';
import { orders, rejections, runConnector, sample, sharedFolder } from '../xml-dom/test-support.ts';
import { ublOrder } from '../../../../../test/support/documents.ts';
import { describeListed } from '../../../../../test/support/skip.ts';

const one = async (name: string) => {
  const { out } = await runConnector(ordersUbl, sample('orders', name));
  expect(rejections(out)).toEqual([]);
  expect(out).toHaveLength(1);
  return orders(out)[0]!;
};

describeListed('orders-ubl on the shared samples', () => {
  it('reads the OASIS UBL 2.1 example order 34 (SEK, GLNs, anticipated total 6225)', async () => {
    const o = await one('oasis-UBL-Order-2.1-Example.xml');
    expect(o).toMatchObject({
      type: 'order',
      orderKind: 'order',
      number: '34',
      orderDate: '2010-01-20',
      requestedDeliveryDate: '2010-02-10',
      currency: 'SEK',
      totalAmount: '6225',
      taxAmount: '100',
      contractReference: '34322',
      note: ['Information text for the whole order'],
      sourceKey: '5532332283|SE1234567801|34|order',
    });
    expect(o.buyer).toMatchObject({
      name: 'Johnssons byggvaror',
      taxId: 'SE1234567801',
      gln: '7300072311115',
      address: { city: 'Stockholm' },
    });
    expect(o.seller).toMatchObject({ name: 'Moderna Produkter AB', gln: '7302347231111', legalId: '5532332283' });
    expect(o.lines).toEqual([
      {
        id: '1',
        description: 'Falu Rödfärg',
        quantity: '120',
        unitCode: 'LTR',
        unitPrice: '50',
        netAmount: '6000',
        itemId: 'SItemNo001',
      },
      {
        id: '2',
        description: 'Pensel 20 mm',
        quantity: '15',
        unitCode: 'C62',
        unitPrice: '15',
        netAmount: '225',
        itemId: 'SItemNo011',
      },
    ]);
  });

  it('reads Peppol BIS Ordering 3 orders (NOK with allowance, charge, prepaid, rounding; EUR; SEK)', async () => {
    const no = await one('peppol-ordering-Order_Example.xml');
    expect(no).toMatchObject({
      number: '34',
      currency: 'NOK',
      orderDate: '2018-09-01',
      totalAmount: '6372.5',
      taxAmount: '100',
      paymentTerms: 'Payment terms description',
    });
    expect(no.lines.map((l) => l.netAmount)).toEqual(['6300', '225']);
    const uc1 = await one('peppol-ordering-UC1_Order.xml');
    expect(uc1).toMatchObject({
      number: '1',
      currency: 'EUR',
      orderDate: '2013-07-01',
      requestedDeliveryDate: '2013-07-15',
      totalAmount: '143.75',
      taxAmount: '28.75',
      buyer: { name: 'City Hospital', gln: '7300010000001' },
    });
    expect(uc1.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.netAmount])).toEqual([
      ['Brown sauce', '10', '4', '40'],
      ['White sauce', '5', '6', '30'],
      ['Pepper sauce', '15', '3', '45'],
    ]);
    const uc5 = await one('peppol-ordering-UC5_Order.xml');
    expect(uc5).toMatchObject({
      number: '5',
      currency: 'SEK',
      orderDate: '2019-09-30',
      totalAmount: '143.75',
      buyer: { name: 'Region West' },
      seller: { name: 'Supplier AB' },
    });
  });
});

describe('orders-ubl on a generated order', () => {
  it('reads number, dates, parties, lines and totals', async () => {
    const { out } = await runConnector(ordersUbl, { name: 'po.xml', data: ublOrder() });
    expect(rejections(out)).toEqual([]);
    expect(orders(out)[0]).toMatchObject({
      number: 'PO-1',
      currency: 'EUR',
      orderDate: '2025-03-03',
      requestedDeliveryDate: '2025-03-17',
      totalAmount: '143.75',
      taxAmount: '28.75',
      buyer: { name: 'Generated Buyer', gln: '7300010000001' },
    });
    expect(orders(out)[0]!.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.netAmount])).toEqual([
      ['Brown sauce', '10', '4', '40'],
      ['White sauce', '5', '6', '30'],
      ['Pepper sauce', '15', '3', '45'],
    ]);
  });
});

describe('orders-ubl on bad input', () => {
  const base = ublOrder();
  const run = (data: string) => runConnector(ordersUbl, { name: 'bad.xml', data }).then((r) => r.out);

  it('rejects lines that do not add up and an unknown currency', async () => {
    const lines = await run(
      base.replace('<cbc:LineExtensionAmount currencyID="EUR">40<', '<cbc:LineExtensionAmount currencyID="EUR">41<'),
    );
    expect(rejections(lines)[0]!.rejected).toMatchObject({
      field: 'totals.lineTotal',
      reason: expect.stringMatching(/116.*115/),
    });
    const cur = await run(base.replace('>EUR</cbc:DocumentCurrencyCode>', '>EURO</cbc:DocumentCurrencyCode>'));
    expect(rejections(cur)[0]!.rejected.field).toBe('currency');
  });

  it('rejects an invoice, a DOCTYPE and truncated XML', async () => {
    const inv = await run(readFileSync(sample('ubl', 'xrechnung-01.17a-INVOICE_ubl.xml'), 'utf8'));
    expect(rejections(inv)[0]!.rejected.field).toBe('root');
    expect(rejections(await run(`<!DOCTYPE x SYSTEM "http://evil/x.dtd">${base}`))[0]!.rejected.reason).toMatch(
      /DOCTYPE/,
    );
    expect(rejections(await run(base.slice(0, 1000)))[0]!.rejected.reason).toMatch(/not well-formed/);
  });
});

describe('ordersUbl conformance kit', () => {
  it('passes on a generated order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hexiao-order-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'po.xml');
    writeFileSync(file, ublOrder());
    const report = await runConnectorConformance({ connector: ordersUbl, samples: [file] });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.ok).toBe(true);
  });
});

describeListed('ordersUbl conformance kit on the shared samples', () => {
  it('passes on the shared samples', async () => {
    const report = await runConnectorConformance({
      connector: ordersUbl,
      samples: [
        'oasis-UBL-Order-2.1-Example.xml',
        'peppol-ordering-Order_Example.xml',
        'peppol-ordering-UC1_Order.xml',
        'peppol-ordering-UC5_Order.xml',
      ].map((f) => join(sharedFolder('orders'), f)),
    });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(4);
    expect(report.notChecked).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
