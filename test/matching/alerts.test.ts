import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../packages/server/src/domain/matching/index.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { todayIn } from '../../packages/server/src/domain/ledger/index.ts';

let t: TestApp;
const key = () => ({ 'idempotency-key': crypto.randomUUID() });
// days before the tenant's today (its time zone, not UTC: the two differ for hours every evening)
const daysAgo = (n: number) =>
  new Date(Date.parse(`${todayIn(t.tenant.timeZone)}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

async function post(path: string, body: unknown) {
  const r = await t.call('POST', `/api/v1${path}`, body, key());
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
}

const invoice = (number: string, customerId: string, amount: string) =>
  post('/receivables', { type: 'invoice', number, customerId, currency: 'CNY', amount, documentDate: daysAgo(20) });
const receipt = (amount: string, customerId: string | null, reference: string, date = daysAgo(1)) =>
  post('/receipts', { currency: 'CNY', amount, documentDate: date, customerId, reference });

beforeAll(async () => {
  t = await createTestApp();
}, 60_000);

describe('matching alerts', { timeout: 120_000 }, () => {
  it('a posting run tells the clerks, once, of aged and large unmatched receipts, overpayments, duplicates and large adjustments', async () => {
    const clerk = await t.userToken(['clerk']);
    const asClerk = { authorization: `Bearer ${clerk}` };
    const bad = await t.call('PUT', '/api/v1/definitions/rule-set/default/draft', {
      document: { ...defaultRuleSet, alerts: { unmatchedAfterDays: 0, adjustmentAbove: '-1' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.pointer).sort()).toEqual([
      '/document/alerts/adjustmentAbove',
      '/document/alerts/unmatchedAfterDays',
    ]);
    await t.call('POST', '/api/v1/matching-runs', { dryRun: true }, key()); // gives the tenant its default v1
    const saved = await t.call('PUT', '/api/v1/definitions/rule-set/default/draft', {
      document: {
        ...defaultRuleSet,
        alerts: { unmatchedAfterDays: 3, adjustmentAbove: '5.00', unmatchedAbove: '60.00' },
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);
    expect((await t.call('POST', '/api/v1/definitions/rule-set/default/publish', {})).status).toBeLessThan(300);

    const a = (await post('/customers', { code: 'AL-A', name: 'Alert A Ltd' })).id as string;
    await invoice('INV-AL-1', a, '100.00');
    await invoice('INV-AL-2', a, '500.00');
    await invoice('INV-AL-3', a, '33.00');
    const over = (await receipt('120.00', a, 'INV-AL-1')).document.id;
    const fee = (await receipt('491.50', a, 'INV-AL-2')).document.id;
    const first = (await receipt('33.00', a, 'INV-AL-3')).document.id;
    const twin = (await receipt('33.00', a, 'INV-AL-3')).document.id;
    const old = (await receipt('77.77', null, 'who knows', daysAgo(10))).document.id;
    const recent = (await receipt('66.66', null, 'who knows either')).document.id; // recent: only as a large one

    const run = await post('/matching-runs', {});
    expect(run.ruleSet.version).toBe(2);
    expect(run.settlements.map((s: any) => s.receipt.id)).toEqual(expect.arrayContaining([over, fee, first]));
    expect(run.held.map((s: any) => s.receipt.id)).toEqual([twin]);
    expect(run.alerts).toBe(6);

    const inbox = await t.call('GET', '/api/v1/notifications?source=matching', undefined, asClerk);
    expect(inbox.status).toBe(200);
    const got = inbox.body.items.map((n: any) => [n.kind, n.entity.id]).sort();
    expect(got).toEqual(
      [
        ['match.duplicate', twin],
        ['match.large-adjustment', fee],
        ['match.overpayment', over],
        ['match.unmatched-aged', old],
        ['match.unmatched-large', old],
        ['match.unmatched-large', recent],
      ].sort(),
    );
    const aged = inbox.body.items.find((n: any) => n.kind === 'match.unmatched-aged');
    expect(aged.title).toMatch(/77\.77 CNY.*10 days/);
    expect(inbox.body.items.find((n: any) => n.kind === 'match.large-adjustment').title).toMatch(/bank-fee 8\.50/);
    // the admin holds neither role: not told
    expect((await t.call('GET', '/api/v1/notifications?source=matching')).body.items).toEqual([]);

    // the next run sees the aged receipt again and says nothing new
    const again = await post('/matching-runs', {});
    expect(again.unmatched.map((s: any) => s.receipt.id)).toContain(old);
    expect(again.alerts).toBe(0);
    const after = await t.call('GET', '/api/v1/notifications?source=matching', undefined, asClerk);
    expect(after.body.items).toHaveLength(6);
  });
});
