import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { smtpMailer } from '../../packages/server/src/mail/smtp.ts';
import { deliverAllTenants, deliverByEmail } from '../../packages/server/src/domain/reminders/index.ts';
import { tenantSteps } from '../../packages/server/src/domain/unit-of-work/index.ts';

/** A real SMTP server on loopback that keeps what arrives, and refuses it while `refusing` is set. */
function receiver() {
  const got: { to: string[]; raw: string }[] = [];
  const state = { refusing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (b: Buffer) => (raw += b.toString('utf8')));
      stream.on('end', () => {
        if (state.refusing) return done(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
        got.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  return { server, got, state };
}

let t: TestApp;
let smtp: ReturnType<typeof receiver>;
let port: number;
const owner = 'owner.mail@example.test';

beforeAll(async () => {
  smtp = receiver();
  await new Promise<void>((r) => smtp.server.listen(0, '127.0.0.1', r));
  port = (smtp.server.server.address() as AddressInfo).port;
  t = await createTestApp({ config: { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'ar@example.test' } });
  await t.userToken(['sales-rep'], {}, owner);
  const customer = (await t.call('POST', '/api/v1/customers', { code: 'MAIL', name: '邮件客户', salesOwner: owner }))
    .body.id;
  const plan = {
    levels: [
      {
        id: 'friendly',
        when: { '<=': [-2, { var: 'item.daysPastDue' }, -1] },
        templates: {
          zh: {
            subject: { cat: ['发票 ', { var: 'item.number' }, ' 即将到期'] },
            body: { cat: ['未付 ', { var: 'item.openAmount' }, ' ', { var: 'item.currency' }] },
          },
        },
      },
    ],
  };
  expect((await t.call('PUT', '/api/v1/definitions/reminder-plan/default/draft', { document: plan })).status).toBe(200);
  expect((await t.call('POST', '/api/v1/definitions/reminder-plan/default/publish')).status).toBe(200);
  for (const [number, due] of [
    ['MAIL-1', '2026-03-10'],
    ['MAIL-2', '2026-03-20'],
    ['MAIL-3', '2026-03-25'],
  ])
    expect(
      (
        await t.call(
          'POST',
          '/api/v1/receivables',
          {
            type: 'invoice',
            number,
            customerId: customer,
            currency: 'CNY',
            amount: '10.00',
            documentDate: '2026-02-01',
            postingDate: '2026-02-01',
            dueDate: due,
          },
          { 'idempotency-key': `mail-${number}` },
        )
      ).status,
    ).toBe(201);
}, 60_000);

afterAll(() => new Promise<void>((r) => smtp.server.close(() => r())));

describe('reminders by e-mail through a real SMTP server', () => {
  it('e-mails each reminder once to the sales owner', async () => {
    const r = await t.call('POST', '/api/v1/reminders/sweep', { asOf: '2026-03-08', email: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.email).toEqual({ sent: 1, failed: 0, reason: null });
    expect(smtp.got).toHaveLength(1);
    expect(smtp.got[0]!.to).toEqual([owner]);
    expect(smtp.got[0]!.raw).toMatch(/^From: ar@example\.test/m);
    expect(smtp.got[0]!.raw).toMatch(/^Subject: =\?UTF-8\?/m); // the Chinese subject, encoded
    const again = await t.call('POST', '/api/v1/reminders/sweep', { asOf: '2026-03-08', email: true });
    expect(again.body.email.sent).toBe(0);
    expect(smtp.got).toHaveLength(1); // never twice
  });

  it('a refusing receiver is retried, then the message stays in the outbox with the reason; it goes out once the server accepts', async () => {
    smtp.state.refusing = true;
    const r = await t.call('POST', '/api/v1/reminders/sweep', { asOf: '2026-03-18', email: true });
    expect(r.body.sent).toBe(1); // the reminder itself is recorded
    expect(r.body.email).toMatchObject({ sent: 0, failed: 1 });
    expect(r.body.email.reason).toMatch(/451|mailbox busy/);
    expect(smtp.got).toHaveLength(1);
    smtp.state.refusing = false;
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'ar@example.test');
    const later = await deliverByEmail(
      tenantSteps(t.deps.db, t.tenant.id),
      { tenant: t.tenant, actor: { type: 'system', id: 't', name: 'system:t', roles: ['admin'] } },
      mailer,
    );
    mailer.close?.();
    expect(later).toEqual({ sent: 1, failed: 0, reason: null });
    expect(smtp.got).toHaveLength(2);
    expect(smtp.got[1]!.to).toEqual([owner]);
  });

  it('an unreachable server fails with its reason and loses nothing', async () => {
    const ctx = { tenant: t.tenant, actor: { type: 'system' as const, id: 't', name: 'system:t', roles: ['admin'] } };
    const r = await t.call('POST', '/api/v1/reminders/sweep', { asOf: '2026-03-23' }); // MAIL-3, in the app only
    expect(r.body.sent).toBe(1);
    const closed = smtpMailer('smtp://127.0.0.1:9', 'ar@example.test');
    const failed = await deliverByEmail(tenantSteps(t.deps.db, t.tenant.id), ctx, closed, {
      attempts: 2,
      backoffMs: 10,
    });
    closed.close?.();
    expect(failed).toMatchObject({ sent: 0, failed: 1 });
    expect(failed.reason).toMatch(/ECONNREFUSED|connect/i);
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'ar@example.test');
    expect(await deliverByEmail(tenantSteps(t.deps.db, t.tenant.id), ctx, mailer)).toEqual({
      sent: 1,
      failed: 0,
      reason: null,
    });
    mailer.close?.();
    expect(smtp.got).toHaveLength(3);
  });

  it("the server's outbox round e-mails what the sweep left in the app", async () => {
    const posted = await t.call(
      'POST',
      '/api/v1/receivables',
      {
        type: 'invoice',
        number: 'MAIL-4',
        customerId: (await t.call('GET', '/api/v1/customers?limit=5')).body.items[0].id,
        currency: 'CNY',
        amount: '10.00',
        documentDate: '2026-02-01',
        postingDate: '2026-02-01',
        dueDate: '2026-03-28',
      },
      { 'idempotency-key': 'mail-MAIL-4' },
    );
    expect(posted.status).toBe(201);
    expect((await t.call('POST', '/api/v1/reminders/sweep', { asOf: '2026-03-26' })).body.sent).toBe(1);
    // the round visits every tenant of the database: count what reached this tenant's sales owner
    const toOwner = () => smtp.got.filter((m) => m.to.includes(owner)).length;
    const before = toOwner();
    const rounds = await deliverAllTenants(t.deps.db, {
      allowPrivate: false,
      mailer: () => smtpMailer(`smtp://127.0.0.1:${port}`, 'ar@example.test'),
    });
    expect(rounds.find((r) => r.tenant === t.tenant.id)?.email).toEqual({ sent: 1, failed: 0, reason: null });
    expect(toOwner()).toBe(before + 1);
    expect(
      (
        await deliverAllTenants(t.deps.db, {
          allowPrivate: false,
          mailer: () => smtpMailer(`smtp://127.0.0.1:${port}`, 'ar@example.test'),
        })
      ).find((r) => r.tenant === t.tenant.id)?.email?.sent,
    ).toBe(0);
  });

  it('asking for e-mail without an SMTP server configured is refused, naming the field', async () => {
    const plain = await createTestApp();
    const r = await plain.call('POST', '/api/v1/reminders/sweep', { email: true });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ pointer: '/email' });
  });
});
