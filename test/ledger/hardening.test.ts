import { describe, expect, it } from 'vitest';
import { sql } from '../../packages/server/src/store/db.ts';
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

describe('a base-currency document carries rate 1 (issue 10 #2)', () => {
  it('refuses another rate on a CNY document and accepts 1 or none', async () => {
    const { t, customerId } = await setup();
    const r = await expect422(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { amount: '10.00', fxRate: '2' }),
      '/fxRate',
    );
    expect(r.body.detail).toMatch(/base currency/);
    await expect422(
      t,
      'POST',
      '/api/v1/receipts',
      { currency: 'CNY', amount: '10.00', fxRate: '0.5', documentDate: '2026-11-02' },
      '/fxRate',
    );
    const inv = await post(t, '/api/v1/receivables', invoice(customerId, { amount: '10.00', fxRate: '1.000' }));
    expect(inv.document.baseAmount).toBe('10.00');
    const rct = await post(t, '/api/v1/receipts', {
      customerId,
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-11-02',
    });
    const st = await post(t, '/api/v1/settlements', {
      postingDate: '2026-11-03',
      lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '10.00' }],
    });
    expect(st.settlement.lines[0].fxDifference).toMatch(/^0(\.0+)?$/);
  });
});

describe('reversal numbers never collide with user numbers (issue 10 #3)', () => {
  it('reverses X after a user posted X-R, and a taken derived number is a 409, never a 500', async () => {
    const { t, customerId } = await setup();
    const x = await post(t, '/api/v1/receivables', invoice(customerId, { number: 'X' }));
    await post(t, '/api/v1/receivables', invoice(customerId, { number: 'X-R' }));
    const rev = await post(t, `/api/v1/receivables/${x.document.id}/reversal`, {
      reason: 'wrong customer',
      postingDate: '2026-11-03',
    });
    expect(rev.reversal.number).toBe('R:X');
    // a user cannot take a derived number
    await expect422(t, 'POST', '/api/v1/receivables', invoice(customerId, { number: 'R:Y' }), '/number');
    const again = await t.call('POST', `/api/v1/receivables/${x.document.id}/reversal`, { reason: 'twice' });
    expect(again.status).toBe(409);
  });

  it('an estimate relieved by an invoice gets a derived number a user cannot take', async () => {
    const { t, customerId } = await setup();
    const est = await post(
      t,
      '/api/v1/receivables',
      invoice(customerId, { type: 'estimate', number: 'E1', amount: '100.00' }),
    );
    await post(t, '/api/v1/receivables', invoice(customerId, { number: 'E1-RI1', amount: '1.00' }));
    const inv = await post(
      t,
      '/api/v1/receivables',
      invoice(customerId, {
        number: 'I1',
        amount: '100.00',
        relievesEstimates: [{ estimateId: est.document.id, amount: '100.00' }],
      }),
    );
    expect(inv.reliefs[0].document.number).toBe('R:E1:I1');
  });
});

describe('cash is never applied to an estimate (issue 10 #5)', () => {
  it('refuses a receipt against an estimate; the invoice then relieves it and revenue is counted once', async () => {
    const { t, customerId } = await setup();
    const est = await post(
      t,
      '/api/v1/receivables',
      invoice(customerId, { type: 'estimate', number: 'E9', amount: '500.00', orderRef: 'PO-9' }),
    );
    const rct = await post(t, '/api/v1/receipts', {
      customerId,
      currency: 'CNY',
      amount: '500.00',
      documentDate: '2026-11-02',
    });
    const r = await expect422(
      t,
      'POST',
      '/api/v1/settlements',
      {
        postingDate: '2026-11-03',
        lines: [{ debitDocumentId: est.document.id, creditDocumentId: rct.document.id, amount: '500.00' }],
      },
      '/lines/0/debitDocumentId',
    );
    expect(r.body.detail).toMatch(/prepayment/);
    const inv = await post(
      t,
      '/api/v1/receivables',
      invoice(customerId, { number: 'I9', amount: '500.00', orderRef: 'PO-9' }),
    );
    expect(inv.reliefs).toHaveLength(1);
    expect(inv.reliefs[0].document.amount).toBe('500.00');
  });
});

