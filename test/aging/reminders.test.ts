import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { sweepAllTenants } from '../../packages/server/src/domain/reminders/index.ts';

let t: TestApp;
let customer: string;
let other: string;
const owner = 'rep.remind@example.test';
let ownerToken: string;
let clerkToken: string;
const as = (token: string) => ({ authorization: `Bearer ${token}` });

/** The semiconductor case's levels: a friendly note two days before the due date, firm 7 days after, final 30 after. */
const plan = {
  title: { zh: '催收计划', en: 'Reminder plan' },
  language: 'zh',
  levels: [
    {
      id: 'friendly',
      when: { '<=': [-2, { var: 'item.daysPastDue' }, -1] },
      templates: {
        zh: {
          subject: { cat: ['发票 ', { var: 'item.number' }, ' 将于 ', { var: 'item.dueDate' }, ' 到期'] },
          body: { cat: ['未付金额 ', { var: 'item.openAmount' }, ' ', { var: 'item.currency' }] },
        },
        en: { subject: 'Invoice due soon', body: 'Please pay on time.' },
      },
    },
    {
      id: 'firm',
      when: { '>=': [{ var: 'item.daysPastDue' }, 7] },
      notify: { roles: ['clerk'] },
      templates: { zh: { subject: { cat: ['发票 ', { var: 'item.number' }, ' 已逾期'] }, body: '请尽快付款' } },
    },
  ],
};

