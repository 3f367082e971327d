import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { todayIn } from '../../packages/server/src/domain/ledger/index.ts';

let t: TestApp;
let customer: string;
let today: string;
const owner = 'rep.promise@example.test';
let ownerToken: string;
let otherRepToken: string;
const docs: Record<string, string> = {};
const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const as = (token: string) => ({ authorization: `Bearer ${token}` });

/** Firm 7 days after the due date; an escalation once a promise to pay on the item has broken. */
const plan = {
  language: 'en',
  brokenPromise: { notify: { salesOwner: true, roles: ['finance-manager'] } },
  levels: [
    {
      id: 'firm',
      when: { '>=': [{ var: 'item.daysPastDue' }, 7] },
      templates: { en: { subject: { cat: ['Invoice ', { var: 'item.number' }, ' is overdue'] }, body: 'Please pay.' } },
    },
    {
      id: 'escalate',
      when: { '>': [{ var: 'item.brokenPromises' }, 0] },
      notify: { salesOwner: false, roles: ['clerk'] },
      templates: { en: { subject: { cat: ['Promise broken on ', { var: 'item.number' }] }, body: 'Call them.' } },
    },
  ],
};

async function post(path: string, body: object, key?: string, headers: Record<string, string> = {}) {
  return t.call('POST', `/api/v1${path}`, body, { ...(key ? { 'idempotency-key': key } : {}), ...headers });
}

