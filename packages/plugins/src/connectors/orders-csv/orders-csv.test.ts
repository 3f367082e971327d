import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { Decimal } from '@hexiao/dsl';
import { describe, expect, it } from 'vitest';
import { formatConformanceProblems, runConnectorConformance } from '@hexiao/plugins/sdk';
import ordersCsv, { type OrdersCsvConfig } from './index.ts';
import { orders, rejections, runConnector, sample } from '../xml-dom/test-support.ts';
import { fileInput } from '../xml-dom/index.ts';
import { describeListed } from '../../../../../test/support/skip.ts';

const ordersFile = sample('orders', 'northwind-orders.csv');
const detailsFile = sample('orders', 'northwind-order-details.csv');

const northwind: OrdersCsvConfig = {
  currency: 'USD',
  nullValues: ['NULL'],
  columns: {
    orderNumber: 'orderID',
    orderDate: 'orderDate',
    requestedDeliveryDate: 'requiredDate',
    shipmentDate: 'shippedDate',
    customerId: 'customerID',
    customerName: 'shipName',
  },
  chargeColumns: ['freight'],
  details: {
    path: detailsFile,
    columns: {
      orderNumber: 'orderID',
      itemId: 'productID',
      unitPrice: 'unitPrice',
      quantity: 'quantity',
      discount: 'discount',
    },
  },
};

