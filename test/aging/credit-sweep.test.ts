import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { todayIn } from '../../packages/server/src/domain/ledger/index.ts';
import { builtInCreditPolicy } from '../../packages/server/src/domain/credit/index.ts';

let t: TestApp;
let customer: string;
let today: string;
const owner = 'rep.sweep@example.test';
let ownerToken: string;
let otherToken: string;
let managerToken: string;
const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (d: string) => ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const as = (token: string) => ({ authorization: `Bearer ${token}` });

async function invoice(number: string, amount: string, posted: number, due: number) {
  const r = await t.call('POST', '/api/v1/receivables', {
    type: 'invoice',
    number,
    customerId: customer,
    currency: 'CNY',
    amount,
    documentDate: day(posted),
    postingDate: day(posted),
    dueDate: day(due),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

const sweep = async (asOf: string) => {
  const r = await t.call('POST', '/api/v1/credit-scores/sweep', { asOf });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

beforeAll(async () => {
  t = await createTestApp();
  today = todayIn(t.tenant.timeZone);
  customer = (
    await t.call('POST', '/api/v1/customers', {
      code: 'SWP',
      name: 'Sweep Ltd',
      creditLimit: '5000.00',
      salesOwner: owner,
    })
  ).body.id;
  await t.call('POST', '/api/v1/customers', { code: 'QUIET', name: 'Quiet Ltd', salesOwner: 'else@example.test' });
  ownerToken = await t.userToken(['sales-rep'], {}, owner);
  otherToken = await t.userToken(['sales-rep'], {}, 'else@example.test');
  managerToken = await t.userToken(['finance-manager'], {}, 'fm.sweep@example.test');
  const policy = {
    ...builtInCreditPolicy,
    alerts: { overdueAbove: '5000.00', notify: { salesOwner: true, roles: ['finance-manager'] } },
    digest: { weekday: weekday(day(-1)), roles: ['finance-manager'], top: 5 },
  };
  const draft = await t.call('PUT', '/api/v1/definitions/credit-policy/default/draft', { document: policy });
  expect(draft.status, JSON.stringify(draft.body)).toBe(200);
  expect((await t.call('POST', '/api/v1/definitions/credit-policy/default/publish')).status).toBe(200);
  await invoice('SWP-X', '4000.00', -50, -20);
  await invoice('SWP-Y', '2000.00', -35, -5);
}, 60_000);

describe('the credit sweep', () => {
  it('stores the day’s scores and warns of a limit passed, once', async () => {
    const first = await sweep(day(-25));
    expect(first).toMatchObject({
      scored: 1,
      stored: 1,
      alerts: { gradeDropped: 0, limitExceeded: 1, overdueAbove: 0 },
      policy: { key: 'default', version: 1 },
    });
    // the sales owner and the finance manager are told
    expect(first.notifications).toBe(2);
    const again = await sweep(day(-25));
    expect(again).toMatchObject({ stored: 0, notifications: 0, alerts: { limitExceeded: 0 } });
  });

  it('a later day: the grade drops and the overdue threshold is reached; the weekly digest goes out once', async () => {
    const r = await sweep(day(-1));
    // 100 − 40 × overdue ratio 1 − 19 days past due ÷ 3 = 53.7 → 54: grade C
    expect(r).toMatchObject({ stored: 1, alerts: { gradeDropped: 1, limitExceeded: 0, overdueAbove: 1 } });
    expect(r.digest).toEqual({ customers: 1, recipients: 1 });
    const again = await sweep(day(-1));
    expect(again).toMatchObject({ stored: 0, notifications: 0, digest: null });

    const scores = await t.call('GET', `/api/v1/credit-scores?customerId=${customer}`);
    expect(scores.status).toBe(200);
    expect(
      scores.body.items.map((s: { asOf: string; grade: string; score: number }) => [s.asOf, s.grade, s.score]),
    ).toEqual([
      [day(-1), 'C', 54],
      [day(-25), 'A', 100],
    ]);
    expect(scores.body.items[0]).toMatchObject({
      exposure: '6000.00',
      overdue: '6000.00',
      limit: '5000.00',
      policy: 'default@1',
    });

    const mine = await t.call('GET', '/api/v1/notifications', undefined, as(ownerToken));
    expect(mine.body.items.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'credit.grade-dropped',
      'credit.limit-exceeded',
      'credit.overdue-above',
    ]);
    // each in English and in Chinese, for the screen's language
    const dropped = mine.body.items.find((n: { kind: string }) => n.kind === 'credit.grade-dropped');
    expect(dropped.titles.en).toMatch(/^SWP .*: credit grade [A-E] → C \(score \d+ → 54\)$/);
    expect(dropped.titles.zh).toMatch(/^SWP .*：信用等级 [A-E] → C（评分 \d+ → 54）$/);
    const fm = await t.call('GET', '/api/v1/notifications', undefined, as(managerToken));
    const digest = fm.body.items.find((n: { kind: string }) => n.kind === 'credit.digest');
    expect(digest.payload.customers).toEqual([
      expect.objectContaining({ code: 'SWP', grade: 'C', score: 54, overdue: '6000.00', maxDaysPastDue: 19 }),
    ]);
  });

  it('scores are read in the caller’s data scope; bad dates and policies are refused with the field', async () => {
    expect((await t.call('GET', '/api/v1/credit-scores', undefined, as(otherToken))).body.items).toEqual([]);
    expect((await t.call('GET', '/api/v1/credit-scores', undefined, as(ownerToken))).body.items).toHaveLength(2);
    for (const [asOf, reason] of [
      [day(1), 'future'],
      ['2026-02-30', 'calendar date'],
    ] as const) {
      const bad = await t.call('POST', '/api/v1/credit-scores/sweep', { asOf });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0]).toMatchObject({ pointer: '/asOf' });
      expect(bad.body.errors[0].reason).toContain(reason);
    }
    const badPolicy = await t.call('PUT', '/api/v1/definitions/credit-policy/default/draft', {
      document: { ...builtInCreditPolicy, alerts: { overdueAbove: '-5' } },
    });
    expect(badPolicy.status).toBe(422);
    expect(JSON.stringify(badPolicy.body.errors)).toContain('/alerts/overdueAbove');
  });
});
