import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let mine: string;
let theirs: string;
const rep = 'rep.aging@example.test';
const as = (token: string) => ({ authorization: `Bearer ${token}` });

async function customer(code: string, salesOwner: string) {
  const r = await t.call('POST', '/api/v1/customers', { code, name: `客户 ${code}`, salesOwner, region: 'East' });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

async function invoice(customerId: string, number: string, amount: string, due: string) {
  const r = await t.call(
    'POST',
    '/api/v1/receivables',
    { type: 'invoice', number, customerId, currency: 'CNY', amount, documentDate: '2026-01-01', dueDate: due },
    { 'idempotency-key': `inv-${number}` },
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp();
  mine = await customer('MINE', rep);
  theirs = await customer('THEIRS', 'someone.else@example.test');
  await invoice(mine, 'M-1', '1234.56', '2026-02-15');
  await invoice(mine, 'M-2', '100.00', '2026-03-30');
  await invoice(theirs, 'T-1', '9999.99', '2026-01-15');
}, 60_000);

const aging = (query: string, headers?: Record<string, string>) =>
  t.call('GET', `/api/v1/reports/aging?${query}`, undefined, headers);

describe('GET /api/v1/reports/aging', () => {
  it('ages every customer for the admin, largest first, paged on the server', async () => {
    const r = await aging('asOf=2026-03-31&buckets=0,30,60,90');
    expect(r.status).toBe(200);
    expect(r.body.rows.map((x: { label: string }) => x.label)).toEqual(['THEIRS 客户 THEIRS', 'MINE 客户 MINE']);
    expect(r.body.totals).toMatchObject({ count: 3, total: '11334.55' });
    // M-2 is 1 day past due, M-1 44 days, T-1 75 days
    expect(r.body.totals.buckets).toEqual(['0.00', '100.00', '1234.56', '9999.99', '0.00']);
    const page2 = await aging('asOf=2026-03-31&limit=1&page=2');
    expect(page2.body).toMatchObject({ page: 2, limit: 1, groups: 2 });
    expect(page2.body.rows.map((x: { key: string }) => x.key)).toEqual([mine]);
    // the totals cover every group whatever the page
    expect(page2.body.totals.total).toBe('11334.55');
  });

  it("a sales rep ages only their customers (the role's data scope)", async () => {
    const token = await t.userToken(['sales-rep'], {}, rep);
    const r = await aging('asOf=2026-03-31', as(token));
    expect(r.status).toBe(200);
    expect(r.body.rows.map((x: { key: string }) => x.key)).toEqual([mine]);
    expect(r.body.totals.total).toBe('1334.56');
    const plan = await t.call(
      'GET',
      '/api/v1/reports/collection-plan?asOf=2026-03-31&groupBy=salesOwner',
      undefined,
      as(token),
    );
    expect(plan.status).toBe(200);
    expect(plan.body.rows.map((x: { key: string; buckets: string[] }) => [x.key, x.buckets[0]])).toEqual([
      [rep, '1334.56'],
    ]);
    const other = await aging(`asOf=2026-03-31&customerId=${theirs}`, as(token));
    expect(other.body.rows).toEqual([]);
    expect(other.body.totals.total).toBe('0.00');
  });

  it('exports the whole report as CSV and XLSX with exact amounts', async () => {
    const csv = await aging('asOf=2026-03-31&buckets=0,30,60,90&format=csv&lang=zh');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(csv.body)
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[1]).toBe('键,分组 (customer),笔数,≤0,1–30,31–60,61–90,>90,合计');
    expect(lines[2]).toBe(`${theirs},THEIRS 客户 THEIRS,1,0.00,0.00,0.00,9999.99,0.00,9999.99`);
    expect(lines.at(-1)).toBe(',合计,3,0.00,100.00,1234.56,9999.99,0.00,11334.55');

    const res = await t.app.request('/api/v1/reports/aging?asOf=2026-03-31&buckets=0,30,60,90&format=xlsx', {
      headers: as(t.token),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="aging-2026-03-31.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual([
      undefined,
      'key',
      'group (customer)',
      'items',
      '≤0',
      '1–30',
      '31–60',
      '61–90',
      '>90',
      'total',
    ]);
    expect(ws.getRow(4).getCell(6).value).toBe(1234.56);
    expect(ws.getRow(5).getCell(9).value).toBe(11334.55);
    expect(ws.getRow(5).getCell(9).numFmt).toBe('#,##0.00');
  });

  it('refuses bad input with problem+json naming the field, never 500', async () => {
    const cases: [string, string, RegExp][] = [
      ['asOf=2999-01-01', '/query/asOf', /in the future/],
      ['asOf=2026-02-30', '/query/asOf', /calendar date/],
      ['asOf=yesterday', '/query/asOf', /calendar date/],
      ['buckets=0,60,30', '/query/buckets', /overlap/],
      ['buckets=0,30,30', '/query/buckets', /overlap/],
      ['buckets=nope', '/query/buckets', /no published aging-buckets definition nope/],
      ['buckets=Bad Key', '/query/buckets', /aging-buckets key/],
      ['groupBy=colour', '/query/groupBy', /must be one of/],
      ['groupBy=custom.x;drop', '/query/groupBy', /must be one of/],
      ['t0=shipment', '/query/t0', /dueDate, documentDate/],
      ['terms=net-5', '/query/terms', /netN, eomN or instalments/],
      ['terms=inst30:40/60:50', '/query/terms', /percents adding up to 100/],
      ['terms=inst60/30', '/query/terms', /instD1\/D2/],
      ['terms=inst30//60', '/query/terms', /instD1\/D2/],
      ['limit=0', '/query/limit', /from 1 to 1000/],
      ['format=pdf', '/query/format', /must be one of/],
    ];
    for (const [query, pointer, reason] of cases) {
      const r = await aging(query);
      expect(r.status, query).toBe(422);
      expect(r.headers.get('content-type'), query).toMatch(/application\/problem\+json/);
      const errors = r.body.errors as { pointer: string; reason: string }[];
      expect(errors.find((e) => e.pointer === pointer)?.reason, query).toMatch(reason);
    }
  });

  it('an aging-buckets definition with overlapping or missing days is refused when saved, with pointers', async () => {
    const save = (buckets: unknown) =>
      t.call('PUT', '/api/v1/definitions/aging-buckets/bad/draft', { document: { buckets } });
    const overlap = await save([
      { id: 'a', to: 30 },
      { id: 'b', from: 30, to: 60 },
      { id: 'c', from: 61 },
    ]);
    expect(overlap.status).toBe(422);
    expect(overlap.body.errors).toEqual([
      { pointer: '/document/buckets/1/from', reason: 'overlaps bucket a: days 30–30 fall in both' },
    ]);
    const gap = await save([
      { id: 'a', to: 30 },
      { id: 'b', from: 45 },
    ]);
    expect(gap.body.errors).toEqual([
      { pointer: '/document/buckets/1/from', reason: 'leaves a gap after bucket a: days 31–44 fall in no bucket' },
    ]);
    const open = await save([
      { id: 'a', from: 0, to: 30 },
      { id: 'b', from: 31, to: 90 },
    ]);
    expect(open.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/document/buckets/0/from',
      '/document/buckets/1/to',
    ]);
  });

  it('instalment terms whose parts do not add up, or fall due out of order, are refused with pointers', async () => {
    const buckets = [
      { id: 'a', to: 30 },
      { id: 'b', from: 31 },
    ];
    const r = await t.call('PUT', '/api/v1/definitions/aging-buckets/inst/draft', {
      document: {
        buckets,
        terms: {
          type: 'instalments',
          parts: [
            { days: 30, percent: 40 },
            { days: 60, percent: 50 },
          ],
        },
        byCustomer: {
          C1: { t0: 'documentDate', terms: { type: 'instalments', parts: [{ days: 60 }, { days: 30 }] } },
        },
      },
    });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([
      { pointer: '/document/terms/parts', reason: 'percents must add up to 100 (they add up to 90)' },
      { pointer: '/document/byCustomer/C1/terms/parts/1', reason: 'days must ascend: 30 after 60' },
    ]);
    const mixed = await t.call('PUT', '/api/v1/definitions/aging-buckets/inst/draft', {
      document: { buckets, terms: { type: 'instalments', parts: [{ days: 30, percent: 40 }, { days: 60 }] } },
    });
    expect(mixed.body.errors).toEqual([
      { pointer: '/document/terms/parts', reason: 'name a percent on every part or on none' },
    ]);
  });
});