/** An independent reading of the Northwind files (plain split) to check control totals against. */
function northwindOracle() {
  const rows = readFileSync(ordersFile, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const lines = readFileSync(detailsFile, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const net = new Map<string, Decimal>();
  for (const [id, , price, qty, disc] of lines)
    net.set(
      id!,
      (net.get(id!) ?? new Decimal(0)).plus(new Decimal(price!).times(qty!).times(new Decimal(1).minus(disc!))),
    );
  const good = rows.filter((r) => r.length === 14);
  const total = good.reduce((s, r) => s.plus(net.get(r[0]!) ?? 0).plus(r[7]!), new Decimal(0));
  return {
    good: good.length,
    bad: rows.length - good.length,
    total,
    badLines: rows.flatMap((r, i) => (r.length === 14 ? [] : [i + 2])),
  };
}

describeListed('orders-csv on the Northwind export (orders joined with order details)', () => {
  it('imports the 654 well-formed orders and rejects the 176 rows split by an unquoted comma, with their lines', async () => {
    const { out } = await runConnector(ordersCsv, ordersFile, northwind);
    const oracle = northwindOracle();
    const got = orders(out);
    const bad = rejections(out);
    expect(got).toHaveLength(654);
    expect(bad).toHaveLength(176);
    expect([got.length, bad.length]).toEqual([oracle.good, oracle.bad]);
    expect(bad.map((r) => r.rejected.position.line)).toEqual(oracle.badLines);
    expect(bad[0]!.rejected).toEqual({
      position: { index: 2, line: 4 },
      field: 'row',
      reason: 'northwind-orders.csv line 4: 15 fields, expected 14 (an unquoted "," inside a field?)',
    });
    const sum = got.reduce((s, o) => s.plus(o.totalAmount), new Decimal(0));
    expect(sum.eq(oracle.total)).toBe(true);
    expect(out.map((r) => ('rejected' in r ? r.rejected.position.index : r.position.index))).toEqual([
      ...Array(830).keys(),
    ]);
  });

  it('maps order 10248 (VINET) with its three detail lines, freight as a charge and the dates for aging', async () => {
    const { out } = await runConnector(ordersCsv, ordersFile, northwind);
    const o = orders(out).find((x) => x.number === '10248')!;
    expect(o).toEqual({
      type: 'order',
      orderKind: 'order',
      sourceKey: 'self|VINET|10248|order',
      number: '10248',
      orderDate: '1996-07-04',
      shipmentDate: '1996-07-16',
      requestedDeliveryDate: '1996-08-01',
      currency: 'USD',
      buyer: { name: 'Vins et alcools Chevalier', ids: ['VINET'] },
      lines: [
        { id: '1', quantity: '12', unitPrice: '14', netAmount: '168', itemId: '11' },
        { id: '2', quantity: '10', unitPrice: '9.8', netAmount: '98', itemId: '42' },
        { id: '3', quantity: '5', unitPrice: '34.8', netAmount: '174', itemId: '72' },
      ],
      totalAmount: '472.38',
      position: { index: 0, line: 2 },
    });
    const discounted = orders(out).find((x) => x.number === '10260')!;
    // 10260,41,7.70,16,0.25 · 10260,57,15.60,50,0 · 10260,62,39.40,15,0.25 · 10260,70,12.00,21,0.25
    expect(discounted.lines.map((l) => l.netAmount)).toEqual(['92.4', '780', '443.25', '189']);
  });

  it('keeps a NULL shipped date absent (order not shipped yet)', async () => {
    const { out } = await runConnector(ordersCsv, ordersFile, northwind);
    const unshipped = orders(out).filter((o) => !o.shipmentDate);
    expect(unshipped.length).toBeGreaterThan(0);
    expect(unshipped.every((o) => o.orderDate >= '1998-04-01')).toBe(true);
  });
});

describeListed('orders-csv conformance kit on the Northwind export', () => {
  it('passes on the Northwind orders file joined with its details', async () => {
    const report = await runConnectorConformance({
      connector: ordersCsv,
      samples: [ordersFile],
      config: northwind,
      expect: { 'northwind-orders.csv': { items: 830, records: 654, rejections: 176 } },
    });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.ok).toBe(true);
    expect(await ordersCsv.count!(fileInput(ordersFile), { config: northwind, warn: () => {} })).toBe(830);
  });
});

describe('orders-csv layouts and formats', () => {
  const linesConfig: OrdersCsvConfig = {
    layout: 'lines',
    delimiter: ';',
    decimalSeparator: ',',
    thousandsSeparator: '.',
    dateFormat: 'DD.MM.YYYY',
    encoding: 'gbk',
    columns: {
      orderNumber: '订单号',
      orderDate: '日期',
      customerId: '客户',
      customerName: '客户名称',
      currency: '币种',
      description: '品名',
      quantity: '数量',
      unitPrice: '单价',
    },
  };
  const csv = [
    '订单号;日期;客户;客户名称;币种;品名;数量;单价',
    'SO-1;03.01.2025;C001;上海贸易有限公司;CNY;螺丝;1.000;0,25',
    'SO-2;04.01.2025;C002;北京公司;CNY;螺母;10;1.234,50',
    'SO-1;03.01.2025;C001;上海贸易有限公司;CNY;垫圈;4;2,5',
    'SO-3;31.02.2025;C003;坏日期;CNY;x;1;1',
    'SO-4;05.01.2025;C004;太多;CNY;x;1;1;extra',
  ].join('\r\n');

  it('groups GBK, semicolon, decimal-comma lines by order number and rejects bad rows with their line', async () => {
    const { out } = await runConnector(ordersCsv, { name: 'export.csv', data: iconv.encode(csv, 'gbk') }, linesConfig);
    expect(orders(out).map((o) => [o.number, o.orderDate, o.buyer.name, o.totalAmount, o.lines.length])).toEqual([
      ['SO-1', '2025-01-03', '上海贸易有限公司', '260', 2],
      ['SO-2', '2025-01-04', '北京公司', '12345', 1],
    ]);
    expect(orders(out)[0]!.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.netAmount])).toEqual([
      ['螺丝', '1000', '0.25', '250'],
      ['垫圈', '4', '2.5', '10'],
    ]);
    expect(rejections(out).map((r) => [r.rejected.position.line, r.rejected.field])).toEqual([
      [5, 'orderDate'],
      [6, 'row'],
      [5, 'lines'],
      [6, 'lines'],
    ]);
    expect(
      rejections(out)
        .slice(2)
        .map((r) => r.rejected.reason),
    ).toEqual([
      'export.csv order SO-3: line 5 of this order was rejected',
      'export.csv order SO-4: line 6 of this order was rejected',
    ]);
  });

  it('rejects a whole order when one of its rows is bad, whichever row it is', async () => {
    const data =
      'no,date,cust,qty,price\nA,2025-01-01,K,x,10\nA,2025-01-01,K,2,5\nB,2025-01-02,L,1,7\nB,2025-01-02,L,1,7,extra\nC,2025-01-02,M,1,1\n';
    const cfg: OrdersCsvConfig = {
      layout: 'lines',
      currency: 'EUR',
      columns: { orderNumber: 'no', orderDate: 'date', customerId: 'cust', quantity: 'qty', unitPrice: 'price' },
    };
    for (const sortedByOrder of [false, true]) {
      const { out } = await runConnector(ordersCsv, { name: 'l.csv', data }, { ...cfg, sortedByOrder });
      expect(orders(out).map((o) => o.number)).toEqual(['C']);
      expect(
        rejections(out)
          .filter((r) => r.rejected.field === 'lines')
          .map((r) => r.rejected.reason)
          .sort(),
      ).toEqual([
        'l.csv order A: line 2 of this order was rejected',
        'l.csv order B: line 5 of this order was rejected',
      ]);
    }
  });

  it('emits each order as soon as the next starts in a sorted export, and rejects an order that comes back', async () => {
    const data =
      'no,date,cust,qty,price\nA,2025-01-01,K,1,10\nA,2025-01-01,K,2,5\nB,2025-01-02,L,1,7\nA,2025-01-03,K,1,1\n';
    const cfg: OrdersCsvConfig = {
      layout: 'lines',
      sortedByOrder: true,
      currency: 'EUR',
      columns: { orderNumber: 'no', orderDate: 'date', customerId: 'cust', quantity: 'qty', unitPrice: 'price' },
    };
    const { out } = await runConnector(ordersCsv, { name: 's.csv', data }, cfg);
    expect(
      out.map((r) =>
        'rejected' in r
          ? `rejected line ${r.rejected.position.line}`
          : `${r.type === 'order' && r.number} ${r.type === 'order' && r.totalAmount}`,
      ),
    ).toEqual(['A 20', 'B 7', 'rejected line 5']);
  });

  it('rejects an order whose details file has a bad line for it, instead of booking it short', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orders-csv-'));
    const detailsPath = path.join(dir, 'lines.csv');
    writeFileSync(detailsPath, 'order,qty,price\n1,2,10.00\n2,1,abc\n2,1,5.00\n3,1,1,1\n');
    const cfg: OrdersCsvConfig = {
      currency: 'EUR',
      columns: { orderNumber: 'no', orderDate: 'date', customerId: 'cust' },
      details: { path: detailsPath, columns: { orderNumber: 'order', quantity: 'qty', unitPrice: 'price' } },
    };
    const { out } = await runConnector(
      ordersCsv,
      { name: 'h.csv', data: 'no,date,cust\n1,2025-01-01,K\n2,2025-01-01,K\n3,2025-01-01,K\n' },
      cfg,
    );
    expect(orders(out).map((o) => [o.number, o.totalAmount])).toEqual([['1', '20']]);
    expect(rejections(out).map((r) => r.rejected.reason)).toEqual([
      'details file lines.csv line 3: "abc" is not an amount',
      'details: lines.csv line 5: 4 fields, expected 3 (an unquoted "," inside a field?)',
      'h.csv line 3: order 2 has a rejected line (lines.csv line 3)',
      'h.csv line 4: order 3 has a rejected line (lines.csv line 5)',
    ]);
  });

  it('reads one row per order with an amount column', async () => {
    const data =
      'no,date,customer,total,tax\nA1,2025-02-01,K1,119.00,19.00\nA2,2025-02-02,K2,12x,0\nA3,2025-02-03,K3,50,0\n';
    const config: OrdersCsvConfig = {
      currency: 'EUR',
      amountIncludesTax: true,
      columns: { orderNumber: 'no', orderDate: 'date', customerId: 'customer', amount: 'total', taxAmount: 'tax' },
    };
    const { out } = await runConnector(ordersCsv, { name: 'o.csv', data }, config);
    expect(orders(out).map((o) => [o.number, o.totalAmount, o.taxAmount])).toEqual([
      ['A1', '119', '19'],
      ['A3', '50', '0'],
    ]);
    expect(rejections(out)[0]!.rejected).toMatchObject({ field: 'amount', position: { index: 1, line: 3 } });
  });

  it('rejects an unknown currency and refuses a config without amounts', async () => {
    const { out } = await runConnector(
      ordersCsv,
      { name: 'o.csv', data: 'no,date,cur,total\nA1,2025-02-01,ABC,1\n' },
      { columns: { orderNumber: 'no', orderDate: 'date', currency: 'cur', amount: 'total' } },
    );
    expect(rejections(out)[0]!.rejected).toMatchObject({ field: 'currency', reason: expect.stringContaining('ABC') });
    await expect(
      runConnector(ordersCsv, { name: 'o.csv', data: 'no\n1\n' }, { columns: { orderNumber: 'no' } }),
    ).rejects.toThrow(/needs columns.amount/);
  });
});
