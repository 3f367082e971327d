import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const key = () => ({ 'idempotency-key': crypto.randomUUID() });

beforeAll(async () => {
  t = await createTestApp();
}, 60_000);

describe('matching runs API', () => {
  it('POST /matching-runs runs the published default rule set and GET shows each decision', async () => {
    const c = await t.call('POST', '/api/v1/customers', { code: 'M-1', name: 'Match One Ltd' });
    const customerId = c.body.id as string;
    const inv = await t.call(
      'POST',
      '/api/v1/receivables',
      {
        type: 'invoice',
        number: 'INV-API-0001',
        customerId,
        currency: 'CNY',
        amount: '250.00',
        documentDate: '2026-11-02',
      },
      key(),
    );
    expect(inv.status).toBe(201);
    const rct = await t.call(
      'POST',
      '/api/v1/receipts',
      { currency: 'CNY', amount: '250.00', documentDate: '2026-11-03', reference: 'inv api 0001' },
      key(),
    );
    expect(rct.status).toBe(201);
    const k = key();
    const run = await t.call('POST', '/api/v1/matching-runs', {}, k);
    expect(run.status).toBe(201);
    expect(run.body.counts).toEqual({ receipts: 1, auto: 1, suggested: 0, unmatched: 0, held: 0 });
    expect(run.body.settlements[0]).toMatchObject({
      receipt: { amount: '250.00', currency: 'CNY' },
      allocations: [{ receivable: 'INV-API-0001', amount: '250.00' }],
      rule: 'document-reference',
    });
    const replay = await t.call('POST', '/api/v1/matching-runs', {}, k);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.body.runId).toBe(run.body.runId);

    const view = await t.call('GET', `/api/v1/matching-runs/${run.body.runId}`);
    expect(view.status).toBe(200);
    expect(view.body.ruleSet).toMatchObject({ key: 'default', version: 1 });
    expect(view.body.decisions[0]).toMatchObject({
      outcome: 'auto',
      status: 'posted',
      rule: 'document-reference',
      score: 70,
    });
    expect(view.body.decisions[0].detail.evidence.map((e: { code: string }) => e.code)).toContain('document-number');
    const list = await t.call('GET', '/api/v1/matching-runs');
    expect(list.body.map((r: { id: string }) => r.id)).toContain(run.body.runId);
  });

  it('refuses bad input with pointers, and a run without Idempotency-Key', async () => {
    const bad = await t.call('POST', '/api/v1/matching-runs', { scope: { from: 'yesterday' }, ruleSet: {} }, key());
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/ruleSet/key', '/scope/from']);
    const missing = await t.call('POST', '/api/v1/matching-runs', {}, { 'idempotency-key': '' });
    expect(missing.status).toBe(428);
    expect(missing.body.errors[0].pointer).toBe('/headers/idempotency-key');
    const unknown = await t.call('POST', '/api/v1/matching-runs', { ruleSet: { key: 'nope' } }, key());
    expect(unknown.status).toBe(404);
  });
});
