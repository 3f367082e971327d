import { describe, expect, it, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { RouteTable } from '../../packages/server/src/api/route-table.ts';
import { customerViewSchema } from '../../packages/server/src/domain/customers/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe('API skeleton', () => {
  it('serves health, readiness, OpenAPI 3.1 and a reference page without login', async () => {
    expect((await t.app.request('/api/v1/health')).status).toBe(200);
    const ready = await t.app.request('/api/v1/ready');
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/customers/{id}'].patch['x-permission']).toBe('customer.write');
    expect(doc.paths['/api/v1/customers'].post.requestBody.content['application/json'].schema.required).toContain(
      'code',
    );
    const returns = (path: string, method: string, status: string) =>
      doc.paths[path][method].responses[status].content['application/json'].schema;
    expect(returns('/api/v1/customers/{id}', 'get', '200').required).toContain('creditLimit');
    expect(returns('/api/v1/customers', 'get', '200').properties.items.items.properties.code).toEqual({
      type: 'string',
    });
    expect(returns('/api/v1/ready', 'get', '200').properties.status).toEqual({ const: 'ready' });
    const page = await t.app.request('/api/docs');
    expect(await page.text()).toContain('/api/v1/customers');
  });

  it('sets strict security headers', async () => {
    const res = await t.app.request('/api/v1/health');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    expect(res.headers.get('content-security-policy')).toMatch(/object-src 'none'/);
    expect(res.headers.get('content-security-policy')).toMatch(/base-uri 'none'/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('checks answers against their response schemas: a customer view missing a field is a 500 naming it', async () => {
    const broken = await createTestApp({
      tables: [
        new RouteTable().add(
          {
            method: 'get',
            path: '/broken-customer',
            access: 'customer.read',
            summary: 'answers a customer without its code',
            response: { status: 200, schema: customerViewSchema },
          },
          (c) => c.json({ id: '00000000-0000-4000-8000-000000000000' }),
        ),
      ],
    });
    const r = await broken.call('GET', '/api/v1/broken-customer');
    expect(r.status).toBe(500);
    expect(r.body.type).toBe('https://hexiao.dev/problems/response-invalid');
    expect(r.body.errors).toContainEqual({ pointer: '/code', reason: 'is required' });
  });

  it('FX rates answer as their schema says (checked by the test app on every call)', async () => {
    const rate = { rateDate: '2026-03-02', fromCurrency: 'USD', toCurrency: 'CNY', rate: '7.1234' };
    const posted = await t.call('POST', '/api/v1/fx-rates', { rates: [rate] }, { 'idempotency-key': 'fx-skeleton-1' });
    expect(posted.status).toBe(201);
    const listed = await t.call('GET', '/api/v1/fx-rates?from=USD');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ ...rate, rateType: 'spot', source: null })]);
  });

  it('every route declares its access', () => {
    for (const table of t.tables) for (const s of table.specs) expect(s.access, `${s.method} ${s.path}`).toBeTruthy();
  });

  it('refuses anonymous calls with 401 problem+json', async () => {
    const res = await t.app.request('/api/v1/customers');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const r = await t.call('GET', '/api/v1/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.type).toMatch(/not-found/);
  });
});