describe('FX rate choice (issue 10 #7)', () => {
  it('takes the newest quote of either direction on or before the date, and says when it is over 31 days old', async () => {
    const { t, customerId } = await setup();
    await post(t, '/api/v1/fx-rates', {
      rates: [
        { rateDate: '2025-06-01', fromCurrency: 'USD', toCurrency: 'CNY', rate: '7.2011' },
        { rateDate: '2025-08-01', fromCurrency: 'CNY', toCurrency: 'USD', rate: '0.125' },
      ],
    });
    const inv = await post(
      t,
      '/api/v1/receivables',
      invoice(customerId, { currency: 'USD', amount: '100.00', documentDate: '2025-08-15' }),
    );
    expect(inv.document.fxRate).toMatch(/^8(\.0+)?$/);
    expect(inv.document.baseAmount).toBe('800.00');
    expect(inv.warnings).toEqual([]);
    // before the inverse quote, the direct one is the newest
    const july = await post(
      t,
      '/api/v1/receivables',
      invoice(customerId, { currency: 'USD', amount: '100.00', documentDate: '2025-07-01' }),
    );
    expect(july.document.baseAmount).toBe('720.11');
    // thirteen months later the same quote still converts, with a warning in the response and the audit entry
    const old = await post(
      t,
      '/api/v1/receivables',
      invoice(customerId, { currency: 'USD', amount: '100.00', documentDate: '2026-09-01' }),
    );
    expect(old.warnings.join()).toMatch(/396 days old/);
    const audit = await t.call('GET', `/api/v1/audit?entityId=${old.document.id}`);
    expect(JSON.stringify(audit.body)).toMatch(/396 days old/);
  });

  it('refuses a quote older than the tenant rate-age limit, and takes the document with its own rate', async () => {
    const { t, customerId } = await setup();
    await post(t, '/api/v1/fx-rates', {
      rates: [{ rateDate: '2026-09-01', fromCurrency: 'USD', toCurrency: 'CNY', rate: '7.1' }],
    });
    await t.deps.db.execute(
      sql`UPDATE tenants SET settings = ${JSON.stringify({ ledger: { fx: { maxRateAgeDays: 30 } } })}::jsonb WHERE tenant_id = ${t.tenant.id}`,
    );
    const usd = (extra: object) => invoice(customerId, { currency: 'USD', amount: '100.00', ...extra });
    expect((await post(t, '/api/v1/receivables', usd({ documentDate: '2026-10-01' }))).document.baseAmount).toBe(
      '710.00',
    );
    const r = await expect422(t, 'POST', '/api/v1/receivables', usd({ documentDate: '2026-10-02' }), '/fxRate');
    expect(r.body.errors[0].reason).toMatch(/31 days old .* over the tenant's limit of 30/);
    const own = await post(t, '/api/v1/receivables', usd({ documentDate: '2026-10-02', fxRate: '7.05' }));
    expect(own.document.baseAmount).toBe('705.00');
  });
});

describe('dates (issue 10 #8)', () => {
  it('refuses a due date before the document date and warns of a posting date before it', async () => {
    const { t, customerId } = await setup();
    await expect422(t, 'POST', '/api/v1/receivables', invoice(customerId, { dueDate: '2026-11-01' }), '/dueDate');
    const early = await post(t, '/api/v1/receivables', invoice(customerId, { postingDate: '2026-10-30' }));
    expect(early.warnings.join()).toMatch(/before the document date/);
    // by default any period opens on first use, so opening balances of any age load
    await post(t, '/api/v1/receivables', invoice(customerId, { documentDate: '1990-01-05' }));
  });

  it('follows the tenant date policy: refuses a posting date before the document date, opens periods only in a window', async () => {
    const { t, customerId } = await setup();
    const policy = {
      dates: { postingBeforeDocument: 'refuse' },
      periods: { openOnFirstUse: { monthsBack: 600, monthsAhead: 24 } },
    };
    await t.deps.db.execute(
      sql`UPDATE tenants SET settings = ${JSON.stringify({ ledger: policy })}::jsonb WHERE tenant_id = ${t.tenant.id}`,
    );
    await expect422(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { postingDate: '2026-10-30' }),
      '/postingDate',
    );
    for (const documentDate of ['2099-12-01', '1900-01-31']) {
      const r = await t.call('POST', '/api/v1/receivables', invoice(customerId, { documentDate }));
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.errors[0]).toMatchObject({
        pointer: '/postingDate',
        reason: expect.stringMatching(/open it first/),
      });
    }
    const opened = await t.call('POST', '/api/v1/periods/2099-12/open', {});
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.status).toBe('open');
    await post(t, '/api/v1/receivables', invoice(customerId, { documentDate: '2099-12-01' }));
    expect((await t.call('POST', '/api/v1/periods/2099-12/open', {})).status).toBe(409);
    await post(t, '/api/v1/receivables', invoice(customerId, { documentDate: '2026-11-20' }));
  });
});

describe('idempotency keys belong to a principal (issue 10 #9)', () => {
  it("a manager re-sending the clerk's key with the same body gets his own posting, not the clerk's answer", async () => {
    const { t, customerId } = await setup();
    const clerk = await t.userToken(['clerk']);
    const manager = await t.userToken(['finance-manager']);
    const body = invoice(customerId, { amount: '50.00' });
    const as = (token: string, key: string) =>
      t.call('POST', '/api/v1/receivables', body, { authorization: `Bearer ${token}`, 'idempotency-key': key });
    const first = await as(clerk, 'k-shared');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const replay = await as(clerk, 'k-shared');
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.body.document.id).toBe(first.body.document.id);
    const other = await as(manager, 'k-shared');
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    expect(other.headers.get('idempotency-replayed')).toBeNull();
    expect(other.body.document.id).not.toBe(first.body.document.id);
  });

  it('OpenAPI documents the key length the server accepts', async () => {
    const { t } = await setup();
    const spec = await t.call('GET', '/api/openapi.json');
    const op = spec.body.paths['/api/v1/receivables'].post;
    const header = op.parameters.find((p: { name: string }) => p.name === 'Idempotency-Key');
    expect(header.schema.maxLength).toBe(255);
    const long = await t.call(
      'POST',
      '/api/v1/receivables',
      { type: 'invoice' },
      { 'idempotency-key': 'k'.repeat(255) },
    );
    expect(long.status).toBe(422);
    const tooLong = await t.call(
      'POST',
      '/api/v1/receivables',
      { type: 'invoice' },
      { 'idempotency-key': 'k'.repeat(256) },
    );
    expect(tooLong.status).toBe(422);
  });
});