async function invoice(customerId: string, number: string, due: string) {
  const r = await t.call(
    'POST',
    '/api/v1/receivables',
    {
      type: 'invoice',
      number,
      customerId,
      currency: 'CNY',
      amount: '1000.00',
      documentDate: '2026-02-01',
      postingDate: '2026-02-01',
      dueDate: due,
    },
    { 'idempotency-key': `rem-${number}` },
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

const sweep = (asOf: string) => t.call('POST', '/api/v1/reminders/sweep', { asOf });

beforeAll(async () => {
  t = await createTestApp();
  customer = (await t.call('POST', '/api/v1/customers', { code: 'SEMI', name: '半导体客户', salesOwner: owner })).body
    .id;
  other = (await t.call('POST', '/api/v1/customers', { code: 'OTHER', name: 'Other', salesOwner: 'x@example.test' }))
    .body.id;
  ownerToken = await t.userToken(['sales-rep'], {}, owner);
  clerkToken = await t.userToken(['clerk']);
  expect((await t.call('PUT', '/api/v1/definitions/reminder-plan/default/draft', { document: plan })).status).toBe(200);
  expect((await t.call('POST', '/api/v1/definitions/reminder-plan/default/publish')).status).toBe(200);
  await invoice(customer, 'SEMI-1', '2026-03-10');
  await invoice(customer, 'SEMI-2', '2026-03-12');
  await invoice(other, 'OTHER-1', '2026-03-11');
}, 60_000);

describe('reminders', () => {
  it('daily sweeps send the friendly reminder exactly two days before each due date, and never twice', async () => {
    const sentOn: Record<string, string[]> = {};
    for (let d = 5; d <= 14; d++) {
      const asOf = `2026-03-${String(d).padStart(2, '0')}`;
      const r = await sweep(asOf);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const again = await sweep(asOf); // a second run the same day sends nothing
      expect(again.body.sent).toBe(0);
      expect(again.body.alreadySent).toBe(again.body.due);
      sentOn[asOf] = r.body.byLevel.friendly.sent ? [String(r.body.byLevel.friendly.sent)] : [];
    }
    const days = Object.entries(sentOn).filter(([, v]) => v.length);
    expect(days).toEqual([
      ['2026-03-08', ['1']], // SEMI-1 due 03-10
      ['2026-03-09', ['1']], // OTHER-1 due 03-11
      ['2026-03-10', ['1']], // SEMI-2 due 03-12
    ]);
    const list = await t.call('GET', `/api/v1/reminders?customerId=${customer}`);
    expect(
      list.body.items.map((x: { level: string; asOf: string; subject: string }) => [x.level, x.asOf, x.subject]),
    ).toEqual([
      ['friendly', '2026-03-10', '发票 SEMI-2 将于 2026-03-12 到期'],
      ['friendly', '2026-03-08', '发票 SEMI-1 将于 2026-03-10 到期'],
    ]);
  });

  it("notifies the customer's sales owner (and the roles a level names) in the app, once", async () => {
    const mine = await t.call('GET', '/api/v1/notifications?source=reminders', undefined, as(ownerToken));
    expect(mine.status).toBe(200);
    const titles = mine.body.items.map((n: { title: string }) => n.title).sort();
    expect(titles).toEqual(['发票 SEMI-1 将于 2026-03-10 到期', '发票 SEMI-2 将于 2026-03-12 到期']);
    expect(mine.body.items[0].payload.body).toBe('未付金额 1000 CNY');
    const firm = await sweep('2026-03-19'); // SEMI-1 9 days late, OTHER-1 8 days, SEMI-2 7 days
    expect(firm.body.byLevel.firm).toEqual({ due: 3, sent: 3 });
    const clerk = await t.call('GET', '/api/v1/notifications?source=reminders', undefined, as(clerkToken));
    expect(clerk.body.items.map((n: { kind: string }) => n.kind)).toEqual([
      'reminder.firm',
      'reminder.firm',
      'reminder.firm',
    ]);
    // the sales rep sees the reminders of their customers only
    const scoped = await t.call('GET', '/api/v1/reminders', undefined, as(ownerToken));
    expect(new Set(scoped.body.items.map((x: { customerId: string }) => x.customerId))).toEqual(new Set([customer]));
  });

  it('two sweeps at the same time send each reminder once', async () => {
    const [a, b] = await Promise.all([sweep('2026-03-30'), sweep('2026-03-30')]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.sent + b.body.sent).toBe(0); // everything due on 03-30 was sent on 03-19 already
    const list = await t.call('GET', '/api/v1/reminders?limit=1000');
    const keys = list.body.items.map((x: { documentId: string; level: string }) => `${x.documentId}/${x.level}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(6);
  });

  it("a plan's pauseWhen holds every level back for its items until it no longer holds", async () => {
    const paused = { ...plan, pauseWhen: { '==': [{ var: 'customer.code' }, 'OTHER'] } };
    expect((await t.call('PUT', '/api/v1/definitions/reminder-plan/paused/draft', { document: paused })).status).toBe(
      200,
    );
    expect((await t.call('POST', '/api/v1/definitions/reminder-plan/paused/publish')).status).toBe(200);
    const r = await t.call('POST', '/api/v1/reminders/sweep', { asOf: '2026-03-19', plan: 'paused' });
    expect(r.status).toBe(200);
    expect(r.body.paused).toBe(1); // OTHER-1
    expect(r.body.byLevel.firm).toEqual({ due: 2, sent: 2 }); // SEMI-1 and SEMI-2 only
  });

  it('the scheduled round sweeps each tenant with a published plan in its own transaction and skips the others', async () => {
    const bare = await createTestApp();
    const rounds = await sweepAllTenants(t.deps.db as never, { only: [t.tenant.id, bare.tenant.id] });
    const mine = rounds.find((r) => r.tenant === t.tenant.id)!;
    expect(mine.report!.plan.key).toBe('default');
    expect(mine.report!.scanned).toBe(3);
    expect(mine.error).toBeUndefined();
    const other = rounds.find((r) => r.tenant === bare.tenant.id)!;
    expect(other.skipped).toMatch(/no published reminder-plan default/);
  });

  it('refuses a level reading an unknown field, an unknown plan and a future date, naming the field', async () => {
    const bad = await t.call('PUT', '/api/v1/definitions/reminder-plan/bad/draft', {
      document: {
        levels: [
          { id: 'x', when: { '>': [{ var: 'item.colour' }, 1] }, templates: { en: { subject: 's', body: 'b' } } },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toMatch(/^\/document\/levels\/0\/when/);
    expect(bad.body.errors[0].reason).toMatch(/colour/);
    const unknown = await t.call('POST', '/api/v1/reminders/sweep', { plan: 'nope' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ pointer: '/plan' });
    const future = await t.call('POST', '/api/v1/reminders/sweep', { asOf: '2999-01-01' });
    expect(future.status).toBe(422);
    expect(future.body.errors[0]).toMatchObject({ pointer: '/asOf' });
    // a sales rep may not run the sweep (it acts for every customer)
    expect((await t.call('POST', '/api/v1/reminders/sweep', {}, as(ownerToken))).status).toBe(403);
  });
});
