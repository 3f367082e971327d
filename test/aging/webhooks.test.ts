import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../packages/server/src/store/db.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { todayIn } from '../../packages/server/src/domain/ledger/index.ts';
import { systemActor } from '../../packages/server/src/domain/context.ts';
import { deliverAllTenants } from '../../packages/server/src/domain/reminders/index.ts';
import { tenantSteps, withTenant } from '../../packages/server/src/domain/unit-of-work/index.ts';
import {
  createEndpoint,
  deliverWebhooks,
  verifyWebhookSignature,
  type WebhookDeliveryOptions,
  type WebhookPost,
} from '../../packages/server/src/domain/webhooks/index.ts';
import { testAuditKey } from '../support/factories.ts';

let t: TestApp;
let server: Server;
let url: string;
let answer = 500;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let today: string;
const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
let start = new Date();
const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);

const deliver = (o: Omit<WebhookDeliveryOptions, 'allowPrivate'> & { allowPrivate?: boolean }) =>
  deliverWebhooks(
    tenantSteps(t.deps.db, t.tenant.id),
    { tenant: t.tenant, actor: systemActor('webhooks') },
    { allowPrivate: true, ...o },
  );

const plan = {
  language: 'en',
  levels: [
    {
      id: 'firm',
      when: { '>=': [{ var: 'item.daysPastDue' }, 7] },
      notify: { roles: ['clerk'] },
      templates: { en: { subject: { cat: ['Invoice ', { var: 'item.number' }, ' is overdue'] }, body: 'Please pay.' } },
    },
  ],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  t = await createTestApp({ config: { webhookAllowPrivate: true } });
  today = todayIn(t.tenant.timeZone);
  await t.userToken(['clerk'], {}, 'clerk.webhooks@example.test');
  expect((await t.call('PUT', '/api/v1/definitions/reminder-plan/default/draft', { document: plan })).status).toBe(200);
  expect((await t.call('POST', '/api/v1/definitions/reminder-plan/default/publish')).status).toBe(200);
  const customer = (await t.call('POST', '/api/v1/customers', { code: 'HOOK', name: 'Hooked Ltd' })).body.id;
  const inv = await t.call('POST', '/api/v1/receivables', {
    type: 'invoice',
    number: 'HOOK-1',
    customerId: customer,
    currency: 'CNY',
    amount: '500.00',
    documentDate: day(-40),
    postingDate: day(-40),
    dueDate: day(-10),
  });
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
}, 60_000);

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('webhooks', () => {
  let hook: { id: string; secret: string };
  let refused: { id: string };
  let flowsOnly: { id: string };

  it('registers endpoints, shows the secret once, and refuses bad ones with the field', async () => {
    const r = await t.call('POST', '/api/v1/webhooks', { url, events: ['reminders', 'promise.broken'] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    hook = r.body;
    refused = (await t.call('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/closed', events: ['reminder.*'] }))
      .body;
    flowsOnly = (await t.call('POST', '/api/v1/webhooks', { url, events: ['flows'] })).body;
    const list = await t.call('GET', '/api/v1/webhooks');
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([hook.id, refused.id, flowsOnly.id]);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
    for (const [body, pointer] of [
      [{ url: 'ftp://example.com/x', events: ['*'] }, '/url'],
      [{ url: 'https://user:pw@example.com/x', events: ['*'] }, '/url'],
      [{ url: 'not a url at all', events: ['*'] }, '/url'],
      [{ url: 'https://example.com/x', events: [] }, '/events'],
      [{ url: 'https://example.com/x', events: ['Bad Pattern'] }, '/events/0'],
    ] as const) {
      const bad = await t.call('POST', '/api/v1/webhooks', body);
      expect(bad.status, JSON.stringify(body)).toBe(422);
      expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
    const clerk = await t.userToken(['clerk']);
    const denied = await t.call(
      'POST',
      '/api/v1/webhooks',
      { url, events: ['*'] },
      { authorization: `Bearer ${clerk}` },
    );
    expect(denied.status).toBe(403);
  });

  it('by default an endpoint may not point at a loopback or private address', async () => {
    const attempt = withTenant(t.deps.db, t.tenant.id, (db) =>
      createEndpoint(
        { db, auditKey: testAuditKey },
        { tenant: t.tenant, actor: systemActor('admin') },
        { url: 'http://169.254.169.254/latest/meta-data', events: ['*'] },
        { allowPrivate: false },
      ),
    );
    await expect(attempt).rejects.toMatchObject({ errors: [{ pointer: '/url' }] });
  });

  it('a sweep queues one signed event per endpoint that takes it; a 500 is retried after the backoff, then delivered once', async () => {
    const sweep = await t.call('POST', '/api/v1/reminders/sweep', {});
    expect(sweep.body.sent).toBe(1);
    // deliveries are due from when they were queued (the database's clock); the runs below move time on from here
    start = new Date(Date.now() + 1000);
    const first = await deliver({ now: start, backoffSeconds: 30, maxAttempts: 2, timeoutMs: 2000 });
    // the endpoint answers 500, the closed port refuses: both to be retried; the flows-only endpoint got nothing
    expect(first).toMatchObject({ delivered: 0, retrying: 2, failed: 0 });
    expect(received).toHaveLength(1);
    expect(await deliver({ now: later(10), maxAttempts: 2 })).toMatchObject({ delivered: 0, retrying: 0, failed: 0 });
    answer = 200;
    const second = await deliver({ now: later(31), backoffSeconds: 30, maxAttempts: 2, timeoutMs: 2000 });
    expect(second).toMatchObject({ delivered: 1, retrying: 0, failed: 1 });
    expect(second.firstError).toMatch(/ECONNREFUSED|fetch failed/);
    expect(await deliver({ now: later(3600), maxAttempts: 2 })).toMatchObject({ delivered: 0, retrying: 0, failed: 0 });

    expect(received).toHaveLength(2);
    const [a, b] = received as [(typeof received)[0], (typeof received)[0]];
    expect(a.headers['x-hexiao-delivery']).toBe(b.headers['x-hexiao-delivery']);
    expect([a.headers['x-hexiao-attempt'], b.headers['x-hexiao-attempt']]).toEqual(['1', '2']);
    expect(b.headers['x-hexiao-event']).toBe('reminder.firm');
    const event = JSON.parse(b.body);
    expect(event).toMatchObject({ event: 'reminder.firm', source: 'reminders', entity: { type: 'receivable' } });
    expect(event.data).toMatchObject({ number: 'HOOK-1', currency: 'CNY' });
    expect(event.data.openAmount).toMatch(/^500(\.0+)?$/);
    const headers = {
      signature: String(b.headers['x-hexiao-signature']),
      timestamp: String(b.headers['x-hexiao-timestamp']),
    };
    const now = Number(headers.timestamp);
    // what a receiver computes with any HMAC library: sha256 over "<timestamp>.<body>", hex
    const mac = createHmac('sha256', hook.secret).update(`${headers.timestamp}.${b.body}`).digest('hex');
    expect(headers.signature).toBe(`sha256=${mac}`);
    expect(verifyWebhookSignature(hook.secret, headers, b.body, { now })).toBe(true);
    expect(verifyWebhookSignature(hook.secret, headers, b.body.replace('HOOK-1', 'HOOK-9'), { now })).toBe(false);
    expect(verifyWebhookSignature(hook.secret, headers, b.body, { now: now + 3600 })).toBe(false);

    const log = await t.call('GET', `/api/v1/webhooks/${hook.id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ status: 'delivered', lastStatus: 200, nextAttemptAt: null });
    expect(log.body.items[0].attempts.map((x: { statusCode: number }) => x.statusCode)).toEqual([500, 200]);
    const dead = await t.call('GET', `/api/v1/webhooks/${refused.id}/deliveries?status=failed`);
    expect(dead.body.items).toHaveLength(1);
    expect(dead.body.items[0].attempts).toHaveLength(2);
    expect(dead.body.items[0].lastError).toBeTruthy();
    expect((await t.call('GET', `/api/v1/webhooks/${flowsOnly.id}/deliveries`)).body.items).toEqual([]);
  });

  it('without allowPrivate a delivery to a loopback address fails for good, with the reason', async () => {
    const ep = (await t.call('POST', '/api/v1/webhooks', { url: url.replace('127.0.0.1', 'localhost'), events: ['*'] }))
      .body;
    await t.call('POST', `/api/v1/webhooks/${hook.id}/disable`);
    await t.call('POST', `/api/v1/webhooks/${refused.id}/disable`);
    await t.call('POST', `/api/v1/webhooks/${flowsOnly.id}/disable`);
    // a new reminder: a second invoice past due
    const customer = (await t.call('GET', '/api/v1/customers?limit=10')).body.items.find(
      (c: { code: string }) => c.code === 'HOOK',
    ).id;
    await t.call('POST', '/api/v1/receivables', {
      type: 'invoice',
      number: 'HOOK-2',
      customerId: customer,
      currency: 'CNY',
      amount: '70.00',
      documentDate: day(-40),
      postingDate: day(-40),
      dueDate: day(-10),
    });
    expect((await t.call('POST', '/api/v1/reminders/sweep', {})).body.sent).toBe(1);
    const before = received.length;
    const run = await deliver({ now: later(4000), allowPrivate: false });
    expect(run).toMatchObject({ delivered: 0, failed: 1 });
    expect(run.firstError).toContain('loopback, private or link-local');
    expect(received).toHaveLength(before);
    const log = await t.call('GET', `/api/v1/webhooks/${ep.id}/deliveries`);
    expect(log.body.items[0]).toMatchObject({ status: 'failed' });
  });

  it('disabling is audited, once; a disabled endpoint gets no new events', async () => {
    const again = await t.call('POST', `/api/v1/webhooks/${hook.id}/disable`);
    expect(again.status).toBe(409);
    const list = await t.call('GET', '/api/v1/webhooks');
    expect(list.body.items.find((e: { id: string }) => e.id === hook.id)).toMatchObject({ status: 'disabled' });
    const log = await t.call('GET', `/api/v1/webhooks/${hook.id}/deliveries`);
    expect(log.body.items).toHaveLength(1);
    const audit = await t.call('GET', `/api/v1/audit?entityType=webhook&entityId=${hook.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'webhook.create',
      'webhook.disable',
    ]);
  });

  it("the server's outbox round delivers every tenant's due webhooks", async () => {
    for (const e of (await t.call('GET', '/api/v1/webhooks')).body.items)
      if (e.status === 'active') await t.call('POST', `/api/v1/webhooks/${e.id}/disable`);
    answer = 200;
    const ep = (await t.call('POST', '/api/v1/webhooks', { url, events: ['reminders'] })).body;
    const customer = (await t.call('GET', '/api/v1/customers?limit=10')).body.items.find(
      (c: { code: string }) => c.code === 'HOOK',
    ).id;
    await t.call('POST', '/api/v1/receivables', {
      type: 'invoice',
      number: 'HOOK-3',
      customerId: customer,
      currency: 'CNY',
      amount: '30.00',
      documentDate: day(-40),
      postingDate: day(-40),
      dueDate: day(-10),
    });
    expect((await t.call('POST', '/api/v1/reminders/sweep', {})).body.sent).toBe(1);
    const before = received.length;
    const rounds = await deliverAllTenants(t.deps.db, { allowPrivate: true });
    expect(rounds.find((r) => r.tenant === t.tenant.id)).toMatchObject({ webhooks: { delivered: 1, failed: 0 } });
    expect(received).toHaveLength(before + 1);
    expect(JSON.parse(received.at(-1)!.body).data.number).toBe('HOOK-3');
    const log = await t.call('GET', `/api/v1/webhooks/${ep.id}/deliveries?status=delivered`);
    expect(log.body.items).toHaveLength(1);
  });

  it('no transaction is open while a receiver is called: the database serves others meanwhile, and a second deliverer skips the leased delivery', async () => {
    for (const e of (await t.call('GET', '/api/v1/webhooks')).body.items)
      if (e.status === 'active') await t.call('POST', `/api/v1/webhooks/${e.id}/disable`);
    const ep = (await t.call('POST', '/api/v1/webhooks', { url, events: ['reminders'] })).body;
    const customer = (await t.call('GET', '/api/v1/customers?limit=10')).body.items.find(
      (c: { code: string }) => c.code === 'HOOK',
    ).id;
    for (const n of [4, 5])
      await t.call('POST', '/api/v1/receivables', {
        type: 'invoice',
        number: `HOOK-${n}`,
        customerId: customer,
        currency: 'CNY',
        amount: '40.00',
        documentDate: day(-40),
        postingDate: day(-40),
        dueDate: day(-10),
      });
    const queued = (await t.call('POST', '/api/v1/reminders/sweep', {})).body.sent;
    expect(queued).toBeGreaterThanOrEqual(2);
    const ctx = { tenant: t.tenant, actor: systemActor('webhooks') };
    const sent: string[] = [];
    const nested: { delivered: number }[] = [];
    // while the first delivery is being sent, its row must be free (PostgreSQL) and the embedded database not
    // held (PGlite): a second deliverer runs meanwhile and must take the others, never the one being sent
    const slowReceiver: WebhookPost = async (_url, init) => {
      sent.push(init.headers['x-hexiao-delivery']!);
      if (sent.length > 1) return { status: 200 };
      const meanwhile = withTenant(t.deps.db, t.tenant.id, (tx) =>
        tx.execute(sql`SELECT id FROM webhook_deliveries WHERE endpoint_id = ${ep.id} FOR UPDATE NOWAIT`),
      ).then(() =>
        deliverWebhooks(tenantSteps(t.deps.db, t.tenant.id), ctx, { allowPrivate: true, post: slowReceiver }),
      );
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('blocked')), 5000));
      nested.push(await Promise.race([meanwhile, timeout]));
      return { status: 200 };
    };
    const run = await deliverWebhooks(tenantSteps(t.deps.db, t.tenant.id), ctx, {
      allowPrivate: true,
      limit: 1,
      post: slowReceiver,
    });
    expect(run).toMatchObject({ delivered: 1, failed: 0 });
    expect(nested).toEqual([{ delivered: queued - 1, retrying: 0, failed: 0, firstError: null }]);
    expect(new Set(sent).size).toBe(queued);
    expect(sent).toHaveLength(queued);
    const log = await t.call('GET', `/api/v1/webhooks/${ep.id}/deliveries`);
    expect(log.body.items.map((d: { status: string; attempts: unknown[] }) => [d.status, d.attempts.length])).toEqual(
      Array.from({ length: queued }, () => ['delivered', 1]),
    );
  });
});