describe('segregation of duties for reversals and reopening (issue 10 #6)', () => {
  const policy = (t: TestApp, segregation: object) =>
    t.deps.db.execute(
      sql`UPDATE tenants SET settings = ${JSON.stringify({ ledger: { segregation } })}::jsonb WHERE tenant_id = ${t.tenant.id}`,
    );

  it('off by default; when set, the poster may not reverse alone above the threshold and the closer may not reopen', async () => {
    const { t, customerId } = await setup();
    const manager = await t.userToken(['finance-manager']);
    const other = await t.userToken(['finance-manager']);
    const as = (token: string, path: string, body: unknown) =>
      t.call('POST', path, body, { authorization: `Bearer ${token}` });
    const settle = async () => {
      const inv = await post(t, '/api/v1/receivables', invoice(customerId, { amount: '100.00' }));
      const rct = await post(t, '/api/v1/receipts', {
        customerId,
        currency: 'CNY',
        amount: '100.00',
        documentDate: '2026-11-02',
      });
      const st = await as(manager, '/api/v1/settlements', {
        postingDate: '2026-11-03',
        lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '100.00' }],
      });
      expect(st.status, JSON.stringify(st.body)).toBe(201);
      return st.body.settlement.id as string;
    };
    const alone = await as(manager, `/api/v1/settlements/${await settle()}/reversal`, {
      reason: 'mine',
      postingDate: '2026-11-04',
    });
    expect(alone.status).toBe(201);
    await policy(t, { reversalsAbove: '50.00', periodReopen: true });
    const id = await settle();
    const refused = await as(manager, `/api/v1/settlements/${id}/reversal`, {
      reason: 'mine',
      postingDate: '2026-11-04',
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(refused.body.detail).toMatch(/second person/);
    const second = await as(other, `/api/v1/settlements/${id}/reversal`, {
      reason: 'checked',
      postingDate: '2026-11-04',
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const close = await t.call('POST', '/api/v1/periods/2026-10/close', {}, { authorization: `Bearer ${manager}` });
    expect(close.status, JSON.stringify(close.body)).toBeLessThan(300);
    const reopen = await t.call('POST', '/api/v1/periods/2026-10/reopen', {}, { authorization: `Bearer ${manager}` });
    expect(reopen.status).toBe(403);
    const reopen2 = await t.call('POST', '/api/v1/periods/2026-10/reopen', {}, { authorization: `Bearer ${other}` });
    expect(reopen2.status, JSON.stringify(reopen2.body)).toBeLessThan(300);
  });
});

describe('customer status (issue 10 #13)', () => {
  it("refuses a blocked customer's new invoices and estimates; still takes their cash", async () => {
    const t = await createTestApp();
    const c = await post(t, '/api/v1/customers', { code: `B-${Date.now()}`, name: 'Blocked', status: 'blocked' });
    await expect422(t, 'POST', '/api/v1/receivables', invoice(c.id, { amount: '5000000.00' }), '/customerId');
    await expect422(t, 'POST', '/api/v1/receivables', invoice(c.id, { type: 'estimate' }), '/customerId');
    await post(t, '/api/v1/receipts', {
      customerId: c.id,
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-11-02',
    });
  });
});

describe('credit limit (issue 10 #13)', () => {
  it('posts over the limit with a warning in the response and the audit entry; within it, no word', async () => {
    const t = await createTestApp();
    const c = await post(t, '/api/v1/customers', { code: `L-${Date.now()}`, name: 'Limited', creditLimit: '1000.00' });
    const within = await post(t, '/api/v1/receivables', invoice(c.id, { amount: '600.00' }));
    expect(within.warnings ?? []).toEqual([]);
    // a receipt of 100.00 lowers the exposure to 500.00: 500.00 + 450.00 stays within 1,000.00
    await post(t, '/api/v1/receipts', {
      customerId: c.id,
      currency: 'CNY',
      amount: '100.00',
      documentDate: '2026-11-02',
    });
    expect((await post(t, '/api/v1/receivables', invoice(c.id, { amount: '450.00' }))).warnings ?? []).toEqual([]);
    const over = await post(t, '/api/v1/receivables', invoice(c.id, { amount: '50.01' }));
    expect(over.warnings).toEqual([
      expect.stringMatching(/over its credit limit: exposure 1000\.01 CNY .* limit 1000/),
    ]);
    const audit = await t.call('GET', `/api/v1/audit?entityId=${over.document.id}`);
    expect(JSON.stringify(audit.body)).toContain('over its credit limit');
  });
});
