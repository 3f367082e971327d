import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { systemCtx } from '../support/factories.ts';
import { postWriteOff } from '../../packages/server/src/domain/ledger/index.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

describe('POST /api/v1/recoveries', () => {
  it('recovers a written-off debt from a receipt; the key is required, bad input names its field, a replay answers the first', async () => {
    const customer = await t.call('POST', '/api/v1/customers', { code: 'REC-1', name: 'Insolvent Ltd' });
    const inv = await t.call('POST', '/api/v1/receivables', {
      type: 'invoice',
      customerId: customer.body.id,
      currency: 'CNY',
      amount: '5000.00',
      documentDate: '2026-06-01',
      postingDate: '2026-06-01',
    });
    expect(inv.status).toBe(201);
    const w = await postWriteOff(t.deps, systemCtx(t.tenant), {
      kind: 'direct',
      items: [{ documentId: inv.body.document.id }],
      reason: 'debtor dissolved',
      postingDate: '2026-06-30',
    });
    const writeOffId = w.items[0]!.document.id;
    const cash = await t.call('POST', '/api/v1/receipts', {
      customerId: customer.body.id,
      currency: 'CNY',
      amount: '5000.00',
      documentDate: '2026-11-02',
    });
    expect(cash.status).toBe(201);
    const body = { writeOffId, receiptId: cash.body.document.id, postingDate: '2026-11-02', reason: 'liquidator' };

    const candidates = await t.call('GET', `/api/v1/recoveries/candidates?customerId=${customer.body.id}`);
    expect(candidates.body).toMatchObject({
      policy: 'reinstate',
      items: [{ writeOffId, receivableId: inv.body.document.id, writtenOff: '5000', recovered: '0', left: '5000' }],
    });

    const keyless = await t.call('POST', '/api/v1/recoveries', body, { 'idempotency-key': '' });
    expect(keyless.status).toBe(428);
    for (const [field, value, pointer] of [
      ['amount', '-1', '/amount'],
      ['amount', '5000.01', '/amount'],
      ['policy', 'gift', '/policy'],
      ['receiptId', 'nope', '/receiptId'],
      ['reason', '', '/reason'],
    ] as const) {
      const bad = await t.call('POST', '/api/v1/recoveries', { ...body, [field]: value });
      expect([bad.status, bad.headers.get('content-type')]).toEqual([expect.any(Number), 'application/problem+json']);
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
      expect(bad.body.errors[0].pointer).toBe(pointer);
    }

    const headers = { 'idempotency-key': `rec-${writeOffId}` };
    const r = await t.call('POST', '/api/v1/recoveries', { ...body, policy: 'income' }, headers);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      recovery: { type: 'recovery', amount: '5000.00' },
      policy: 'income',
      policySource: 'request',
      writeOff: { id: writeOffId, recovered: '5000' },
    });
    expect(r.body.voucher.lines.map((l: { accountCode: string }) => l.accountCode)).toEqual(['1122', '6301']);
    const replay = await t.call('POST', '/api/v1/recoveries', { ...body, policy: 'income' }, headers);
    expect(replay.body.recovery.id).toBe(r.body.recovery.id);
    const after = await t.call('GET', `/api/v1/recoveries/candidates?customerId=${customer.body.id}`);
    expect(after.body.items).toEqual([]);

    const rep = await t.userToken(['sales-rep']);
    const refused = await t.call('POST', '/api/v1/recoveries', body, { authorization: `Bearer ${rep}` });
    expect(refused.status).toBe(403);
  });
});
