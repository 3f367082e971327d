import { beforeAll, describe, expect, it } from 'vitest';
import { flowApp, type FlowApp } from './setup.ts';

let t: FlowApp;

beforeAll(async () => {
  t = await flowApp();
}, 120_000);

describe('a debt transfer through the API', () => {
  it('sales → finance (returned to sales: round 2) → legal: the pair of documents is posted once', async () => {
    const { p } = t;
    const { invoice, customer } = await t.overdue('48000.00');
    const to = await t.customer('Triangle Partner Co', { orgUnit: 'East' });
    const started = await t.post(p.clerk, '/api/v1/forms/debt-transfer/start', { receivableIds: [invoice] });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const agreement = await t.upload(p.clerk, null, 'transfer-agreement');
    const filed = await t.post(p.clerk, '/api/v1/requests', {
      form: started.body.form.ref,
      data: { ...started.body.data, toCustomerId: to, reason: 'triangular-debt' },
      attachments: [agreement],
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.approval.id as string;
    expect(filed.body.approval.openSteps).toEqual(['sales']);
    await t.post(p.salesEast, `/api/v1/tasks/${await t.taskOf(p.salesEast, id)}/approve`);

    // finance sends it back to sales: a new round from there, the first sales decision kept in history
    const fin = await t.taskOf(p.fm, id, 'finance');
    const back = await t.post(p.fm, `/api/v1/tasks/${fin}/return`, {
      to: 'sales',
      comment: 'check the agreement date',
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.approval).toMatchObject({ status: 'running', round: 2, openSteps: ['sales'] });
    await t.post(p.salesEast, `/api/v1/tasks/${await t.taskOf(p.salesEast, id, 'sales')}/approve`);
    await t.post(p.fm, `/api/v1/tasks/${await t.taskOf(p.fm, id, 'finance')}/approve`);
    const legal = await t.taskOf(p.lc, id, 'legal');
    const done = await t.post(p.lc, `/api/v1/tasks/${legal}/approve`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.approval.status).toBe('approved');
    expect(done.body.performed).toMatchObject({ action: 'debt-transfer', replayed: false });
    expect(done.body.performed.documents).toHaveLength(2);
    expect(done.body.performed.vouchers).toHaveLength(1);

    const full = await t.get(p.clerk, `/api/v1/approvals/${id}`);
    const decided = full.body.history.filter((e: { type: string }) => e.type === 'task.decided');
    expect(
      decided.map((e: { step: string; round: number; detail: { decision: string } }) => [
        e.step,
        e.round,
        e.detail.decision,
      ]),
    ).toEqual([
      ['sales', 1, 'approved'],
      ['finance', 1, 'returned'],
      ['sales', 2, 'approved'],
      ['finance', 2, 'approved'],
      ['legal', 2, 'approved'],
    ]);
    // the transferred amount left the old debtor's invoice
    const old = await t.call('GET', `/api/v1/receivables/${invoice}`);
    expect(old.body.openAmount ?? old.body.document?.openAmount).toMatch(/^0(\.0+)?$/);
    const request = await t.get(p.clerk, `/api/v1/requests/${filed.body.id}`);
    expect(request.body.performed).toMatchObject({ effectKey: `${id}:on-approved` });
    expect(customer).not.toBe(to);
  });
});
