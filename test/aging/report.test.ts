import { describe, expect, it } from 'vitest';
import { ledgerSetup } from '../ledger/setup.ts';
import {
  agingReport,
  collectionPlan,
  receivableKpis,
  type AgingReport,
} from '../../packages/server/src/domain/aging/index.ts';
import { postDocument, postWriteOff } from '../../packages/server/src/domain/ledger/index.ts';
import { insertCustomers } from '../../packages/server/src/store/repos/customers.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import { commercialDates, customerRow, invoice, pay, publish } from './setup.ts';

const semiconductor = '0,7,30,60,90';

/** Report rows as [label, ...bucket amounts, total] for comparing to the cent. */
const table = (r: AgingReport) => [
  ...r.rows.map((x) => [x.label, ...x.buckets, x.total]),
  ['total', ...r.totals.buckets, r.totals.total],
];

describe('aging report: worked examples to the cent', () => {
  it('buckets by days past due as of a date (one week / 30 / 60 / 90 days), boundaries inclusive', async () => {
    const s = await ledgerSetup(2);
    const [c1, c2] = s.customers as [string, string];
    await invoice(s, c1, 'A', '1000.00', '2026-03-01', '2026-04-10'); // -10 days: not due
    await invoice(s, c1, 'B', '2000.00', '2026-03-01', '2026-03-31'); // 0: not due (inclusive)
    await invoice(s, c1, 'C', '300.50', '2026-02-20', '2026-03-24'); // 7: 1–7
    await invoice(s, c1, 'D', '450.25', '2026-02-20', '2026-03-23'); // 8: 8–30
    const e = await invoice(s, c2, 'E', '1200.00', '2026-01-02', '2026-01-30'); // 60: 31–60
    await pay(s, c2, e, '200.00', '2026-03-15');
    await invoice(s, c2, 'F', '999.99', '2025-12-01', '2025-12-31'); // 90: 61–90
    await invoice(s, c2, 'G', '5000.00', '2025-12-01', '2025-12-30'); // 91: over 90
    const r = await agingReport(s.database.db, s.ctx, { asOf: '2026-03-31', buckets: semiconductor });
    expect(r.columns.map((c) => [c.from, c.to])).toEqual([
      [null, 0],
      [1, 7],
      [8, 30],
      [31, 60],
      [61, 90],
      [91, null],
    ]);
    expect(r.rows.map((x) => x.key)).toEqual([c2, c1]);
    expect(table(r).map((row) => row.slice(1))).toEqual([
      ['0.00', '0.00', '0.00', '1000.00', '999.99', '5000.00', '6999.99'],
      ['3000.00', '300.50', '450.25', '0.00', '0.00', '0.00', '3750.75'],
      ['3000.00', '300.50', '450.25', '1000.00', '999.99', '5000.00', '10750.74'],
    ]);
    expect(r.rows.map((x) => x.count)).toEqual([3, 4]);
    expect(r.totals.count).toBe(7);
    expect(r.groups).toBe(2);
    expect(r.definition).toBeNull();
  });

  it('as of a past date equals the aging computed before later documents and settlements were posted', async () => {
    const s = await ledgerSetup(2);
    const [c1, c2] = s.customers as [string, string];
    const g = await invoice(s, c2, 'G', '5000.00', '2025-12-01', '2025-12-30');
    const a = await invoice(s, c1, 'A', '1000.00', '2026-03-01', '2026-04-10');
    await pay(s, c1, a, '400.00', '2026-03-20');
    const before = await agingReport(s.database.db, s.ctx, { asOf: '2026-03-31' });
    await pay(s, c2, g, '5000.00', '2026-04-02'); // settles G after the as-of date
    await pay(s, c1, a, '600.00', '2026-04-03');
    await invoice(s, c1, 'H', '777.00', '2026-04-01', '2026-05-01'); // posted after the as-of date
    const after = await agingReport(s.database.db, s.ctx, { asOf: '2026-03-31' });
    expect(after).toEqual(before);
    expect(before.totals.total).toBe('5600.00');
    const now = await agingReport(s.database.db, s.ctx, { asOf: '2026-04-03' });
    expect(now.totals.total).toBe('777.00');
    expect(now.rows.map((x) => x.key)).toEqual([c1]);
  });

  it('a published ladder names its buckets and its T0; groupings by currency and receivable type', async () => {
    const s = await ledgerSetup(1);
    const [c1] = s.customers as [string];
    await invoice(s, c1, 'A', '100.00', '2026-01-10', '2026-02-09');
    await invoice(s, c1, 'B', '250.00', '2026-03-10', '2026-04-09');
    const v = await publish(s, 'aging-buckets', 'default', {
      title: { zh: '按开票日', en: 'By invoice date' },
      t0: 'documentDate',
      buckets: [
        { id: 'm1', label: { en: 'Within a month' }, to: 30 },
        { id: 'm2', from: 31, to: 60 },
        { id: 'older', from: 61 },
      ],
    });
    const r = await agingReport(s.database.db, s.ctx, { asOf: '2026-03-31', groupBy: 'currency' });
    expect(r.definition).toMatchObject({ kind: 'aging-buckets', key: 'default', version: v.version });
    expect(r.t0).toBe('documentDate');
    expect(r.columns.map((c) => c.label)).toEqual([{ en: 'Within a month' }, '31–60', '>60']);
    // A: 80 days after its invoice date; B: 21 days
    expect(table(r)).toEqual([
      ['CNY', '250.00', '0.00', '100.00', '350.00'],
      ['total', '250.00', '0.00', '100.00', '350.00'],
    ]);
    expect(r.rows[0]!.amounts).toEqual(['250.00', '0.00', '100.00']);
    const dueDate = await agingReport(s.database.db, s.ctx, {
      asOf: '2026-03-31',
      t0: 'dueDate',
      groupBy: 'receivableType',
    });
    // by due date A is 50 days past due, B not yet due (-9 days, in the first bucket)
    expect(table(dueDate)).toEqual([
      ['default', '250.00', '100.00', '0.00', '350.00'],
      ['total', '250.00', '100.00', '0.00', '350.00'],
    ]);
  });

  it('the six T0 choices with payment terms give six due dates for one invoice', async () => {
    const s = await ledgerSetup(1);
    const [c1] = s.customers as [string];
    await publish(s, 'object-type', 'receivable', commercialDates);
    await invoice(s, c1, 'SEMI-1', '8800.00', '2026-02-10', '2026-03-12', {
      orderDate: '2026-01-05',
      shipmentDate: '2026-01-20',
      revenueDate: '2026-01-31',
      estimateDate: '2026-01-25',
      manualDate: '2026-03-25',
    });
    const asOf = '2026-03-31';
    const bucketOf = async (t0: string, terms?: string) => {
      const r = await agingReport(s.database.db, s.ctx, {
        asOf,
        t0,
        buckets: semiconductor,
        ...(terms ? { terms } : {}),
      });
      return r.columns[r.totals.buckets.findIndex((b) => b !== '0.00')]!.id;
    };
    // net 30 from each start date: the due date, then days past it on 2026-03-31
    expect(await bucketOf('custom.orderDate', 'net30')).toBe('31-60'); // due 02-04: 55 days
    expect(await bucketOf('custom.shipmentDate', 'net30')).toBe('31-60'); // due 02-19: 40 days
    expect(await bucketOf('custom.revenueDate', 'net30')).toBe('8-30'); // due 03-02: 29 days
    expect(await bucketOf('custom.estimateDate', 'net30')).toBe('31-60'); // due 02-24: 35 days
    expect(await bucketOf('documentDate', 'net30')).toBe('8-30'); // due 03-12: 19 days
    expect(await bucketOf('custom.manualDate')).toBe('1-7'); // 6 days
    // end of month + 30: shipment 01-20 → 01-31 + 30 = 03-02, 29 days past
    expect(await bucketOf('custom.shipmentDate', 'eom30')).toBe('8-30');
    // an item without that date is reported apart, never lost
    const none = await agingReport(s.database.db, s.ctx, { asOf, t0: 'custom.deliveryDate' });
    expect(none.columns.at(-1)!.id).toBe('undated');
    expect(none.totals.buckets.at(-1)).toBe('8800.00');
    expect(none.totals.total).toBe('8800.00');
  });

  it('instalment terms age each part from its own due date; payments settle the earliest part first', async () => {
    const s = await ledgerSetup(0);
    const row = (code: string) => customerRow(s, code);
    const [c1, c2] = (await insertCustomers(s.database.db, [row('C0'), row('C1')])).map((c) => c.id) as [
      string,
      string,
    ];
    const inv = await invoice(s, c1, 'INST-1', '1000.00', '2026-01-01', '2026-01-31');
    const terms = 'inst30:40/60:30/90:30';
    const at = (asOf: string, over: { terms?: string } = { terms }) =>
      agingReport(s.database.db, s.ctx, { asOf, t0: 'documentDate', buckets: semiconductor, ...over });
    // parts of 400.00, 300.00 and 300.00 due 01-31, 03-02 and 04-01
    const before = await at('2026-02-05');
    expect(before.terms).toBe(terms);
    expect(table(before)).toEqual([
      ['C0 Customer C0', '600.00', '400.00', '0.00', '0.00', '0.00', '0.00', '1000.00'],
      ['total', '600.00', '400.00', '0.00', '0.00', '0.00', '0.00', '1000.00'],
    ]);
    expect(before.totals.count).toBe(3);
    await pay(s, c1, inv, '500.00', '2026-02-10');
    // 500.00 paid: the first part and 100.00 of the second; on 03-15 the second is 13 days past due, the third not due
    const after = await at('2026-03-15');
    expect(table(after)).toEqual([
      ['C0 Customer C0', '300.00', '0.00', '200.00', '0.00', '0.00', '0.00', '500.00'],
      ['total', '300.00', '0.00', '200.00', '0.00', '0.00', '0.00', '500.00'],
    ]);
    const inCurrency = await agingReport(s.database.db, s.ctx, {
      asOf: '2026-03-15',
      t0: 'documentDate',
      terms,
      buckets: semiconductor,
      groupBy: 'currency',
    });
    expect(inCurrency.rows[0]!.amounts).toEqual(['300.00', '0.00', '200.00', '0.00', '0.00', '0.00']);
    // as of the day before the payment the parts are whole again (as-of is exact): the first 9 days past due
    expect((await at('2026-02-09')).totals.buckets).toEqual(['600.00', '0.00', '400.00', '0.00', '0.00', '0.00']);
    // equal thirds of 100.00 are cut at the cent and add up exactly
    await invoice(s, c2, 'INST-2', '100.00', '2026-01-01', '2026-01-31');
    const thirds = await agingReport(s.database.db, s.ctx, {
      asOf: '2026-03-15',
      t0: 'documentDate',
      terms: 'inst30/60/90',
      buckets: '0,13,43',
      groupBy: 'customer',
    });
    expect(thirds.rows.find((r) => r.label === 'C1 Customer C1')!.buckets).toEqual(['33.33', '33.34', '33.33', '0.00']);
    // a published ladder gives one customer's contract instalments, the others stay on net terms
    await publish(s, 'aging-buckets', 'default', {
      t0: 'documentDate',
      terms: { type: 'net', days: 30 },
      byCustomer: {
        C1: {
          t0: 'documentDate',
          terms: { type: 'instalments', parts: [{ days: 30 }, { days: 60 }, { days: 90 }] },
        },
      },
      buckets: [
        { id: 'current', to: 0 },
        { id: 'overdue', from: 1 },
      ],
    });
    const contract = await agingReport(s.database.db, s.ctx, { asOf: '2026-03-15' });
    expect(contract.byCustomer).toEqual({ C1: { t0: 'documentDate', terms: 'inst30/60/90' } });
    expect(table(contract)).toEqual([
      ['C0 Customer C0', '0.00', '500.00', '500.00'],
      ['C1 Customer C1', '33.33', '66.67', '100.00'],
      ['total', '33.33', '566.67', '600.00'],
    ]);
    // the collection plan expects each part on its own date (C0 has no contract: its invoice is due 01-31)
    const plan = await collectionPlan(s.database.db, s.ctx, { asOf: '2026-03-15' });
    const byId = (row: { buckets: string[] }) => Object.fromEntries(plan.columns.map((c, i) => [c.id, row.buckets[i]]));
    expect(byId(plan.rows.find((r) => r.label === 'C1 Customer C1')!)).toMatchObject({
      overdue: '66.67',
      '15-30': '33.33',
    });
    expect(byId(plan.rows.find((r) => r.label === 'C0 Customer C0')!)).toMatchObject({ overdue: '500.00' });
    expect(plan.totals.total).toBe('600.00');
  });

  it('groups by customer group (the parent customer) and by region, a customer without one in its own row', async () => {
    const s = await ledgerSetup(0);
    const row = (code: string, o: { parentId?: string; region?: string } = {}) => customerRow(s, code, o);
    const [g] = await insertCustomers(s.database.db, [row('G')]);
    const [m1, m2] = await insertCustomers(s.database.db, [
      row('M1', { parentId: g!.id, region: 'East' }),
      row('M2', { region: 'West' }),
    ]);
    await invoice(s, g!.id, 'G-1', '10.00', '2026-03-01', '2026-03-31');
    await invoice(s, m1!.id, 'M1-1', '20.00', '2026-03-01', '2026-03-31');
    await invoice(s, m2!.id, 'M2-1', '5.00', '2026-03-01', '2026-03-31');
    const groups = await agingReport(s.database.db, s.ctx, { asOf: '2026-03-31', groupBy: 'customerGroup' });
    expect(groups.rows.map((x) => [x.key, x.label, x.total, x.count])).toEqual([
      [g!.id, 'G Customer G', '30.00', 2],
      [m2!.id, 'M2 Customer M2', '5.00', 1],
    ]);
    const regions = await agingReport(s.database.db, s.ctx, { asOf: '2026-03-31', groupBy: 'region' });
    expect(regions.rows.map((x) => [x.key, x.total])).toEqual([
      ['East', '20.00'],
      [null, '10.00'],
      ['West', '5.00'],
    ]);
  });

  it('the collection plan: expected receipts overdue, this week, next week, in 15–30, 31–60, 61–90 days and later', async () => {
    const s = await ledgerSetup(1);
    const [c1] = s.customers as [string];
    const due: [string, string][] = [
      ['2026-03-20', '100.00'], // 11 days overdue
      ['2026-04-03', '200.00'], // due in 3 days: this week
      ['2026-04-07', '1.00'], // in 7 days: still this week
      ['2026-04-08', '300.00'], // in 8 days: next week
      ['2026-04-30', '400.00'], // in 30 days
      ['2026-05-20', '500.00'], // in 50 days
      ['2026-06-25', '600.00'], // in 86 days
      ['2026-07-15', '700.00'], // in 106 days
    ];
    for (const [i, [d, amount]] of due.entries()) await invoice(s, c1, `CP-${i}`, amount, '2026-03-01', d);
    const plan = await collectionPlan(s.database.db, s.ctx, { asOf: '2026-03-31' });
    expect(plan.columns.map((c) => [c.id, c.from, c.to])).toEqual([
      ['overdue', 1, null],
      ['this-week', -7, 0],
      ['next-week', -14, -8],
      ['15-30', -30, -15],
      ['31-60', -60, -31],
      ['61-90', -90, -61],
      ['later', null, -91],
    ]);
    expect(plan.rows.map((r) => [r.key, ...r.buckets, r.total])).toEqual([
      [c1, '100.00', '201.00', '300.00', '400.00', '500.00', '600.00', '700.00', '2801.00'],
    ]);
  });

  it('KPIs: open, overdue, overdue ratio, DSO over 90 days of sales and the bad-debt ratio over a year', async () => {
    const s = await ledgerSetup(1);
    const [c1] = s.customers as [string];
    await invoice(s, c1, 'K-1', '3000.00', '2026-02-15', '2026-03-17'); // 14 days overdue on 03-31
    await invoice(s, c1, 'K-2', '1500.00', '2026-03-10', '2026-04-09'); // not due
    const lost = await invoice(s, c1, 'K-3', '900.00', '2025-11-01', '2025-12-01'); // sold 150 days before
    await postWriteOff(s.deps, s.ctx, {
      kind: 'bad-debt',
      items: [{ documentId: lost }],
      reason: 'customer deregistered',
      postingDate: '2026-01-15',
    });
    const k = await receivableKpis(s.database.db, s.ctx, { asOf: '2026-03-31' });
    const expected = {
      open: '4500.00',
      overdue: '3000.00',
      overdueRatio: '0.6667',
      sales90: '4500.00', // K-1 and K-2 (K-3 was sold before the 90 days)
      dso: '90.0', // 4500 open ÷ 4500 sold × 90
      sales365: '5400.00',
      badDebts365: '900.00',
      badDebtRatio: '0.1667',
    };
    expect(k.rows).toEqual([{ key: c1, label: expect.any(String), ...expected }]);
    expect(k.totals).toEqual(expected);
    await expect(receivableKpis(s.database.db, s.ctx, { groupBy: 'currency' })).rejects.toMatchObject({
      errors: [{ pointer: '/query/groupBy' }],
    });
  });

  it('a document without a due date is due on its document date', async () => {
    const s = await ledgerSetup(1);
    const [c1] = s.customers as [string];
    await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      number: 'NO-DUE',
      customerId: c1,
      currency: 'CNY',
      amount: '42.42',
      documentDate: '2026-03-01',
      postingDate: '2026-03-01',
    });
    const r = await agingReport(s.database.db, s.ctx, { asOf: '2026-03-31', buckets: semiconductor });
    expect(r.columns.map((c) => c.id)).not.toContain('undated');
    expect(r.totals.buckets).toEqual(['0.00', '0.00', '42.42', '0.00', '0.00', '0.00']); // 30 days
  });

  it('T0 per object type from the ladder', async () => {
    const s = await ledgerSetup(1);
    const [c1] = s.customers as [string];
    await publish(s, 'object-type', 'receivable', commercialDates);
    await invoice(s, c1, 'X', '10.00', '2026-03-01', '2026-03-31', { shipmentDate: '2026-01-01' });
    await publish(s, 'aging-buckets', 'commercial', {
      t0: 'dueDate',
      byObjectType: { receivable: { t0: 'custom.shipmentDate', terms: { type: 'net', days: 30 } } },
      buckets: [
        { id: 'current', to: 0 },
        { id: 'late', from: 1, to: 60 },
        { id: 'very-late', from: 61 },
      ],
    });
    const r = await agingReport(s.database.db, s.ctx, {
      asOf: '2026-03-31',
      buckets: 'commercial',
      withT0Choices: true,
    });
    expect(r.byObjectType).toEqual({ receivable: { t0: 'custom.shipmentDate', terms: 'net30' } });
    // a screen's T0 picker: the document dates, then the object type's date fields by title
    expect(r.t0Choices!.map((c) => c.value)).toEqual([
      'dueDate',
      'documentDate',
      'postingDate',
      'valueDate',
      'custom.estimateDate',
      'custom.manualDate',
      'custom.orderDate',
      'custom.revenueDate',
      'custom.shipmentDate',
    ]);
    // the reports built on aging do not ask for them
    expect((await agingReport(s.database.db, s.ctx, { asOf: '2026-03-31', buckets: 'commercial' })).t0Choices).toBe(
      undefined,
    );
    // shipment 01-01 + net 30 = due 01-31: 59 days late; by its due date (03-31) it would be current
    expect(r.totals.buckets).toEqual(['0.00', '10.00', '0.00']);
    const byDue = await agingReport(s.database.db, s.ctx, { asOf: '2026-03-31', buckets: 'commercial', t0: 'dueDate' });
    expect(byDue.totals.buckets).toEqual(['10.00', '0.00', '0.00']);
  });

  it("T0 and terms a customer's contract sets override the object type's and the ladder's", async () => {
    const s = await ledgerSetup(2);
    const [c1, c2] = s.customers as [string, string];
    const [contract] = await insertCustomers(s.database.db, [
      { tenantId: s.tenant.id, id: newId(), code: 'CONTRACT-7', name: 'By contract', custom: {}, status: 'active' },
    ]);
    await publish(s, 'object-type', 'receivable', commercialDates);
    for (const [who, n] of [
      [c1, 'P'],
      [c2, 'Q'],
      [contract!.id, 'R'],
    ] as const)
      await invoice(s, who, n, '10.00', '2026-03-01', '2026-03-31', { shipmentDate: '2026-01-01' });
    await publish(s, 'aging-buckets', 'contracts', {
      t0: 'dueDate',
      byObjectType: { receivable: { t0: 'custom.shipmentDate', terms: { type: 'net', days: 30 } } },
      // the contract ages from the invoice date, end of month + 15; a code nobody has is ignored
      byCustomer: {
        'CONTRACT-7': { t0: 'documentDate', terms: { type: 'endOfMonth', days: 15 } },
        'NOBODY-1': { t0: 'postingDate' },
      },
      buckets: [
        { id: 'current', to: 0 },
        { id: 'late', from: 1, to: 30 },
        { id: 'later', from: 31, to: 60 },
        { id: 'very-late', from: 61 },
      ],
    });
    const r = await agingReport(s.database.db, s.ctx, { asOf: '2026-04-20', buckets: 'contracts' });
    expect(r.byCustomer).toEqual({ 'CONTRACT-7': { t0: 'documentDate', terms: 'eom15' } });
    // P and Q: shipment 01-01 + net 30 = 01-31, 79 days late; R: 03-31 + 15 = 04-15, 5 days late
    expect(r.totals.buckets).toEqual(['0.00', '10.00', '0.00', '20.00']);
    const row = r.rows.find((x) => x.key === contract!.id)!;
    expect(row.buckets).toEqual(['0.00', '10.00', '0.00', '0.00']);
    // a T0 asked for in the request applies to everyone, contracts included
    const byDue = await agingReport(s.database.db, s.ctx, { asOf: '2026-04-20', buckets: 'contracts', t0: 'dueDate' });
    expect(byDue.byCustomer).toEqual({});
    expect(byDue.totals.buckets).toEqual(['0.00', '30.00', '0.00', '0.00']);
  });
});
