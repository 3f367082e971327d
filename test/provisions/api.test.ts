import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;

const stage = (buckets: unknown[]) => ({ stages: [{ id: 'age', type: 'aging-matrix', buckets }] });

async function saveDraft(key: string, document: unknown) {
  return t.call('PUT', `/api/v1/definitions/provision-plan/${key}/draft`, { document });
}

beforeAll(async () => {
  t = await createTestApp();
});

describe('provision plans and runs through the API', () => {
  it('refuses plans whose buckets overlap or leave a gap, rates outside 0–1, a catch-all stage before others', async () => {
    const overlap = await saveDraft(
      'overlap',
      stage([
        { id: 'a', to: 30, rate: '0.1' },
        { id: 'b', from: 30, rate: '0.5' },
      ]),
    );
    expect(overlap.status).toBe(422);
    expect(overlap.body.errors).toContainEqual({
      pointer: '/document/stages/0/buckets/1/from',
      reason: expect.stringMatching(/overlaps bucket a/),
    });
    const gap = await saveDraft(
      'gap',
      stage([
        { id: 'a', to: 30, rate: '0.1' },
        { id: 'b', from: 45, rate: '0.5' },
      ]),
    );
    expect(gap.status).toBe(422);
    expect(gap.body.errors[0].pointer).toBe('/document/stages/0/buckets/1/from');
    const rate = await saveDraft('rate', { stages: [{ id: 'p', type: 'percentage', rate: '1.5' }] });
    expect(rate.status).toBe(422);
    expect(rate.body.errors[0].pointer).toBe('/document/stages/0/rate');
    const order = await saveDraft('order', {
      stages: [
        { id: 'all', type: 'percentage', rate: '0.01' },
        { id: 'never', type: 'exempt', when: true },
      ],
    });
    expect(order.status).toBe(422);
    expect(order.body.errors).toContainEqual({
      pointer: '/document/stages/0/when',
      reason: expect.stringMatching(/never apply/),
    });
    const evidence = await saveDraft('evidence', { stages: [{ id: 's', type: 'specific', rate: '0.5', when: true }] });
    expect(evidence.body.errors).toContainEqual({ pointer: '/document/stages/0/evidence', reason: expect.any(String) });
  });

  it('runs a published plan: dry run, posted run, the same run again, the run read back; without a key 428', async () => {
    const customer = await t.call('POST', '/api/v1/customers', { code: 'PROV-1', name: 'Slow payer' });
    const inv = await t.call('POST', '/api/v1/receivables', {
      type: 'invoice',
      customerId: customer.body.id,
      currency: 'CNY',
      amount: '1234.50',
      documentDate: '2026-10-01',
      postingDate: '2026-10-01',
      dueDate: '2026-10-31',
    });
    expect(inv.status).toBe(201);
    expect((await saveDraft('default', { stages: [{ id: 'all', type: 'percentage', rate: '0.01' }] })).status).toBe(
      200,
    );
    expect((await t.call('POST', '/api/v1/definitions/provision-plan/default/publish')).status).toBe(200);

    const keyless = await t.call(
      'POST',
      '/api/v1/provisioning-runs',
      { asOf: '2026-11-30' },
      { 'idempotency-key': '' },
    );
    expect(keyless.status).toBe(428);
    const future = await t.call('POST', '/api/v1/provisioning-runs', { asOf: '2999-01-01' });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].pointer).toBe('/asOf');

    const dry = await t.call('POST', '/api/v1/provisioning-runs', { asOf: '2026-11-30', dryRun: true });
    expect(dry.status).toBe(201);
    expect(dry.body).toMatchObject({ id: null, required: '12.35', voucher: null, dryRun: true });
    const run = await t.call('POST', '/api/v1/provisioning-runs', { asOf: '2026-11-30' });
    expect(run.body).toMatchObject({ required: '12.35', topUp: '12.35', plan: { key: 'default', version: 1 } });
    expect(run.body.voucher.voucherNo).toMatch(/^2026-11-/);
    const again = await t.call('POST', '/api/v1/provisioning-runs', { asOf: '2026-11-30' });
    expect(again.body).toMatchObject({ id: run.body.id, replayed: true });
    const read = await t.call('GET', `/api/v1/provisioning-runs/${run.body.id}`);
    expect(read.body).toMatchObject({
      id: run.body.id,
      lines: [{ customerId: customer.body.id, difference: '12.35' }],
    });
    const list = await t.call('GET', '/api/v1/provisioning-runs');
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([run.body.id]);

    const clerk = await t.userToken(['clerk']);
    const refused = await t.call(
      'POST',
      '/api/v1/provisioning-runs',
      { asOf: '2026-11-30' },
      { authorization: `Bearer ${clerk}` },
    );
    expect(refused.status).toBe(403);
  });

  it('GET /reports/provisions answers JSON, CSV and XLSX; bad dates are 4xx naming the field; a clerk may not read it', async () => {
    const json = await t.call('GET', '/api/v1/reports/provisions?from=2026-01-01&to=2026-11-30');
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      from: '2026-01-01',
      to: '2026-11-30',
      account: { code: '1231' },
      reconciles: true,
    });
    const csv = await t.call('GET', '/api/v1/reports/provisions?to=2026-11-30&format=csv&lang=zh');
    expect([csv.status, csv.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    const xlsx = await t.call('GET', '/api/v1/reports/provisions?to=2026-11-30&format=xlsx');
    expect(xlsx.headers.get('content-disposition')).toBe(
      'attachment; filename="provisions-2026-01-01-2026-11-30.xlsx"',
    );
    for (const [q, pointer] of [
      ['to=2026-13-01', '/query/to'],
      ['from=2026-06-01&to=2026-05-01', '/from'],
      ['format=pdf', '/query/format'],
    ] as const) {
      const bad = await t.call('GET', `/api/v1/reports/provisions?${q}`);
      expect([bad.status >= 400 && bad.status < 500, bad.body.errors?.[0]?.pointer]).toEqual([true, pointer]);
    }
    const clerk = await t.userToken(['sales-rep']);
    const refused = await t.call('GET', '/api/v1/reports/provisions', undefined, { authorization: `Bearer ${clerk}` });
    expect(refused.status).toBe(403);
  });
});
