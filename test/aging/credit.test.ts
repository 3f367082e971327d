import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { todayIn } from '../../packages/server/src/domain/ledger/index.ts';
import { builtInCreditPolicy, creditPolicyKind } from '../../packages/server/src/domain/credit/index.ts';
import { checkDefinition } from '../../packages/server/src/domain/definitions/kinds.ts';

let t: TestApp;
let customer: string;
let other: string;
let today: string;
const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function post(path: string, body: object, key: string) {
  const r = await t.call('POST', `/api/v1${path}`, body, { 'idempotency-key': key });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function invoice(number: string, amount: string, due: number) {
  return post(
    '/receivables',
    {
      type: 'invoice',
      number,
      customerId: customer,
      currency: 'CNY',
      amount,
      documentDate: day(due - 30),
      postingDate: day(due - 30),
      dueDate: day(due),
    },
    `cr-${number}`,
  );
}

beforeAll(async () => {
  t = await createTestApp();
  today = todayIn(t.tenant.timeZone);
  customer = (
    await t.call('POST', '/api/v1/customers', {
      code: 'CR-1',
      name: 'Credit customer',
      creditLimit: '10000.00',
      salesOwner: 'rep.credit@example.test',
    })
  ).body.id;
  other = (await t.call('POST', '/api/v1/customers', { code: 'CR-2', name: 'No limit', salesOwner: 'x@example.test' }))
    .body.id;
  await invoice('A', '3000.00', -40); // 40 days past due
  await invoice('B', '2000.00', 10); // not due
  const c = await invoice('C', '1000.00', -100);
  const r = await post(
    '/receipts',
    {
      type: 'receipt',
      customerId: customer,
      currency: 'CNY',
      amount: '1000.00',
      documentDate: day(-80),
      postingDate: day(-80),
    },
    'cr-r',
  );
  const s = await t.call(
    'POST',
    '/api/v1/settlements',
    {
      postingDate: day(-80),
      lines: [{ debitDocumentId: c.document.id, creditDocumentId: r.document.id, amount: '1000.00' }],
    },
    { 'idempotency-key': 'cr-s' },
  );
  expect(s.status, JSON.stringify(s.body)).toBe(201);
}, 60_000);

describe('credit', () => {
  it('the built-in policy validates as a credit-policy document', () => {
    expect(checkDefinition(creditPolicyKind as never, builtInCreditPolicy)).toEqual([]);
  });

  it("scores a customer's payment history and shows exposure against the limit, to the cent", async () => {
    const r = await t.call('GET', `/api/v1/customers/${customer}/credit`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      limit: '10000.00',
      exposure: '5000.00',
      available: '5000.00',
      currency: 'CNY',
      policy: null,
    });
    expect(r.body.metrics).toEqual({
      exposure: '5000.00',
      overdue: '3000.00',
      overdueRatio: 0.6,
      maxDaysPastDue: 40,
      avgDaysBeyondTerms: 20, // C was paid 20 days late
      badDebts: '0.00',
      openItems: 2,
      openDisputes: 0,
      brokenPromises: 0,
    });
    // 100 − 0.6×40 − 40/3 − 20/2 = 52.67
    expect([r.body.score, r.body.grade]).toEqual([53, 'C']);
  });

  it('a credit check answers allow, warn or block with every reason', async () => {
    const check = (customerId: string, amount: string) =>
      t.call('POST', '/api/v1/credit-checks', { customerId, amount });
    const warn = await check(customer, '3000.00'); // exposure 8000.00 = 80 % of the limit: not over it
    expect(warn.status).toBe(200);
    expect([warn.body.decision, warn.body.reasons]).toEqual(['warn', ['grade C (score 53)']]);
    const block = await check(customer, '5000.01');
    expect(block.body.decision).toBe('block');
    expect(block.body.reasons[0]).toBe('exposure after the order 10000.01 exceeds the limit 10000.00 by 0.01 CNY');
    const noLimit = await check(other, '1.00');
    expect([noLimit.body.decision, noLimit.body.reasons]).toEqual(['warn', ['the customer has no credit limit']]);
  });

  it('lists the riskiest customers: lowest scores among those with overdue amounts', async () => {
    const r = await t.call('GET', '/api/v1/reports/risky-customers?limit=5');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      {
        customer: { id: customer, code: 'CR-1', name: 'Credit customer', status: 'active' },
        score: 53,
        grade: 'C',
        limit: '10000.00',
        exposure: '5000.00',
        available: '5000.00',
        overdue: '3000.00',
        maxDaysPastDue: 40,
      },
    ]); // the customer without overdue items is not at risk
  });

  it('a published policy changes the score, the grade and the decision', async () => {
    const policy = {
      score: { '-': [100, { var: 'metrics.maxDaysPastDue' }] },
      grades: [{ grade: 'A', min: 80 }, { grade: 'B', min: 50 }, { grade: 'C' }],
      check: { blockDaysPastDue: 30, withoutLimit: 'allow' },
    };
    expect((await t.call('PUT', '/api/v1/definitions/credit-policy/default/draft', { document: policy })).status).toBe(
      200,
    );
    expect((await t.call('POST', '/api/v1/definitions/credit-policy/default/publish')).status).toBe(200);
    const r = await t.call('GET', `/api/v1/customers/${customer}/credit`);
    expect([r.body.score, r.body.grade, r.body.policy.key]).toEqual([60, 'B', 'default']);
    const c = await t.call('POST', '/api/v1/credit-checks', { customerId: customer, amount: '1.00' });
    expect([c.body.decision, c.body.reasons]).toEqual(['block', ['an item is 40 days past due (blocked from 30)']]);
    const free = await t.call('POST', '/api/v1/credit-checks', { customerId: other, amount: '1.00' });
    expect([free.body.decision, free.body.reasons]).toEqual(['allow', []]);
  });

  it('refuses bad input naming the field; a customer outside the scope is not found', async () => {
    const unknown = await t.call('POST', '/api/v1/credit-checks', {
      customerId: '00000000-0000-4000-8000-000000000000',
      amount: '1.00',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].pointer).toBe('/customerId');
    const usd = await t.call('POST', '/api/v1/credit-checks', {
      customerId: customer,
      amount: '1.00',
      currency: 'USD',
    });
    expect(usd.body.errors[0].pointer).toBe('/currency');
    const neg = await t.call('POST', '/api/v1/credit-checks', { customerId: customer, amount: '-1' });
    expect(neg.status).toBe(422);
    expect(neg.body.errors[0].pointer).toBe('/amount');
    const bad = await t.call('PUT', '/api/v1/definitions/credit-policy/bad/draft', {
      document: {
        score: { var: 'metrics.colour' },
        grades: [
          { grade: 'A', min: 50 },
          { grade: 'B', min: 60 },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/document/score',
      '/document/grades/1/min', // the last grade has no min
      '/document/grades/1/min', // and would not be below the previous one
    ]);
    const rep = await t.userToken(['sales-rep'], {}, 'rep.credit@example.test');
    const as = { authorization: `Bearer ${rep}` };
    expect((await t.call('GET', `/api/v1/customers/${customer}/credit`, undefined, as)).status).toBe(200);
    expect((await t.call('GET', `/api/v1/customers/${other}/credit`, undefined, as)).status).toBe(404);
    const hidden = await t.call('POST', '/api/v1/credit-checks', { customerId: other, amount: '1.00' }, as);
    expect(hidden.status).toBe(422);
  });
});