describe('bad input', () => {
  it('malformed JSON → 422 naming the body', async () => {
    const r = await t.call('POST', '/api/v1/customers', '{"code": "C1",');
    expect(r.status).toBe(422);
    expect(r.body.detail).toMatch(/malformed JSON/);
    expect(r.body.errors[0].pointer).toBe('/');
  });

  it('unknown fields and wrong types → 422 with a pointer for each, nothing written', async () => {
    const r = await t.call('POST', '/api/v1/customers', {
      code: 'C-X',
      name: 'X',
      colour: 'red',
      paymentTermsDays: 'soon',
    });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/colour', reason: 'is not a known field' },
        { pointer: '/paymentTermsDays', reason: expect.stringMatching(/integer/) },
      ]),
    );
    const list = await t.call('GET', '/api/v1/customers?q=C-X');
    expect(list.body.items).toEqual([]);
  });

  it('oversized body → 413', async () => {
    const big = JSON.stringify({ code: 'BIG', name: 'x'.repeat(2 * 1024 * 1024) });
    const r = await t.call('POST', '/api/v1/customers', big);
    expect(r.status).toBe(413);
    expect(r.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('a wrong login → 401, and a revoked token → 401', async () => {
    const r = await t.call(
      'POST',
      '/api/v1/auth/login',
      { tenant: t.tenant.slug, email: 'nobody@example.test', password: 'wrong-password' },
      { authorization: '' },
    );
    expect(r.status).toBe(401);
    const created = await t.call('POST', '/api/v1/tokens', { name: 'short-lived' });
    expect(created.status).toBe(201);
    const other = created.body.token as string;
    expect((await t.call('GET', '/api/v1/auth/me', undefined, { authorization: `Bearer ${other}` })).status).toBe(200);
    expect((await t.call('DELETE', `/api/v1/tokens/${created.body.id}`)).status).toBe(200);
    const after = await t.call('GET', '/api/v1/auth/me', undefined, { authorization: `Bearer ${other}` });
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/revoked/);
  });

  it('an invalid definition → 422 with the pointer of each error', async () => {
    const r = await t.call('PUT', '/api/v1/definitions/object-type/customer/draft', {
      document: { appliesTo: 'nothing', fields: { type: 'object', properties: {} } },
    });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([expect.objectContaining({ pointer: '/document/appliesTo' })]);
  });

  it('custom fields failing the object type → 422, nothing written', async () => {
    const doc = {
      appliesTo: 'customer',
      fields: { type: 'object', properties: { industry: { enum: ['auto', 'steel'] } }, required: ['industry'] },
    };
    expect((await t.call('PUT', '/api/v1/definitions/object-type/customer/draft', { document: doc })).status).toBe(200);
    expect((await t.call('POST', '/api/v1/definitions/object-type/customer/publish')).status).toBe(200);
    const bad = await t.call('POST', '/api/v1/customers', {
      code: 'CF-1',
      name: 'Custom Co',
      custom: { industry: 'toys', extra: 1 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/custom/industry', reason: expect.stringMatching(/one of/) },
        { pointer: '/custom/extra', reason: 'is not a known field' },
      ]),
    );
    const good = await t.call('POST', '/api/v1/customers', {
      code: 'CF-1',
      name: 'Custom Co',
      custom: { industry: 'steel' },
      bankAccounts: [{ iban: 'DE89 3704 0044 0532 0130 00' }],
    });
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ objectType: { key: 'customer', version: 1 }, custom: { industry: 'steel' } });
    const one = await t.call('GET', `/api/v1/customers/${good.body.id}`);
    expect(one.body.bankAccounts[0].iban).toBe('DE89370400440532013000');
    const badIban = await t.call('POST', '/api/v1/customers', {
      code: 'CF-2',
      name: 'X',
      custom: { industry: 'auto' },
      bankAccounts: [{ iban: 'DE89370400440532013001' }],
    });
    expect(badIban.status).toBe(422);
    expect(badIban.body.errors[0].pointer).toBe('/bankAccounts/0/iban');
  });

  it('a user without the permission → 403', async () => {
    const rep = await t.userToken(['sales-rep']);
    const r = await t.call(
      'POST',
      '/api/v1/customers',
      { code: 'NOPE', name: 'x' },
      { authorization: `Bearer ${rep}` },
    );
    expect(r.status).toBe(403);
    expect(r.body.detail).toMatch(/customer.write/);
  });
});

describe('login session', () => {
  it('sets an HTTP-only SameSite cookie that authenticates, and logout revokes it', async () => {
    const token = await t.userToken(['clerk']);
    const me = await t.call('GET', '/api/v1/auth/me', undefined, { authorization: `Bearer ${token}` });
    const email = me.body.actor.name.replace(/ \(token.*$/, '');
    const res = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: t.tenant.slug, email, password: 'password-123' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const value = cookie.split(';')[0]!;
    const who = await t.app.request('/api/v1/auth/me', { headers: { cookie: value } });
    expect(((await who.json()) as any).actor.type).toBe('user');
    const { csrfToken } = (await res.clone().json()) as { csrfToken: string };
    const noCsrf = await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie: value } });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as any).detail).toMatch(/x-csrf-token/);
    const wrong = await t.app.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie: value, 'x-csrf-token': csrfToken.replace(/^./, csrfToken[0] === 'A' ? 'B' : 'A') },
    });
    expect(wrong.status).toBe(403);
    expect(
      (
        await t.app.request('/api/v1/auth/logout', {
          method: 'POST',
          headers: { cookie: value, 'x-csrf-token': csrfToken },
        })
      ).status,
    ).toBe(204);
    expect((await t.app.request('/api/v1/auth/me', { headers: { cookie: value } })).status).toBe(401);
    const audit = await t.call('GET', '/api/v1/audit/verify');
    expect(audit.body.ok).toBe(true);
  });
});

describe('login hardening', () => {
  it('locks an account after repeated failures (even the right password is refused), and audits every failure', async () => {
    const token = await t.userToken(['clerk']);
    const me = await t.call('GET', '/api/v1/auth/me', undefined, { authorization: `Bearer ${token}` });
    const email = me.body.actor.user.email as string;
    const attempt = (password: string) =>
      t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': email },
        body: JSON.stringify({ tenant: t.tenant.slug, email, password }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).status).toBe(401);
    const locked = await attempt('password-123');
    expect(locked.status).toBe(401);
    // the same answer as an unknown account: the lock does not tell which e-mails exist
    expect(((await locked.json()) as any).detail).toBe('wrong tenant, email or password');
    const audit = await t.call('GET', `/api/v1/audit?entityType=user&entityId=${me.body.actor.userId}`);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'auth.login-failed')).toHaveLength(5);
    expect(actions).toContain('auth.login-locked');
  });

  it("an address's failed logins past its budget are refused with 429 and Retry-After too", async () => {
    const from = `budget-${Math.random().toString(36).slice(2)}`;
    let refused: Response | undefined;
    for (let i = 0; i < 20 && !refused; i++) {
      const r = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ tenant: t.tenant.slug, email: `budget${i}@example.test`, password: 'nope-nope' }),
      });
      if (r.status === 429) refused = r;
      else expect(r.status).toBe(401);
    }
    expect(refused).toBeDefined();
    expect(refused!.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('rate-limits the login route with 429 and Retry-After', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 25; i++)
      last = await t.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: t.tenant.slug, email: `x${i}@example.test`, password: 'nope-nope' }),
      });
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last!.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
