import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const customer = async (code: string, region: string, salesOwner: string) =>
    (await t.call('POST', '/api/v1/customers', { code, name: code, region, salesOwner })).body.id as string;
  const invoice = async (customerId: string, amount: string, dueDate: string) =>
    expect(
      (
        await t.call('POST', '/api/v1/receivables', {
          type: 'invoice',
          customerId,
          currency: 'CNY',
          amount,
          documentDate: '2026-01-05',
          dueDate,
        })
      ).status,
    ).toBe(201);
  const east = await customer('F-EAST', 'East', 'anna@example.test');
  const east2 = await customer('F-EAST2', 'East', 'ben@example.test');
  const west = await customer('F-WEST', 'West', 'anna@example.test');
  await invoice(east, '100.10', '2026-02-01');
  await invoice(east2, '20.02', '2026-02-01');
  await invoice(west, '3.03', '2026-02-01');
});

const total = async (path: string, headers?: Record<string, string>) => {
  const r = await t.call('GET', path, undefined, headers);
  expect(r.status).toBe(200);
  return r.body.totals as { total?: string; open?: string };
};

describe('aging, KPIs and the collection plan filtered by region and sales owner', () => {
  it('sum only the customers of the region, the owner, or both', async () => {
    expect((await total('/api/v1/reports/aging?asOf=2026-06-30')).total).toBe('123.15');
    expect((await total('/api/v1/reports/aging?asOf=2026-06-30&region=East')).total).toBe('120.12');
    expect((await total('/api/v1/reports/aging?asOf=2026-06-30&salesOwner=anna%40example.test')).total).toBe('103.13');
    expect(
      (await total('/api/v1/reports/aging?asOf=2026-06-30&region=East&salesOwner=anna%40example.test')).total,
    ).toBe('100.10');
    expect((await total('/api/v1/reports/kpis?asOf=2026-06-30&region=West')).open).toBe('3.03');
    expect((await total('/api/v1/reports/collection-plan?asOf=2026-06-30&region=East')).total).toBe('120.12');
    expect((await total('/api/v1/reports/aging?asOf=2026-06-30&region=Nowhere')).total).toBe('0.00');
    // the receivables behind a filtered chart: the same customers
    const items = await t.call('GET', '/api/v1/open-items?side=debit&region=East&salesOwner=ben%40example.test');
    expect(items.body.items.map((i: { openAmount: string }) => i.openAmount)).toEqual(['20.02']);
  });

  it('never widen a data scope: an East-scoped reader asking for the West gets nothing', async () => {
    const all = (await t.call('GET', '/api/v1/permissions')).body.permissions as string[];
    await t.call('PUT', '/api/v1/roles/east-aging', {
      name: 'East aging',
      permissions: all.filter((p) => p.endsWith('.read')),
      dataScope: { '==': [{ var: 'customer.region' }, { var: '$user.region' }] },
    });
    const token = await t.userToken(['east-aging'], { region: 'East' });
    const as = { authorization: `Bearer ${token}` };
    expect((await total('/api/v1/reports/aging?asOf=2026-06-30', as)).total).toBe('120.12');
    expect((await total('/api/v1/reports/aging?asOf=2026-06-30&region=West', as)).total).toBe('0.00');
  });

  it('refuses an empty or overlong filter with a pointer', async () => {
    for (const q of ['region=', `salesOwner=${'x'.repeat(201)}`]) {
      const r = await t.call('GET', `/api/v1/reports/aging?${q}`);
      expect(r.status).toBe(422);
      expect(r.body.errors[0].pointer).toMatch(/region|salesOwner/);
    }
  });
});

describe('the KPI and collection-plan reports as files', () => {
  it('export every group as CSV and XLSX, exact, filtered like the JSON', async () => {
    const csv = async (path: string) => {
      const r = await t.call('GET', path);
      expect([r.status, r.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
      return String(r.body)
        .replace(/^\ufeff/, '')
        .trim()
        .split('\n');
    };
    const kpis = await csv('/api/v1/reports/kpis?asOf=2026-06-30&region=East&format=csv');
    expect(kpis[1]).toBe(
      'key,group (customer),open,overdue,overdue ratio,"sales, 90 days",DSO (days),"sales, 365 days","bad debts, 365 days",bad-debt ratio',
    );
    expect(kpis.at(-1)).toMatch(/^,total,120\.12,120\.12,1\.0000,/);
    expect(kpis).toHaveLength(5);
    const plan = await csv('/api/v1/reports/collection-plan?asOf=2026-06-30&format=csv&lang=zh');
    expect(plan[1]).toMatch(/^键,分组 \(customer\),笔数,已逾期,本周/);
    expect(plan.at(-1)).toBe(',合计,3,123.15,0.00,0.00,0.00,0.00,0.00,0.00,123.15');

    const res = await t.app.request('/api/v1/reports/kpis?asOf=2026-06-30&format=xlsx', {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kpis-2026-06-30.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const totals = ws.lastRow!;
    expect([totals.getCell(3).value, totals.getCell(3).numFmt]).toEqual([123.15, '#,##0.00']);
    expect([totals.getCell(5).value, totals.getCell(5).numFmt]).toEqual([1, '0.00%']);
  });
});

describe('aging, KPIs and the collection plan filtered by the currency of the items', () => {
  it('sum only the items in that currency (in base), and refuse a code that is not a currency', async () => {
    const c = await t.call('POST', '/api/v1/customers', { code: 'F-USD', name: 'F-USD', region: 'East' });
    const usd = await t.call('POST', '/api/v1/receivables', {
      type: 'invoice',
      customerId: c.body.id,
      currency: 'USD',
      amount: '10.00',
      fxRate: '7.1',
      documentDate: '2026-01-05',
      dueDate: '2026-02-01',
    });
    expect(usd.status, JSON.stringify(usd.body)).toBe(201);
    expect((await total('/api/v1/reports/aging?asOf=2026-06-30')).total).toBe('194.15');
    expect((await total('/api/v1/reports/aging?asOf=2026-06-30&currency=USD')).total).toBe('71.00');
    expect((await total('/api/v1/reports/aging?asOf=2026-06-30&currency=CNY')).total).toBe('123.15');
    expect((await total('/api/v1/reports/aging?asOf=2026-06-30&currency=CNY&region=East')).total).toBe('120.12');
    expect((await total('/api/v1/reports/kpis?asOf=2026-06-30&currency=USD')).open).toBe('71.00');
    expect((await total('/api/v1/reports/collection-plan?asOf=2026-06-30&currency=USD')).total).toBe('71.00');
    expect((await total('/api/v1/reports/aging?asOf=2026-06-30&currency=EUR')).total).toBe('0.00');
    for (const code of ['usd', 'ZZZ']) {
      const r = await t.call('GET', `/api/v1/reports/aging?currency=${code}`);
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.errors[0].pointer).toMatch(/currency/);
    }
  });
});
