import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { systemCtx } from '../support/factories.ts';
import { importCamt } from '../imports/support.ts';
import { recordFxRates } from '../../packages/server/src/domain/fx/index.ts';
import { postDocument } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../packages/server/src/domain/settlement/index.ts';

const east = 'DE89370400440532013000';
const south = 'GB82WEST12345698765432';

let t: TestApp;
const lines: Record<string, { id: string }> = {};

beforeAll(async () => {
  t = await createTestApp();
  const ctx = systemCtx(t.tenant);
  const deps = { db: t.deps.db, auditKey: t.deps.auditKey };
  const e1 = (
    await t.call('POST', '/api/v1/customers', {
      code: 'E1',
      name: 'East one',
      region: 'East',
      bankAccounts: [{ iban: east }],
    })
  ).body.id;
  const s1 = (
    await t.call('POST', '/api/v1/customers', {
      code: 'S1',
      name: 'South one',
      region: 'South',
      bankAccounts: [{ iban: south }],
    })
  ).body.id;
  // no EUR rate before June 2: the first credit cannot be booked and stays a bank line
  await recordFxRates(deps, ctx, [{ rateDate: '2024-06-02', fromCurrency: 'EUR', toCurrency: 'CNY', rate: '7.75' }]);
  const report = await importCamt(ctx, 'BL-1', [
    { ref: 'R1', e2e: 'E2E-1', amount: '100.00', credit: true, date: '2024-06-01', payerIban: east },
    { ref: 'R2', e2e: 'E2E-2', amount: '200.00', credit: true, date: '2024-06-02', payerIban: south },
    { ref: 'R3', e2e: 'E2E-3', amount: '50.00', credit: false, date: '2024-06-03' },
    { ref: 'R4', e2e: 'E2E-4', amount: '300.00', credit: true, date: '2024-06-04' },
    { ref: 'R5', e2e: 'E2E-5', amount: '80.00', credit: true, date: '2024-06-05', payerIban: east },
  ]);
  expect(report.receipts).toMatchObject({ posted: 3, notPosted: 1 });
  const all = (await t.call('GET', '/api/v1/bank-lines?limit=10')).body.items as { id: string; endToEndId: string }[];
  for (const l of all) lines[l.endToEndId] = l;
  const receiptOf = async (e2e: string) =>
    (await t.call('GET', `/api/v1/bank-lines/${lines[e2e]!.id}`)).body.receipt.id as string;
  const invoice = async (customerId: string, amount: string) =>
    (
      await postDocument(deps, ctx, {
        type: 'invoice',
        customerId,
        currency: 'EUR',
        amount,
        documentDate: '2024-06-02',
      })
    ).document.id;
  await allocate(deps, ctx, {
    postingDate: '2024-06-05',
    lines: [
      { debitDocumentId: await invoice(s1, '150.00'), creditDocumentId: await receiptOf('E2E-2'), amount: '150.00' },
    ],
  });
  await allocate(deps, ctx, {
    postingDate: '2024-06-05',
    lines: [
      { debitDocumentId: await invoice(e1, '80.00'), creditDocumentId: await receiptOf('E2E-5'), amount: '80.00' },
    ],
  });
}, 120_000);

const get = async (query = '', token?: string) => {
  const r = await t.call(
    'GET',
    `/api/v1/bank-lines${query}`,
    undefined,
    token ? { authorization: `Bearer ${token}` } : {},
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { items: { endToEndId: string; status: string }[]; next: string | null };
};
const e2es = (b: { items: { endToEndId: string }[] }) => b.items.map((l) => l.endToEndId);

describe('GET /api/v1/bank-lines: what the bank said, and what each credit became', () => {
  it('lists newest first with the receipt and a status per line', async () => {
    const b = await get();
    expect(b.items.map((l) => [l.endToEndId, l.status])).toEqual([
      ['E2E-5', 'matched'],
      ['E2E-4', 'unmatched'],
      ['E2E-3', 'debit'],
      ['E2E-2', 'partial'],
      ['E2E-1', 'no-receipt'],
    ]);
    expect(b.next).toBeNull();
    const two = (await t.call('GET', `/api/v1/bank-lines/${lines['E2E-2']!.id}`)).body;
    expect(two).toMatchObject({
      amount: '200',
      currency: 'EUR',
      direction: 'credit',
      bookingDate: '2024-06-02',
      counterparty: { name: 'Payer', account: south },
      remittance: 'invoice E2E-2',
      bankReference: 'R2',
      receipt: { amount: '200', openAmount: '50' },
      status: 'partial',
    });
    expect(two.receipt.customerId).toBeTruthy();
  });

  it('pages by cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const b = await get(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(b.items.length).toBeLessThanOrEqual(2);
      seen.push(...e2es(b));
      cursor = b.next;
    }
    expect(seen).toEqual(['E2E-5', 'E2E-4', 'E2E-3', 'E2E-2', 'E2E-1']);
  });

  it('filters by matched or not, direction, date range, account and text', async () => {
    expect(e2es(await get('?matched=false'))).toEqual(['E2E-4', 'E2E-2', 'E2E-1']);
    expect(e2es(await get('?matched=true'))).toEqual(['E2E-5']);
    expect(e2es(await get('?direction=debit'))).toEqual(['E2E-3']);
    expect(e2es(await get('?from=2024-06-02&to=2024-06-04'))).toEqual(['E2E-4', 'E2E-3', 'E2E-2']);
    expect(e2es(await get('?q=e2e-4'))).toEqual(['E2E-4']);
    expect(e2es(await get('?q=invoice%20E2E-2'))).toEqual(['E2E-2']);
    expect(e2es(await get(`?q=${south.slice(0, 10)}`))).toEqual(['E2E-2']);
    expect(e2es(await get('?q=%25'))).toEqual([]);
    const account = (await t.call('GET', `/api/v1/bank-lines/${lines['E2E-1']!.id}`)).body.account.id as string;
    expect(e2es(await get(`?accountId=${account}`))).toHaveLength(5);
    expect(e2es(await get('?accountId=00000000-0000-4000-8000-000000000000'))).toEqual([]);
  });

  it('a scoped user sees only lines whose receipt belongs to a customer in scope', async () => {
    const mgr = await t.userToken(['region-manager'], { region: 'East' });
    expect(e2es(await get('', mgr))).toEqual(['E2E-5']);
    const south = (
      await t.call('GET', `/api/v1/bank-lines/${lines['E2E-2']!.id}`, undefined, { authorization: `Bearer ${mgr}` })
    ).status;
    expect(south).toBe(404);
  });

  it('refuses bad queries with the parameter named, and an unknown id with 404', async () => {
    for (const [q, pointer] of [
      ['?matched=maybe', '/query/matched'],
      ['?from=2024-13-01', '/query/from'],
      ['?from=2024-06-05&to=2024-06-01', '/query/to'],
      ['?cursor=not-a-cursor', '/query/cursor'],
      ['?limit=0', '/query/limit'],
      ['?accountId=x', '/query/accountId'],
      ['?colour=red', '/query/colour'],
    ]) {
      const r = await t.call('GET', `/api/v1/bank-lines${q}`);
      expect([q, r.status]).toEqual([q, 422]);
      expect(r.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
    expect((await t.call('GET', '/api/v1/bank-lines/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.call('GET', '/api/v1/bank-lines/nope')).status).toBe(404);
  });
});
