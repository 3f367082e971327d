import { beforeAll, describe, expect, it } from 'vitest';
import { flowApp, type FlowApp } from './setup.ts';

let t: FlowApp;

beforeAll(async () => {
  t = await flowApp();
}, 120_000);

const steps = (approval: { tasks: { step: string; status: string; assignee: { id: string } }[] }) =>
  approval.tasks
    .filter((x) => x.status === 'open')
    .map((x) => [x.step, x.assignee.id])
    .sort();

describe('the three-level bad-debt write-off through the API (ENGINES.md §2.4)', () => {
  it('request, return to the requester, resubmit, parallel legal, CFO: the write-off and its voucher are posted once', async () => {
    const { p } = t;
    const { invoice } = await t.overdue('600000.00', { inLegalDispute: true });
    const filed = await t.fileWriteOff(invoice, { reason: 'litigation', courtCase: '(2026)沪01民初12号' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const requestId = filed.body.id as string;
    const approval = filed.body.approval;
    expect(approval).toMatchObject({
      status: 'running',
      round: 1,
      flow: { key: 'bad-debt-write-off', version: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      openSteps: ['sales'],
      withdrawable: true,
    });
    expect(steps(approval)).toEqual([['sales', p.salesEast.id]]);
    const id = approval.id as string;

    // the sales manager sends it back to the requester: round 2 starts when the clerk resubmits
    const sales1 = await t.taskOf(p.salesEast, id, 'sales');
    const back = await t.post(p.salesEast, `/api/v1/tasks/${sales1}/return`, {
      to: '$initiator',
      comment: 'attach the court ruling',
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.approval).toMatchObject({ status: 'returned', round: 2, openSteps: [], withdrawable: true });
    const told = await t.get(p.clerk, '/api/v1/notifications?unread=true');
    expect(told.body.items[0]).toMatchObject({
      kind: 'request.returned',
      source: 'flows',
      entity: { type: 'request', id: requestId },
    });
    const again = await t.post(p.clerk, `/api/v1/approvals/${id}/resubmit`, {
      data: { ...filed.body.data, explanation: 'court ruling attached' },
      comment: 'ruling attached',
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ status: 'running', round: 2, openSteps: ['sales'], withdrawable: false });
    expect((await t.get(p.clerk, `/api/v1/requests/${requestId}`)).body.revision).toBe(2);

    // sales approves: finance and legal (both countersign) run in parallel, since the customer is disputed
    const sales2 = await t.taskOf(p.salesEast, id, 'sales');
    expect(sales2).not.toBe(sales1);
    const ok = await t.post(p.salesEast, `/api/v1/tasks/${sales2}/approve`, { comment: 'agreed' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(steps(ok.body.approval)).toEqual(
      [
        ['finance', p.fm.id],
        ['legal', p.lc.id],
        ['legal', p.lh.id],
      ].sort(),
    );
    const finance = await t.taskOf(p.fm, id, 'finance');
    expect((await t.post(p.fm, `/api/v1/tasks/${finance}/approve`)).status).toBe(200);

    // legal needs its opinion on file before approving
    const lc = await t.taskOf(p.lc, id, 'legal');
    const missing = await t.post(p.lc, `/api/v1/tasks/${lc}/approve`);
    expect([missing.status, missing.body.errors]).toEqual([
      422,
      [{ pointer: '/attachments', reason: 'step legal needs an attachment labelled legal-opinion before approval' }],
    ]);
    await t.upload(p.lc, requestId, 'legal-opinion');
    expect((await t.post(p.lc, `/api/v1/tasks/${lc}/approve`)).status).toBe(200);
    const lh = await t.taskOf(p.lh, id, 'legal');
    const joined = await t.post(p.lh, `/api/v1/tasks/${lh}/approve`);
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    // 600,000 > 100,000: the CFO decides last
    expect(steps(joined.body.approval)).toEqual([['cfo', p.cfo.id]]);
    expect(joined.body.performed).toBeNull();

    // the requester holds no task, and may not decide one: the segregation policy
    const cfoTask = await t.taskOf(p.cfo, id, 'cfo');
    const self = await t.post(p.clerk, `/api/v1/tasks/${cfoTask}/approve`);
    expect([self.status, self.body.detail]).toEqual([403, 'the user who requested a write-off cannot approve it']);
    const stranger = await t.post(p.gm, `/api/v1/tasks/${cfoTask}/approve`);
    expect([stranger.status, stranger.body.detail]).toEqual([403, `task ${cfoTask} is assigned to someone else`]);

    const done = await t.post(p.cfo, `/api/v1/tasks/${cfoTask}/approve`, { comment: 'write it off' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.approval).toMatchObject({ status: 'approved', openSteps: [], withdrawable: false });
    expect(done.body.performed).toMatchObject({
      action: 'bad-debt-write-off',
      effectKey: `${id}:on-approved`,
      replayed: false,
      documents: [{ type: 'write-off:bad-debt', amount: '600000' }],
    });
    expect(done.body.performed.vouchers).toHaveLength(1);

    // once: a late click is told who won, and the request shows the one posting
    const late = await t.post(p.cfo, `/api/v1/tasks/${cfoTask}/approve`);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ winner: { decision: 'approved', by: p.cfo.id, step: 'cfo' } });
    const request = await t.get(p.clerk, `/api/v1/requests/${requestId}`);
    expect(request.body.performed).toMatchObject({
      effectKey: `${id}:on-approved`,
      vouchers: done.body.performed.vouchers,
    });
    const items = await t.get(p.clerk, `/api/v1/receivables/${invoice}`);
    expect(items.body.openAmount ?? items.body.document?.openAmount).toMatch(/^0(\.0+)?$/);

    // the history: every transition with the flow version, the guards' traces, the performed action
    const full = await t.get(p.clerk, `/api/v1/approvals/${id}`);
    expect(full.status).toBe(200);
    const history = full.body.history as { type: string; flowVersion: number; guards: unknown; round: number }[];
    expect(history.every((e) => e.flowVersion === 1)).toBe(true);
    expect(history.filter((e) => e.type === 'returned')).toHaveLength(1);
    expect(history.filter((e) => e.type === 'performed')).toHaveLength(1);
    const parallel = history.find((e) => e.type === 'parallel.started' && e.round === 2)!;
    expect(parallel.guards).toEqual([
      expect.objectContaining({
        pointer: '/steps/review/branches/legal/when',
        result: true,
        trace: expect.any(Object),
      }),
    ]);
    const tier = history.find((e) => e.type === 'switch.taken')!;
    expect(tier).toMatchObject({ detail: { to: 'cfo' } });
    const audit = await t.call('GET', `/api/v1/audit?entityType=flow-instance&entityId=${id}`);
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    const entries = audit.body.items as { action: string; definitions: { kind: string; version: number }[] }[];
    expect(entries.map((e) => e.action).sort()).toEqual(
      [
        'flow.start',
        'flow.return',
        'flow.resubmit',
        'flow.approve',
        'flow.approve',
        'flow.approve',
        'flow.approve',
        'flow.approve',
      ].sort(),
    );
    expect(entries.every((e) => e.definitions.some((d) => d.kind === 'flow' && d.version === 1))).toBe(true);
    const clerkNews = await t.get(p.clerk, '/api/v1/notifications');
    expect(clerkNews.body.items[0]).toMatchObject({ kind: 'request.approved' });
  });
});
