import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowApp, type FlowApp } from './setup.ts';

let t: FlowApp;

beforeAll(async () => {
  t = await flowApp();
}, 120_000);

const admin = (path: string, body: unknown) =>
  t.call('POST', path, body, { 'idempotency-key': randomBytes(8).toString('hex') });

async function receipt(customerId: string | null, amount: string, currency = 'CNY') {
  const r = await admin('/api/v1/receipts', {
    ...(customerId ? { customerId } : {}),
    currency,
    amount,
    ...(currency === 'CNY' ? {} : { fxRate: '7.1' }),
    documentDate: '2025-03-10',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.document.id as string;
}

async function openOf(id: string) {
  let r = await t.call('GET', `/api/v1/receivables/${id}`);
  if (r.status === 404) r = await t.call('GET', `/api/v1/receipts/${id}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.openAmount as string;
}

/** Two invoices (6,000 due in January, 4,000 in February) and a receipt of 9,850: 150 deducted. */
async function shortPaid(paid = '9850.00') {
  const { customer, invoice: jan } = await t.overdue('6000.00');
  const feb = await t.invoice(customer, '4000.00', '2025-02-28');
  return { customer, jan, feb, receipt: await receipt(customer, paid) };
}

async function start(receivableIds: string[], receiptId: string) {
  return t.post(t.p.clerk, '/api/v1/forms/settlement-override/start', { receivableIds, receiptId });
}

async function file(receivableIds: string[], receiptId: string, extra: Record<string, unknown> = {}) {
  const started = await start(receivableIds, receiptId);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  return t.post(t.p.clerk, '/api/v1/requests', {
    form: started.body.form.ref,
    data: { ...started.body.data, ...extra },
  });
}

describe('a settlement override: a receipt settles invoices it does not fully cover, once approved', () => {
  it('prefills the receipt and the difference; finance approves; the difference is an adjustment and every item is settled', async () => {
    const s = await shortPaid();
    const started = await start([s.feb, s.jan], s.receipt);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.subject.receipt).toMatchObject({ id: s.receipt, docType: 'receipt' });
    expect(started.body.subject.difference).toBe('150.00');
    expect(started.body.data).toMatchObject({
      receiptId: s.receipt,
      receivableIds: [s.feb, s.jan],
      amount: '150.00',
      adjustmentKind: 'discount',
    });
    const filed = await t.post(t.p.clerk, '/api/v1/requests', {
      form: started.body.form.ref,
      data: { ...started.body.data, reason: 'early-payment-discount' },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.approval.openSteps).toEqual(['finance']);
    // nothing moves before the approval
    expect(await openOf(s.jan)).toMatch(/^6000\.0+$/);

    const done = await t.post(t.p.fm, `/api/v1/tasks/${await t.taskOf(t.p.fm, filed.body.approval.id)}/approve`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.approval.status).toBe('approved');
    expect(done.body.performed).toMatchObject({ action: 'settlement-override', replayed: false });
    expect(done.body.performed.documents).toEqual([
      expect.objectContaining({ type: 'adjustment:discount', amount: expect.stringMatching(/^150(\.0+)?$/) }),
    ]);
    expect(done.body.performed.vouchers).toHaveLength(2);
    for (const id of [s.jan, s.feb, s.receipt]) expect(await openOf(id)).toMatch(/^0(\.0+)?$/);

    // the oldest invoice took the receipt first; the adjustment covers what is left of the newer one
    const settlement = await t.call('GET', `/api/v1/settlements/${done.body.performed.changes.settlementId}`);
    expect(settlement.status, JSON.stringify(settlement.body)).toBe(200);
    const adjustment = done.body.performed.documents[0].id;
    type Line = { debitDocument: { id: string }; creditDocument: { id: string }; debitAmount: string };
    const lines = settlement.body.lines.map((l: Line) => [
      l.debitDocument.id === s.jan ? 'jan' : 'feb',
      l.creditDocument.id === s.receipt ? 'receipt' : l.creditDocument.id === adjustment ? 'adjustment' : '?',
      Number(l.debitAmount).toFixed(2),
    ]);
    expect(lines).toEqual([
      ['jan', 'receipt', '6000.00'],
      ['feb', 'receipt', '3850.00'],
      ['feb', 'adjustment', '150.00'],
    ]);
  });

  it('a difference over 10,000 goes to the CFO after finance', async () => {
    const { customer, invoice } = await t.overdue('60000.00');
    const paid = await receipt(customer, '45000.00');
    const filed = await file([invoice], paid, { adjustmentKind: 'rebate', reason: 'agreed-rebate' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.approval.id as string;
    const first = await t.post(t.p.fm, `/api/v1/tasks/${await t.taskOf(t.p.fm, id)}/approve`);
    expect(first.body.approval).toMatchObject({ status: 'running', openSteps: ['cfo'] });
    expect(await openOf(invoice)).toMatch(/^60000\.0+$/);
    const done = await t.post(t.p.cfo, `/api/v1/tasks/${await t.taskOf(t.p.cfo, id)}/approve`);
    expect(done.body.performed.documents[0]).toMatchObject({ type: 'adjustment:rebate' });
    expect(done.body.performed.documents[0].amount).toMatch(/^15000(\.0+)?$/);
    expect(await openOf(invoice)).toMatch(/^0(\.0+)?$/);
  });

  it('is refused with a pointer when no override is needed, the amount is not the difference, or the receipt cannot pay for them', async () => {
    const covered = await shortPaid('10000.00');
    const r1 = await file([covered.jan, covered.feb], covered.receipt, { reason: 'other', explanation: 'x' });
    expect(r1.status, JSON.stringify(r1.body)).toBe(422);
    expect(r1.body.errors).toEqual([expect.objectContaining({ pointer: '/data/receivableIds' })]);

    const s = await shortPaid();
    const r2 = await file([s.jan, s.feb], s.receipt, { amount: '140.00' });
    expect(r2.status, JSON.stringify(r2.body)).toBe(422);
    expect(r2.body.errors).toEqual([
      expect.objectContaining({ pointer: '/data/amount', reason: expect.stringContaining('150.00') }),
    ]);

    const stranger = await shortPaid();
    const r3 = await start([s.jan], stranger.receipt);
    expect(r3.status, JSON.stringify(r3.body)).toBe(422);
    expect(r3.body.errors).toEqual([
      expect.objectContaining({ pointer: '/receiptId', reason: expect.stringContaining('does not pay for') }),
    ]);
    const started = await start([s.jan], s.receipt);
    const r4 = await t.post(t.p.clerk, '/api/v1/requests', {
      form: started.body.form.ref,
      data: { ...started.body.data, receivableIds: [s.jan, s.feb], receiptId: s.feb },
    });
    expect(r4.status, JSON.stringify(r4.body)).toBe(422);
    expect(r4.body.errors).toEqual([
      expect.objectContaining({ pointer: '/data/receiptId', reason: expect.stringContaining('not a receipt') }),
    ]);
    const usd = await receipt(s.customer, '100.00', 'USD');
    const r5 = await start([s.jan], usd);
    expect(r5.status).toBe(422);
    expect(r5.body.errors[0]).toMatchObject({ pointer: '/receiptId', reason: expect.stringContaining('one currency') });
    // nothing was filed or posted
    expect(await openOf(s.receipt)).toMatch(/^9850\.0+$/);
  });

  it('an unidentified receipt may settle them; the approval is refused and nothing posted when the items moved since filing', async () => {
    const s = await shortPaid('1.00');
    const anon = await receipt(null, '9800.00');
    const filed = await file([s.jan, s.feb], anon);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    // the clerk settles 1.00 of the January invoice meanwhile: the approved difference no longer fits
    const moved = await admin('/api/v1/settlements', {
      lines: [{ debitDocumentId: s.jan, creditDocumentId: s.receipt, amount: '1.00' }],
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const task = await t.taskOf(t.p.fm, filed.body.approval.id);
    const refused = await t.post(t.p.fm, `/api/v1/tasks/${task}/approve`);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.detail).toContain('file a new request');
    expect(await openOf(anon)).toMatch(/^9800\.0+$/);
    expect(await openOf(s.feb)).toMatch(/^4000\.0+$/);
    expect((await t.get(t.p.fm, `/api/v1/approvals/${filed.body.approval.id}`)).body.status).toBe('running');
  });
});
