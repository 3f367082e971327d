import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConformanceProblems, runConnectorConformance } from '@hexiao/plugins/sdk';
import ordersJson, { type OrdersJsonConfig } from './index.ts';
import { orders, rejections, runConnector } from '../xml-dom/test-support.ts';

const sampleFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'samples/shop-export.json');
const config: OrdersJsonConfig = {
  ordersPath: 'data.orders',
  amountIncludesTax: true,
  fields: {
    orderNumber: 'id',
    orderDate: 'createdAt',
    shipmentDate: 'shippedAt',
    customerId: 'customer.id',
    customerName: 'customer.name',
    customerTaxId: 'customer.vatId',
    currency: 'currency',
    amount: 'total',
    taxAmount: 'tax',
    lines: 'items',
  },
  lineFields: { itemId: 'sku', description: 'name', quantity: 'qty', unitPrice: 'price' },
};

describe('orders-json', () => {
  it('maps orders by dot paths, reads number amounts exactly and checks lines against the total', async () => {
    const { out } = await runConnector(ordersJson, sampleFile, config);
    expect(
      orders(out).map((o) => [o.number, o.orderDate, o.shipmentDate, o.currency, o.totalAmount, o.sourceKey]),
    ).toEqual([
      ['SO-1001', '2025-02-27', '2025-02-28', 'EUR', '178.5', 'self|DE811907980|SO-1001|order'],
      ['SO-1002', '2025-02-28', undefined, 'DKK', '1250.5', 'self|C-4|SO-1002|order'],
    ]);
    expect(orders(out)[0]!.lines).toEqual([
      { id: '1', description: 'Desk lamp', quantity: '2', unitPrice: '45', netAmount: '90', itemId: 'A-1' },
      { id: '2', description: 'Cable set', quantity: '3', unitPrice: '20', netAmount: '60', itemId: 'B-7' },
    ]);
    expect(orders(out)[0]).toMatchObject({
      taxAmount: '28.5',
      buyer: { name: 'Nordlicht GmbH', taxId: 'DE811907980', ids: ['C-17'] },
    });
    expect(rejections(out).map((r) => [r.rejected.position.index, r.rejected.field])).toEqual([
      [2, 'orderDate'],
      [3, 'totals.taxInclusive'],
    ]);
  });

  it('streams NDJSON with line numbers and rejects bad lines, imprecise numbers and unknown currencies', async () => {
    const ndjson = [
      '{"no":"1","d":"2025-01-02","cur":"USD","amount":"10.10","cust":"K"}',
      '',
      '{"no":"2","d":"2025-01-02","cur":"USD","amount":0.1234567890123456,"cust":"K"}',
      '{"no":"3",',
      '{"no":"4","d":"2025-01-02","cur":"USX","amount":"1","cust":"K"}',
      '[1,2]',
    ].join('\n');
    const cfg: OrdersJsonConfig = {
      format: 'ndjson',
      fields: { orderNumber: 'no', orderDate: 'd', currency: 'cur', amount: 'amount', customerId: 'cust' },
    };
    const { out } = await runConnector(ordersJson, { name: 'o.ndjson', data: ndjson }, cfg);
    expect(orders(out).map((o) => [o.number, o.totalAmount, o.position])).toEqual([
      ['1', '10.1', { index: 0, line: 1 }],
    ]);
    expect(rejections(out).map((r) => [r.rejected.position.line, r.rejected.field ?? ''])).toEqual([
      [3, 'amount'],
      [4, ''],
      [5, 'currency'],
      [6, 'order'],
    ]);
  });

  it('reports a document that is not JSON or has no array at the path', async () => {
    const bad = await runConnector(ordersJson, { name: 'x.json', data: '<xml/>' }, config);
    expect(rejections(bad.out)[0]!.rejected.reason).toMatch(/not JSON/);
    const noArray = await runConnector(ordersJson, { name: 'x.json', data: '{"data":{}}' }, config);
    expect(rejections(noArray.out)[0]!.rejected.field).toBe('ordersPath');
  });

  it('refuses prototype paths in the config', async () => {
    await expect(
      runConnector(
        ordersJson,
        { name: 'x.json', data: '[{}]' },
        { fields: { orderNumber: '__proto__.x', orderDate: 'd' } },
      ),
    ).rejects.toThrow(/__proto__/);
  });

  it('passes the conformance kit on its sample', async () => {
    const report = await runConnectorConformance({ connector: ordersJson, samples: [sampleFile], config });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files[0]).toMatchObject({ items: 4, records: 2, rejections: 2 });
  });
});