async function invoice(number: string) {
  const r = await post(
    '/receivables',
    {
      type: 'invoice',
      number,
      customerId: customer,
      currency: 'CNY',
      amount: '1000.00',
      documentDate: day(-50),
      postingDate: day(-50),
      dueDate: day(-20),
    },
    `col-${number}`,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  docs[number] = r.body.document.id;
}

const sweep = async () => {
  const r = await post('/reminders/sweep', {});
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

const plannedFor = async () => {
  const r = await t.call('GET', `/api/v1/reports/collection-plan?customerId=${customer}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const ids: string[] = r.body.columns.map((c: { id: string }) => c.id);
  return Object.fromEntries(ids.map((id, i) => [id, r.body.totals.buckets[i]]));
};

beforeAll(async () => {
  t = await createTestApp();
  today = todayIn(t.tenant.timeZone);
  customer = (await post('/customers', { code: 'PROM', name: 'Promising customer', salesOwner: owner })).body.id;
  await post('/customers', { code: 'ELSE', name: 'Someone else', salesOwner: 'else@example.test' });
  ownerToken = await t.userToken(['sales-rep'], {}, owner);
  otherRepToken = await t.userToken(['sales-rep'], {}, 'else@example.test');
  await t.userToken(['clerk'], {}, 'clerk.promise@example.test');
  await t.userToken(['finance-manager'], {}, 'fm.promise@example.test');
  expect((await t.call('PUT', '/api/v1/definitions/reminder-plan/default/draft', { document: plan })).status).toBe(200);
  expect((await t.call('POST', '/api/v1/definitions/reminder-plan/default/publish')).status).toBe(200);
  for (const n of ['N', 'P', 'K', 'D']) await invoice(`PROM-${n}`);
}, 60_000);

describe('promises to pay and disputes', () => {
  it('records a promise (idempotently) and a dispute, each in the caller’s data scope', async () => {
    const body = { promisedDate: day(-3), madeOn: day(-5), amount: '400.00', note: 'by phone' };
    const p = await post(`/receivables/${docs['PROM-P']}/promises`, body, 'prom-p');
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    expect(p.body).toMatchObject({ status: 'open', amount: '400.00', paidSince: '0.00', madeOn: day(-5), due: true });
    const again = await post(`/receivables/${docs['PROM-P']}/promises`, body, 'prom-p');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(p.body.id);
    const k = await post(`/receivables/${docs['PROM-K']}/promises`, { promisedDate: day(5) }, 'prom-k');
    expect(k.status, JSON.stringify(k.body)).toBe(201);
    expect(k.body).toMatchObject({ amount: '1000.00', madeOn: today, due: false });
    const d = await post(`/receivables/${docs['PROM-D']}/disputes`, { category: 'quality', reason: 'wafers cracked' });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    expect(d.body).toMatchObject({ status: 'open', category: 'quality', amount: null, openedOn: today });

    const mine = await t.call('GET', `/api/v1/promises?customerId=${customer}`, undefined, as(ownerToken));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((x: { documentId: string }) => x.documentId).sort()).toEqual(
      [docs['PROM-P'], docs['PROM-K']].sort(),
    );
    const theirs = await t.call('GET', '/api/v1/promises', undefined, as(otherRepToken));
    expect(theirs.body.items).toEqual([]);
    const theirDisputes = await t.call('GET', '/api/v1/disputes?status=open', undefined, as(otherRepToken));
    expect(theirDisputes.body.items).toEqual([]);
    const open = await t.call('GET', `/api/v1/disputes?status=open&customerId=${customer}`);
    expect(open.body.items.map((x: { id: string }) => x.id)).toEqual([d.body.id]);
  });

  it('refuses bad promises and disputes with the field and the reason, writing nothing', async () => {
    const before = (await t.call('GET', '/api/v1/promises?limit=1000')).body.items.length;
    const cases: [string, object, string][] = [
      [`/receivables/${docs['PROM-N']}/promises`, { promisedDate: '2026-02-30' }, '/promisedDate'],
      [`/receivables/${docs['PROM-N']}/promises`, { promisedDate: day(3), amount: '1000.01' }, '/amount'],
      [`/receivables/${docs['PROM-N']}/promises`, { promisedDate: day(3), amount: '10.001' }, '/amount'],
      [`/receivables/${docs['PROM-N']}/promises`, { promisedDate: day(-9), madeOn: day(-8) }, '/promisedDate'],
      [`/receivables/${docs['PROM-N']}/promises`, { promisedDate: day(9), madeOn: day(1) }, '/madeOn'],
      [`/receivables/${docs['PROM-N']}/promises`, { promisedDate: day(9), madeOn: day(-60) }, '/madeOn'],
      [`/receivables/${docs['PROM-N']}/disputes`, { category: 'mood', reason: 'x' }, '/category'],
      [`/receivables/${docs['PROM-N']}/disputes`, { category: 'price', reason: '  ' }, '/reason'],
    ];
    for (const [path, body, pointer] of cases) {
      const r = await post(path, body, `bad-${pointer}-${JSON.stringify(body)}`);
      expect(r.status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`).toBe(422);
      expect(JSON.stringify(r.body.errors ?? r.body)).toContain(pointer);
    }
    const unknown = await post(
      `/receivables/00000000-0000-4000-8000-000000000000/promises`,
      { promisedDate: day(3) },
      'x1',
    );
    expect(unknown.status).toBe(404);
    expect((await t.call('GET', '/api/v1/promises?limit=1000')).body.items.length).toBe(before);
  });

  it('the collection plan expects a promised item on its promised date', async () => {
    const plan = await plannedFor();
    // N, P (its promised date has passed) and D are overdue; K is promised in 5 days
    expect(plan).toMatchObject({ overdue: '3000.00', 'this-week': '1000.00' });
  });

  it('the sweep holds disputed and promised items, records the broken promise once and escalates it', async () => {
    const r = await sweep();
    expect(r).toMatchObject({ disputed: 1, promised: 1, promises: { kept: 0, broken: 1 } });
    // firm for N and P, the escalation for P; the broken promise told the sales owner and the finance manager
    expect(r.byLevel).toEqual({ firm: { due: 2, sent: 2 }, escalate: { due: 1, sent: 1 } });
    expect(r.promises.escalations).toBe(2);
    const p = (await t.call('GET', `/api/v1/promises?documentId=${docs['PROM-P']}`)).body.items[0];
    expect(p).toMatchObject({ status: 'broken', outcome: { asOf: today, paid: '0.00' } });
    const notes = await t.call('GET', '/api/v1/notifications', undefined, as(ownerToken));
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain('promise.broken');

    // the customer's credit reads both: the built-in policy takes 5 points per broken promise
    const credit = await t.call('GET', `/api/v1/customers/${customer}/credit`);
    expect(credit.status, JSON.stringify(credit.body)).toBe(200);
    expect(credit.body.metrics).toMatchObject({ brokenPromises: 1, openDisputes: 1 });

    const second = await sweep();
    expect(second).toMatchObject({ sent: 0, promises: { kept: 0, broken: 0, escalations: 0 }, disputed: 1 });
  });

  it('resolving the dispute and withdrawing the promise let their reminders go out', async () => {
    const d = (await t.call('GET', `/api/v1/disputes?documentId=${docs['PROM-D']}`)).body.items[0];
    const resolved = await post(`/disputes/${d.id}/resolve`, { resolution: 'credit note agreed for 100' });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: { text: 'credit note agreed for 100' } });
    expect((await post(`/disputes/${d.id}/resolve`, { resolution: 'again' })).status).toBe(409);

    const k = (await t.call('GET', `/api/v1/promises?documentId=${docs['PROM-K']}`)).body.items[0];
    const cancelled = await post(`/promises/${k.id}/cancel`, { reason: 'customer withdrew it' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', outcome: { reason: 'customer withdrew it' } });
    expect((await post(`/promises/${k.id}/cancel`, { reason: 'again' })).status).toBe(409);
    const p = (await t.call('GET', `/api/v1/promises?documentId=${docs['PROM-P']}`)).body.items[0];
    expect((await post(`/promises/${p.id}/cancel`, { reason: 'too late' })).status).toBe(409);

    const r = await sweep();
    expect(r).toMatchObject({ disputed: 0, promised: 0, sent: 2 });
    expect(r.byLevel.firm).toEqual({ due: 2, sent: 2 }); // the two held before; the other two went out on an earlier day
    expect(await plannedFor()).toMatchObject({ overdue: '4000.00', 'this-week': '0.00' });
  });

  it('a promise is kept once the item has been paid what was promised', async () => {
    const promise = await post(
      `/receivables/${docs['PROM-N']}/promises`,
      { promisedDate: day(2), amount: '600.00' },
      'pk',
    );
    expect(promise.status, JSON.stringify(promise.body)).toBe(201);
    const receipt = await post(
      '/receipts',
      {
        type: 'receipt',
        customerId: customer,
        currency: 'CNY',
        amount: '600.00',
        documentDate: today,
        postingDate: today,
      },
      'pk-r',
    );
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    const s = await post(
      '/settlements',
      {
        postingDate: today,
        lines: [{ debitDocumentId: docs['PROM-N'], creditDocumentId: receipt.body.document.id, amount: '600.00' }],
      },
      'pk-s',
    );
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    const r = await sweep();
    expect(r.promises).toMatchObject({ kept: 1, broken: 0 });
    const kept = (await t.call('GET', `/api/v1/promises?documentId=${docs['PROM-N']}&status=kept`)).body.items;
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ paidSince: '600.00', outcome: { paid: '600.00' } });
  });

  it('the receivable’s timeline shows its promise, its outcome and its dispute', async () => {
    const p = await t.call('GET', `/api/v1/receivables/${docs['PROM-P']}/timeline`);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const kinds = p.body.entries.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['promise', 'promise-broken']));
    expect(p.body.entries.map((e: { detail: { action?: string } }) => e.detail.action)).toContain('promise.make');
    const d = await t.call('GET', `/api/v1/receivables/${docs['PROM-D']}/timeline`);
    expect(d.body.entries.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['dispute', 'dispute-resolved']),
    );
  });
});
