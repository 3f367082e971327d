import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatConformanceProblems, runConnectorConformance } from '@hexiao/plugins/sdk';
import ordersCii from './index.ts';
import { orders, rejections, runConnector, sample } from '../xml-dom/test-support.ts';
import { ublOrder } from '../../../../../test/support/documents.ts';

const file = sample('orders', 'orderx-EX01-order-full-data-comfort.xml');

describe('orders-cii on the Order-X sample (BOM, no XML declaration)', () => {
  it('reads order PO123456789: parties, dates, lines and the 360.00 grand total', async () => {
    const { out } = await runConnector(ordersCii, file);
    expect(rejections(out)).toEqual([]);
    const [o] = orders(out);
    expect(o).toMatchObject({
      number: 'PO123456789',
      orderDate: '2020-03-31',
      requestedDeliveryDate: '2020-04-15',
      currency: 'EUR',
      totalAmount: '360',
      taxAmount: '60',
      paymentTerms: 'PAYMENT_TERMS_DESC',
      contractReference: 'CONTRACT_2020-25987',
      sourceKey: 'FR32123456789|FR05987654321|PO123456789|order',
      position: { index: 0, line: 3, xpath: '/SCRDMCCBDACIOMessageStructure' },
    });
    expect(o!.buyer).toMatchObject({
      name: 'BUYER_NAME',
      taxId: 'FR 05 987 654 321',
      gln: '98765432179',
      legalId: '987654321',
    });
    expect(o!.seller).toMatchObject({ name: 'SELLER_NAME', gln: '123654879' });
    expect(o!.lines.map((l) => [l.id, l.quantity, l.unitPrice, l.netAmount])).toEqual([
      ['1', '6', '10', '60'],
      ['2', '10', '20', '100'],
      ['3', '6', '25', '150'],
    ]);
  });

  it('rejects totals that do not chain, and a UBL order', async () => {
    const xml = readFileSync(file, 'utf8');
    const bad = xml.replace('<ram:GrandTotalAmount>360.00<', '<ram:GrandTotalAmount>361.00<');
    const { out } = await runConnector(ordersCii, { name: 'bad.xml', data: bad });
    expect(rejections(out)[0]!.rejected).toMatchObject({
      field: 'totals.taxInclusive',
      reason: expect.stringMatching(/360.*361/),
    });
    const ubl = await runConnector(ordersCii, { name: 'po.xml', data: ublOrder() });
    expect(rejections(ubl.out)[0]!.rejected.field).toBe('root');
  });
});

describe('ordersCii conformance kit', () => {
  it('passes on the Order-X sample', async () => {
    const report = await runConnectorConformance({ connector: ordersCii, samples: [file] });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(1);
    expect(report.notChecked).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
