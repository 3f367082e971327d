import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../packages/server/src/domain/matching/index.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const key = () => ({ 'idempotency-key': crypto.randomUUID() });

async function post(path: string, body: unknown) {
  const r = await t.call('POST', `/api/v1${path}`, body, key());
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const invoice = async (number: string, customerId: string, amount: string, documentDate: string) =>
  (await post('/receivables', { type: 'invoice', number, customerId, currency: 'CNY', amount, documentDate })).document
    .id as string;
const receipt = async (amount: string, customerId: string) =>
  (await post('/receipts', { currency: 'CNY', amount, documentDate: '2026-11-03', customerId })).document.id as string;
const openOf = async (id: string) => (await t.call('GET', `/api/v1/receivables/${id}`)).body.openAmount;

beforeAll(async () => {
  t = await createTestApp();
}, 60_000);

describe('matching backtests', { timeout: 120_000 }, () => {
  it('compares a draft with the published rule set against what people settled, flags a rule under 99.9 %, posts nothing', async () => {
    const a = (await t.call('POST', '/api/v1/customers', { code: 'BT-A', name: 'Backtest A Ltd' })).body.id as string;
    const i1 = await invoice('INV-BT-1', a, '100.00', '2026-10-01');
    await invoice('INV-BT-3', a, '250.00', '2026-10-03');
    const i6 = await invoice('INV-BT-6', a, '60.00', '2026-10-06');
    const r1 = await receipt('250.00', a);
    const r4 = await receipt('97.00', a);
    // the clerk knows r4 paid INV-BT-6 (the rest stays unapplied); the run settles r1 (one open item of its amount)
    await post('/settlements', { lines: [{ debitDocumentId: i6, creditDocumentId: r4, amount: '60.00' }] });
    const run = await post('/matching-runs', {});
    expect(run.settlements.map((s: any) => s.receipt.id)).toEqual([r1]);

    // before any draft, the version in force is tried: it agrees with itself
    const same = await post('/matching-backtests', {
      ruleSet: { key: 'default' },
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(same.candidate.ruleSet).toMatchObject({ key: 'default', version: 1, status: 'published' });
    expect([same.candidate.counts, same.changes.total]).toEqual([same.published.counts, 0]);

    // an analyst's draft lets the bank-fee tolerance rule post on its own
    const draft = {
      ...defaultRuleSet,
      rules: defaultRuleSet.rules.map((r) =>
        r.name === 'payer-within-tolerance' ? { ...r, mode: 'auto' as const, threshold: 40 } : r,
      ),
    };
    const saved = await t.call('PUT', '/api/v1/definitions/rule-set/default/draft', { document: draft });
    expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);

    const bt = await post('/matching-backtests', { ruleSet: { key: 'default' }, from: '2026-11-01', to: '2026-11-30' });
    expect(bt).toMatchObject({ receipts: 2, settledByPeople: 2, flaggedForDemotion: ['payer-within-tolerance'] });
    expect(bt.candidate.ruleSet).toMatchObject({ key: 'default', status: 'draft' });
    expect(bt.published.ruleSet).toMatchObject({ key: 'default', version: 1, status: 'published' });
    expect(bt.published).toMatchObject({ verifiable: 1, correct: 1, precision: 100, matchRate: 50 });
    expect(bt.published.amountMatched).toEqual({ CNY: '250' });
    expect(bt.candidate).toMatchObject({ verifiable: 2, correct: 1, precision: 50, matchRate: 100 });
    expect(bt.candidate.amountMatched).toEqual({ CNY: '347' });
    expect(bt.candidate.byRule.find((r: any) => r.rule === 'payer-within-tolerance')).toMatchObject({
      auto: 1,
      verifiable: 1,
      correct: 0,
      precision: 0,
      flaggedForDemotion: true,
    });
    expect(bt.published.byRule.find((r: any) => r.rule === 'payer-exact-amount')).toMatchObject({
      precision: 100,
      flaggedForDemotion: false,
    });
    expect(bt.changes.total).toBe(1);
    const change = bt.changes.items[0];
    expect(change).toMatchObject({
      receipt: { id: r4, amount: '97.00' },
      settledByPeople: ['INV-BT-6'],
      candidate: {
        outcome: 'auto',
        rule: 'payer-within-tolerance',
        allocations: [{ receivable: 'INV-BT-1', amount: '100.00' }],
        agreesWithPeople: false,
      },
      published: { outcome: 'suggested', agreesWithPeople: null },
    });
    expect(change.published.reasons.length).toBeGreaterThan(0);
    expect(change.candidate.evidence.length).toBeGreaterThan(0);

    // nothing was posted: the first invoice is still open, the stored result reads back
    expect(await openOf(i1)).toBe('100.00');
    const again = await t.call('GET', `/api/v1/matching-backtests/${bt.backtestId}`);
    expect(again.status).toBe(200);
    expect(again.body.flaggedForDemotion).toEqual(['payer-within-tolerance']);

    // the same backtest as a job: 202 with the job, whose result holds the same figures and the stored id
    const queued = await t.call(
      'POST',
      '/api/v1/matching-backtests',
      { ruleSet: { key: 'default' }, from: '2026-11-01', to: '2026-11-30' },
      { ...key(), prefer: 'respond-async' },
    );
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    expect(queued.headers.get('location')).toBe(`/api/v1/jobs/${queued.body.id}`);
    let job = queued.body;
    for (let i = 0; i < 100 && !['succeeded', 'failed'].includes(job.state); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await t.call('GET', `/api/v1/jobs/${queued.body.id}`)).body;
    }
    expect(job).toMatchObject({
      kind: 'matching.backtest',
      state: 'succeeded',
      result: { receipts: 2, changes: 1, flaggedForDemotion: ['payer-within-tolerance'] },
    });
    expect(job.result.candidate).toMatchObject({ precision: 50, matchRate: 100 });
    const stored = await t.call('GET', `/api/v1/matching-backtests/${job.result.backtestId}`);
    expect(stored.body.changes.items[0].receipt.id).toBe(r4);
  });

  it('refuses bad input with pointers', async () => {
    const backwards = await t.call(
      'POST',
      '/api/v1/matching-backtests',
      { ruleSet: { key: 'default' }, from: '2026-11-30', to: '2026-11-01' },
      key(),
    );
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors[0].pointer).toBe('/to');
    const unknown = await t.call(
      'POST',
      '/api/v1/matching-backtests',
      { ruleSet: { key: 'nope' }, from: '2026-11-01', to: '2026-11-30' },
      key(),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].pointer).toBe('/ruleSet');
    const shape = await t.call('POST', '/api/v1/matching-backtests', { ruleSet: {}, from: 'x' }, key());
    expect(shape.status).toBe(422);
    expect(shape.body.errors.map((e: any) => e.pointer).sort()).toEqual(['/from', '/ruleSet/key', '/to']);
  });
});
