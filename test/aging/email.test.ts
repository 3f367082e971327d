import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { pdfPages } from '../support/pdf-text.ts';
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
    const toOwner = () => smtp.got.filter((m) => m.to.includes(owner)).length;
    const before = toOwner();
    const rounds = await deliverAllTenants(t.deps.db, {
      allowPrivate: false,
      mailer: () => smtpMailer(`smtp://127.0.0.1:${port}`, 'ar@example.test'),
      // this tenant only: on a database shared with the rest of the suite, every other tenant's notifications to
      // its users would go out too (the webhooks test runs the round over every tenant)
      tenants: [t.tenant.id],
    });
    expect(rounds.find((r) => r.tenant === t.tenant.id)?.email).toEqual({ sent: 1, failed: 0, reason: null });
    expect(toOwner()).toBe(before + 1);
    expect(
      (
        await deliverAllTenants(t.deps.db, {
          allowPrivate: false,
          mailer: () => smtpMailer(`smtp://127.0.0.1:${port}`, 'ar@example.test'),
          tenants: [t.tenant.id],
        })
      ).find((r) => r.tenant === t.tenant.id)?.email?.sent,
    ).toBe(0);
  });

  it("a level with the customer-email channel writes to the customer's billing contact, its statement attached as a PDF", async () => {
    const bill = await t.call('POST', '/api/v1/customers', {
      code: 'BILL',
      name: '账单客户有限公司',
      billingEmail: 'ap@buyer.example',
    });
    expect(bill.status).toBe(201);
    expect(bill.body.billingEmail).toBe('ap@buyer.example');
    const bad = await t.call('POST', '/api/v1/customers', { code: 'BILL2', name: 'x', billingEmail: 'not an address' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe('/billingEmail');
    const posted = await t.call(
      'POST',
      '/api/v1/receivables',
      {
        type: 'invoice',
        number: 'BILL-1',
        customerId: bill.body.id,
        currency: 'CNY',
        amount: '1234.56',
        documentDate: '2026-03-02',
        postingDate: '2026-03-02',
        dueDate: '2026-03-12',
      },
      { 'idempotency-key': 'mail-BILL-1' },
    );
    expect(posted.status).toBe(201);
    const plan = {
      language: 'en',
      levels: [
        {
          id: 'firm',
          when: { '>=': [{ var: 'item.daysPastDue' }, 1] },
          channels: ['customer-email'],
          attachStatement: true,
          templates: {
            en: {
              subject: { cat: ['Invoice ', { var: 'item.number' }, ' is overdue'] },
              body: { cat: ['Please pay ', { var: 'item.openAmount' }, ' ', { var: 'item.currency' }, '.'] },
            },
          },
        },
      ],
    };
    expect((await t.call('PUT', '/api/v1/definitions/reminder-plan/customers/draft', { document: plan })).status).toBe(
      200,
    );
    expect((await t.call('POST', '/api/v1/definitions/reminder-plan/customers/publish')).status).toBe(200);
    const before = smtp.got.length;
    const r = await t.call('POST', '/api/v1/reminders/sweep', { asOf: '2026-03-14', plan: 'customers', email: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // BILL-1 goes to its customer; MAIL-1 (also overdue) has no billing contact: recorded, not e-mailed
    expect(r.body.customerEmails).toEqual({ queued: 1, noAddress: 1 });
    expect(r.body.notifications).toBe(1); // customer-email only: no user is told in the app
    expect(r.body.email).toEqual({ sent: 1, failed: 0, reason: null });
    expect(smtp.got).toHaveLength(before + 1);
    const got = smtp.got.at(-1)!;
    expect(got.to).toEqual(['ap@buyer.example']);
    const mail = await simpleParser(got.raw);
    expect(mail.subject).toBe('Invoice BILL-1 is overdue');
    expect(mail.text?.trim()).toMatch(/^Please pay 1234\.56 CNY\.$/);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['statement-BILL-2026-03-14.pdf', 'application/pdf'],
    ]);
    const text = (await pdfPages(new Uint8Array(mail.attachments[0]!.content))).join(' ');
    expect(text).toContain('账单客户有限公司');
    expect(text).toContain('BILL-1');
    expect(text).toMatch(/Closing balance\s+1234\.56/);
    const sent = await t.call('GET', `/api/v1/reminders?customerId=${bill.body.id}`);
    expect(sent.body.items.map((x: { level: string; channel: string }) => [x.level, x.channel])).toEqual([
      ['firm', 'customer-email'],
    ]);
    // never twice
    const again = await t.call('POST', '/api/v1/reminders/sweep', {
      asOf: '2026-03-14',
      plan: 'customers',
      email: true,
    });
    expect(again.body.sent).toBe(0);
    expect(smtp.got).toHaveLength(before + 1);
  });

  it('asking for e-mail without an SMTP server configured is refused, naming the field', async () => {
    const plain = await createTestApp();
    const r = await plain.call('POST', '/api/v1/reminders/sweep', { email: true });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ pointer: '/email' });
  });
});
