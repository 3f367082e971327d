import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue 10 #11 and #12: a customer's balance and a trial balance reconciling to the open items, and open items
// as of a date, filtered and keyset-paged. Worked example to the cent, on PGlite and PostgreSQL.

async function post(t: TestApp, path: string, body: unknown) {
  const r = await t.call('POST', path, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function get(t: TestApp, path: string) {
  const r = await t.call('GET', path);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function books() {
  const t = await createTestApp();
  const c = (await post(t, '/api/v1/customers', { code: 'C-BAL', name: 'Harbour Foods' })).id as string;
  const doc = (path: string, body: object) => post(t, path, { customerId: c, ...body }).then((b) => b.document);
  const inv1 = await doc('/api/v1/receivables', {
    type: 'invoice',
    currency: 'CNY',
    amount: '1000.00',
    documentDate: '2026-11-02',
    dueDate: '2026-12-02',
  });
  const inv2 = await doc('/api/v1/receivables', {
    type: 'invoice',
    currency: 'USD',
    amount: '100.00',
    fxRate: '7.1',
    documentDate: '2026-11-03',
    dueDate: '2026-11-20',
  });
  const r1 = await doc('/api/v1/receipts', { currency: 'CNY', amount: '300.00', documentDate: '2026-11-05' });
  await post(t, '/api/v1/settlements', {
    postingDate: '2026-11-10',
    lines: [{ debitDocumentId: inv1.id, creditDocumentId: r1.id, amount: '300.00' }],
  });
  const r2 = await doc('/api/v1/receipts', { currency: 'CNY', amount: '50.00', documentDate: '2026-11-12' });
  const stray = (await post(t, '/api/v1/receipts', { currency: 'CNY', amount: '25.00', documentDate: '2026-11-13' }))
    .document;
  return { t, c, inv1, inv2, r1, r2, stray };
}

describe("a customer's balance as of a date (issue 10 #11)", () => {
  it('gives receivables, unapplied credits and net per currency and in base, exact to the cent', async () => {
    const b = await books();
    const before = await get(b.t, `/api/v1/customers/${b.c}/balance?asOf=2026-11-06`);
    expect(before.currencies).toEqual([
      {
        currency: 'CNY',
        receivables: '1000.00',
        unappliedCredits: '300.00',
        net: '700.00',
        netBase: '700.00',
        openItems: 2,
      },
      {
        currency: 'USD',
        receivables: '100.00',
        unappliedCredits: '0.00',
        net: '100.00',
        netBase: '710.00',
        openItems: 1,
      },
    ]);
    expect(before.netBase).toBe('1410.00');
    const now = await get(b.t, `/api/v1/customers/${b.c}/balance`);
    expect(now.currencies[0]).toMatchObject({ receivables: '700.00', unappliedCredits: '50.00', net: '650.00' });
    expect(now.netBase).toBe('1360.00');
    const empty = await get(b.t, `/api/v1/customers/${b.c}/balance?asOf=2026-11-01`);
    expect(empty).toMatchObject({ currencies: [], netBase: '0.00' });
  });

  it('refuses a date that is not one, and answers 404 for a customer of nobody', async () => {
    const b = await books();
    const bad = await b.t.call('GET', `/api/v1/customers/${b.c}/balance?asOf=2026-13-01`);
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(JSON.stringify(bad.body)).toContain('asOf');
    const none = await b.t.call('GET', `/api/v1/customers/00000000-0000-7000-8000-000000000000/balance`);
    expect(none.status).toBe(404);
  });
});

describe('trial balance of the AR accounts (issue 10 #11)', () => {
  it('balances, and each clearing account reconciles to its open items at the period end', async () => {
    const b = await books();
    const tb = await get(b.t, '/api/v1/ledger/trial-balance?period=2026-11');
    expect(tb.balanced).toBe(true);
    expect(tb.reconciled).toBe(true);
    expect(tb.totals.debit).toBe(tb.totals.credit);
    const withItems = tb.accounts.filter((a: { openItems?: string }) => a.openItems !== undefined);
    // receivables 700.00 + 710.00 open in base; unapplied cash 50.00 + 25.00 on the receipts' clearing account
    expect(withItems.map((a: { closing: string }) => a.closing).sort()).toEqual(['-75.00', '1410.00']);
    for (const a of withItems) expect(a.difference).toBe('0.00');
    const october = await get(b.t, '/api/v1/ledger/trial-balance?period=2026-10');
    expect(october.accounts).toEqual([]);
    const bad = await b.t.call('GET', '/api/v1/ledger/trial-balance?period=2026-13');
    expect(bad.status).toBe(422);
  });
});

describe('open items as of a date, filtered and keyset-paged (issue 10 #12)', () => {
  it('reconstructs open amounts from the settlements posted by then', async () => {
    const b = await books();
    const q = (s: string) => get(b.t, `/api/v1/open-items?customerId=${b.c}&${s}`);
    const then = await q('asOf=2026-11-06');
    expect(then.items.map((i: { number: string; openAmount: string }) => [i.number, i.openAmount])).toEqual([
      [b.inv2.number, '100.00'],
      [b.inv1.number, '1000.00'],
      [b.r1.number, '300.00'],
    ]);
    // each item names its customer, so a list needs no request per row
    expect(then.items.map((i: { customer: unknown }) => i.customer)).toEqual(
      Array.from({ length: 3 }, () => ({ code: 'C-BAL', name: 'Harbour Foods' })),
    );
    const now = await q('');
    expect(now.items.find((i: { documentId: string }) => i.documentId === b.inv1.id).openAmount).toBe('700.00');
    expect(now.items.some((i: { documentId: string }) => i.documentId === b.r1.id)).toBe(false);
    expect((await q('open=false')).items.find((i: { documentId: string }) => i.documentId === b.r1.id).status).toBe(
      'settled',
    );
  });

  it('filters by currency, type, due range and unidentified cash', async () => {
    const b = await books();
    const q = (s: string) =>
      get(b.t, `/api/v1/open-items?${s}`).then((r) => r.items.map((i: { documentId: string }) => i.documentId));
    expect(await q(`customerId=${b.c}&currency=USD`)).toEqual([b.inv2.id]);
    expect(await q(`customerId=${b.c}&type=receipt`)).toEqual([b.r2.id]);
    expect(await q(`customerId=${b.c}&dueFrom=2026-11-21&dueTo=2026-12-31`)).toEqual([b.inv1.id]);
    expect(await q('unidentified=true')).toEqual([b.stray.id]);
  });

  it('walks every item once, in order, page by page', async () => {
    const b = await books();
    const all = (await get(b.t, '/api/v1/open-items?open=false&limit=1000')).items.map(
      (i: { documentId: string }) => i.documentId,
    );
    expect(all.length).toBe(5);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await get(
        b.t,
        `/api/v1/open-items?open=false&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.items.map((i: { documentId: string }) => i.documentId));
      cursor = page.next;
    }
    expect(seen).toEqual(all);
    const bad = await b.t.call('GET', '/api/v1/open-items?cursor=nonsense');
    expect(bad.status).toBe(422);
  });
});
