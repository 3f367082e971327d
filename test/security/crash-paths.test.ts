import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { verifyAudit } from '../../packages/server/src/domain/audit/index.ts';

/** Issue 11 §7: inputs that answered 500; each is a 4xx problem+json naming the field, and writes nothing. */
let t: TestApp;
let customerId: string;
beforeAll(async () => {
  t = await createTestApp();
  customerId = (await t.call('POST', '/api/v1/customers', { code: 'CP-1', name: 'Crash paths' })).body.id;
}, 60_000);

const pointers = (r: { body: any }) => (r.body?.errors ?? []).map((e: { pointer: string }) => e.pointer);
const idem = () => ({ 'idempotency-key': crypto.randomUUID() });

describe('crash paths answer 4xx with the pointer', () => {
  it('NUL bytes in a query parameter, a path segment, a JSON string', async () => {
    const q = await t.call('GET', '/api/v1/customers?q=a%00b');
    expect([q.status, pointers(q)]).toEqual([422, ['/query/q']]);
    const p = await t.call('GET', '/api/v1/definitions/object-type/a%00b');
    expect([p.status, pointers(p)]).toEqual([422, ['/path/key']]);
    const b = await t.call('POST', '/api/v1/customers', '{"code":"CP-2","name":"a\\u0000b"}');
    expect([b.status, pointers(b)]).toEqual([422, ['/name']]);
    expect(b.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('a lone surrogate in text stored as JSON', async () => {
    const r = await t.call('POST', '/api/v1/customers', '{"code":"CP-3","name":"ok","custom":{"note":"x\\ud800"}}');
    expect([r.status, pointers(r)]).toEqual([422, ['/custom/note']]);
    expect((await t.call('GET', '/api/v1/customers?q=CP-3')).body.items).toEqual([]);
  });

  it('amounts over 16 integer digits and credit limits the column cannot hold', async () => {
    const inv = await t.call(
      'POST',
      '/api/v1/receivables',
      {
        type: 'invoice',
        customerId,
        number: 'BIG',
        amount: '12345678901234567.00',
        currency: 'CNY',
        documentDate: '2026-11-01',
      },
      idem(),
    );
    expect([inv.status, pointers(inv)]).toEqual([422, ['/amount']]);
    for (const creditLimit of ['99999999999999999999', '-1']) {
      const c = await t.call('POST', '/api/v1/customers', {
        code: `CL${creditLimit.length}`,
        name: 'limit',
        creditLimit,
      });
      expect([c.status, pointers(c)]).toEqual([422, ['/creditLimit']]);
    }
  });

  it('the year 0 in a date and a period', async () => {
    const r = await t.call(
      'POST',
      '/api/v1/receivables',
      { type: 'invoice', customerId, number: 'Y0', amount: '1.00', currency: 'CNY', documentDate: '0000-01-01' },
      idem(),
    );
    expect([r.status, pointers(r)]).toEqual([422, ['/documentDate']]);
    const fx = await t.call(
      'POST',
      '/api/v1/fx-rates',
      { rates: [{ rateDate: '0000-02-29', fromCurrency: 'USD', toCurrency: 'CNY', rate: '7.1' }] },
      idem(),
    );
    expect([fx.status, pointers(fx)]).toEqual([422, ['/rates/0/rateDate']]);
    for (const action of ['close', 'reopen']) {
      const p = await t.call('POST', `/api/v1/periods/0000-01/${action}`);
      expect([p.status, pointers(p)]).toEqual([422, ['/period']]);
    }
    const v = await t.call('GET', '/api/v1/vouchers?period=0000-01');
    expect([v.status, pointers(v)]).toEqual([422, ['/query/period']]);
  });

  it('an existing e-mail in POST /users → 409 naming /email', async () => {
    const user = { email: 'Twice@Example.test', name: 'Twice', roles: [] };
    expect((await t.call('POST', '/api/v1/users', user)).status).toBe(201);
    const again = await t.call('POST', '/api/v1/users', { ...user, email: 'twice@example.test' });
    expect([again.status, pointers(again)]).toEqual([409, ['/email']]);
  });

  it('the same FX pair and date twice in one batch → 422 naming the repeat', async () => {
    const rate = { rateDate: '2026-03-02', fromCurrency: 'USD', toCurrency: 'CNY', rate: '7.1' };
    const r = await t.call('POST', '/api/v1/fx-rates', { rates: [rate, { ...rate, rate: '7.2' }] }, idem());
    expect([r.status, pointers(r)]).toEqual([422, ['/rates/1']]);
    expect((await t.call('GET', '/api/v1/fx-rates?from=USD')).body.items).toEqual([]);
  });

  it('version numbers over 2³¹ in definition paths are simply not found', async () => {
    for (const v of ['2147483648', '99999999999', '1e10'])
      expect((await t.call('GET', `/api/v1/definitions/object-type/customer/${v}`)).status).toBe(404);
    expect((await t.call('POST', '/api/v1/definitions/object-type/customer/99999999999/rollback')).status).toBe(404);
  });

  it('JSON nested thousands deep → 422 with the pointer; a role scope nested 3,000 deep never reaches the audit log', async () => {
    const custom = `{"code":"CP-4","name":"deep","custom":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const r = await t.call('POST', '/api/v1/customers', custom);
    expect(r.status).toBe(422);
    expect(pointers(r)[0]).toMatch(/^\/custom\/x(\/0){126}$/);
    const scope = `{"name":"deep","permissions":[],"dataScope":${'{"and":['.repeat(1500)}{"==":[{"var":"customer.region"},"E"]}${']}'.repeat(1500)}}`;
    const role = await t.call('PUT', '/api/v1/roles/deep-scope', scope);
    expect(role.status).toBe(422);
    expect(pointers(role)[0]).toMatch(/^\/dataScope(\/and\/0){63}\/and$/);
    const verify = await t.call('GET', '/api/v1/audit/verify');
    expect(verify.body.ok).toBe(true);
    expect((await verifyAudit(t.deps, t.tenant.id)).ok).toBe(true);
  });
});
