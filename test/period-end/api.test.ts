import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

describe('period end through the API', () => {
  it('lists the checklist, refuses a close with blockers as a 409 naming them, clears small balances with a key', async () => {
    const customer = await t.call('POST', '/api/v1/customers', { code: 'PE-1', name: 'Period end Ltd' });
    const inv = await t.call('POST', '/api/v1/receivables', {
      type: 'invoice',
      customerId: customer.body.id,
      currency: 'CNY',
      amount: '100.93',
      documentDate: '2026-09-03',
      postingDate: '2026-09-03',
    });
    const cash = await t.call('POST', '/api/v1/receipts', {
      customerId: customer.body.id,
      currency: 'CNY',
      amount: '100.00',
      documentDate: '2026-09-10',
    });
    const list = await t.call('GET', '/api/v1/periods/2026-09/checklist');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ ready: false, blockers: [{ code: 'unmatched-bank-lines', count: 1 }] });
    const refused = await t.call('POST', '/api/v1/periods/2026-09/close');
    expect([refused.status, refused.headers.get('content-type')]).toEqual([409, 'application/problem+json']);
    expect(refused.body.blockers[0]).toMatchObject({ code: 'unmatched-bank-lines', link: expect.any(String) });
    const bad = await t.call('GET', '/api/v1/periods/2026-9/checklist');
    expect([bad.status, bad.body.errors[0].pointer]).toEqual([422, '/period']);

    const settle = await t.call('POST', '/api/v1/settlements', {
      lines: [{ debitDocumentId: inv.body.document.id, creditDocumentId: cash.body.document.id, amount: '100.00' }],
      postingDate: '2026-09-10',
    });
    expect(settle.status).toBe(201);
    const keyless = await t.call(
      'POST',
      '/api/v1/period-end/small-balances',
      { thresholds: { CNY: '1.00' }, postingDate: '2026-09-30' },
      { 'idempotency-key': '' },
    );
    expect(keyless.status).toBe(428);
    const wrong = await t.call('POST', '/api/v1/period-end/small-balances', { thresholds: { CNY: 'abc' } });
    expect([wrong.status < 500, wrong.body.errors[0].pointer]).toEqual([true, '/thresholds/CNY']);
    const cleared = await t.call('POST', '/api/v1/period-end/small-balances', {
      thresholds: { CNY: '1.00' },
      postingDate: '2026-09-30',
    });
    expect(cleared.status).toBe(201);
    expect(cleared.body).toMatchObject({ totals: [{ currency: 'CNY', items: 1, amount: '0.93' }], more: false });

    const closed = await t.call('POST', '/api/v1/periods/2026-09/close');
    expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
    const roll = await t.call('GET', '/api/v1/periods/2026-09/roll-forward');
    expect(roll.body).toMatchObject({ carried: true, nextPeriod: '2026-10' });
    const reopened = await t.call('POST', '/api/v1/periods/2026-09/reopen', { reason: 'audit adjustment' });
    expect(reopened.body.status).toBe('open');
  });
});
