import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue 10: the money paths an outside accountant broke. Each test failed before its fix; all run on PGlite and,
// with DATABASE_URL, on PostgreSQL.

async function setup() {
  const t = await createTestApp();
  const customer = await t.call('POST', '/api/v1/customers', {
    code: `C-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Acme Trading',
  });
  expect(customer.status).toBe(201);
  return { t, customerId: customer.body.id as string };
}

const invoice = (customerId: string, extra: object = {}) => ({
  type: 'invoice',
  customerId,
  currency: 'CNY',
  amount: '1130.00',
  documentDate: '2026-11-02',
  ...extra,
});

/** Posts and expects a 422 problem+json naming `pointer`. */
async function expect422(t: TestApp, method: string, path: string, body: unknown, pointer: string) {
  const r = await t.call(method, path, body);
  expect(r.status, JSON.stringify(r.body)).toBe(422);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect((r.body.errors ?? []).map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  return r;
}

async function post(t: TestApp, path: string, body: unknown) {
  const r = await t.call('POST', path, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

describe('amount limits agree from the API to the columns (issue 10 #1)', () => {
  it('answers 422 naming the field for amounts the numeric(20,4) columns cannot hold, never 500', async () => {
    const { t, customerId } = await setup();
    await expect422(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { amount: '99999999999999999.99' }),
      '/amount',
    );
    await expect422(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { currency: 'USD', amount: '2000000000000000.00', fxRate: '7.2' }),
      '/amount',
    );
    // within the input limit, beyond it once converted: 999,999,999,999,999 USD × 7.2
    const r = await expect422(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { currency: 'USD', amount: '999999999999999.00', fxRate: '7.2' }),
      '/amount',
    );
    expect(r.body.detail).toMatch(/limit/);
    await expect422(t, 'POST', '/api/v1/receivables', invoice(customerId, { taxAmount: '1.00001' }), '/taxAmount');
    await expect422(t, 'POST', '/api/v1/receivables', invoice(customerId, { fxRate: '1234567890123' }), '/fxRate');
    await expect422(
      t,
      'POST',
      '/api/v1/receipts',
      { currency: 'CNY', amount: '10000000000000000', documentDate: '2026-11-02' },
      '/amount',
    );
    await expect422(
      t,
      'POST',
      '/api/v1/fx-rates',
      { rates: [{ rateDate: '2026-11-01', fromCurrency: 'USD', toCurrency: 'CNY', rate: '1234567890123.5' }] },
      '/rates/0/rate',
    );
    await expect422(
      t,
      'POST',
      '/api/v1/customers',
      { code: 'BIG', name: 'Big', creditLimit: '99999999999999999.99' },
      '/creditLimit',
    );
  });

  it('posts the largest amount and settles it; a voucher beyond what its total column holds is a 422', async () => {
    const { t, customerId } = await setup();
    const max = '999999999999999.99';
    const inv = await post(t, '/api/v1/receivables', invoice(customerId, { amount: max }));
    expect(inv.document.baseAmount).toBe(max);
    const rct = await post(t, '/api/v1/receipts', {
      customerId,
      currency: 'CNY',
      amount: max,
      documentDate: '2026-11-03',
    });
    const st = await t.call('POST', '/api/v1/settlements', {
      postingDate: '2026-11-04',
      lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: max }],
    });
    expect(st.status, JSON.stringify(st.body)).toBe(201);
    await expect422(
      t,
      'POST',
      '/api/v1/settlements',
      { lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '1000000000000000' }] },
      '/lines/0/amount',
    );
    // eleven maximal lines in one settlement: each fits, their voucher total (> 10^16) does not
    const pairs = [];
    for (let i = 0; i < 11; i++) {
      const d = await post(t, '/api/v1/receivables', invoice(customerId, { amount: max }));
      const c = await post(t, '/api/v1/receipts', {
        customerId,
        currency: 'CNY',
        amount: max,
        documentDate: '2026-11-02',
      });
      pairs.push({ debitDocumentId: d.document.id, creditDocumentId: c.document.id, amount: max });
    }
    await expect422(t, 'POST', '/api/v1/settlements', { postingDate: '2026-11-05', lines: pairs }, '/lines');
  });
});
