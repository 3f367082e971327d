import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import {
  fireDueTimers,
  fireTimersOfAllTenants,
  type TenantTimers,
} from '../../packages/server/src/domain/flows/index.ts';
import { systemActor } from '../../packages/server/src/domain/context.ts';
import { flowApp, type FlowApp, type Person } from './setup.ts';

let t: FlowApp;
let fm2: Person;
let deputy: Person;

beforeAll(async () => {
  t = await flowApp();
  fm2 = await t.person('fm2', ['finance-manager']);
  deputy = await t.person('deputy', ['clerk']);
}, 120_000);

/** A small-balance write-off of a partly paid invoice (finance decides, any of its managers). */
async function smallBalance() {
  const customer = await t.customer(`Small ${randomUUID().slice(0, 4)}`, { orgUnit: 'East' });
  const inv = await t.invoice(customer, '1000.00', '2025-03-31');
  await t.pay(customer, inv, '996.50', '2025-04-15');
  const started = await t.post(t.p.clerk, '/api/v1/forms/small-balance-write-off/start', { receivableIds: [inv] });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const filed = await t.post(t.p.clerk, '/api/v1/requests', { form: started.body.form.ref, data: started.body.data });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return { invoice: inv, requestId: filed.body.id as string, approval: filed.body.approval };
}

const taskStatus = async (approvalId: string) =>
  Object.fromEntries(
    (await t.get(t.p.clerk, `/api/v1/approvals/${approvalId}`)).body.tasks.map(
      (x: { assignee: { id: string }; status: string; step: string }) => [`${x.step}:${x.assignee.id}`, x.status],
    ),
  );

describe('deciding tasks', () => {
  it('any-of: the first approval decides, the other task is superseded, a late click is told who won (409)', async () => {
    const { approval } = await smallBalance();
    expect(approval.openSteps).toEqual(['finance']);
    const [a, b] = [await t.taskOf(t.p.fm, approval.id), await t.taskOf(fm2, approval.id)];
    const won = await t.post(t.p.fm, `/api/v1/tasks/${a}/approve`, { comment: 'fine' });
    expect(won.status, JSON.stringify(won.body)).toBe(200);
    expect(won.body.approval.status).toBe('approved');
    expect(won.body.performed).toMatchObject({ action: 'small-balance-write-off', documents: [{ amount: '3.5' }] });
    const late = await t.post(fm2, `/api/v1/tasks/${b}/approve`);
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toBe('application/problem+json');
    expect(late.body).toMatchObject({
      task: { id: b, status: 'superseded' },
      winner: { taskId: a, decision: 'approved', by: t.p.fm.id, step: 'finance' },
    });
    expect(await taskStatus(approval.id)).toEqual({
      [`finance:${t.p.fm.id}`]: 'approved',
      [`finance:${fm2.id}`]: 'superseded',
    });
    const done = await t.get(fm2, '/api/v1/inbox?status=done');
    expect(done.body.items.find((i: { task: { id: string } }) => i.task.id === b)).toMatchObject({
      task: { status: 'superseded', closedBy: { by: t.p.fm.id } },
      request: { action: 'small-balance-write-off' },
    });
    const news = await t.get(fm2, '/api/v1/notifications?source=flows');
    expect(news.body.items.map((n: { kind: string }) => n.kind)).toContain('task.closed');
  });

  it('bad input is a problem naming the field and changes nothing', async () => {
    const { invoice } = await t.overdue('80000.00');
    const filed = await t.fileWriteOff(invoice);
    const id = filed.body.approval.id as string;
    const task = await t.taskOf(t.p.salesEast, id, 'sales');
    const before = await t.get(t.p.clerk, `/api/v1/approvals/${id}`);
    const cases: [string, unknown, number, string | undefined][] = [
      [`/api/v1/tasks/${randomUUID()}/approve`, {}, 404, undefined],
      ['/api/v1/tasks/not-a-task/approve', {}, 404, undefined],
      [`/api/v1/tasks/${task}/approve`, { comment: 5 }, 422, '/comment'],
      [`/api/v1/tasks/${task}/approve`, { verdict: 'yes' }, 422, '/verdict'],
      [`/api/v1/tasks/${task}/return`, { to: 'cfo' }, 422, '/to'],
      [`/api/v1/tasks/${task}/return`, {}, 422, '/to'],
      [`/api/v1/tasks/${task}/delegate`, { to: 'nobody@example.test' }, 422, '/to'],
      [`/api/v1/tasks/${task}/add-signer`, { user: t.p.cfo.email }, 403, '/steps/sales/actions'],
    ];
    for (const [path, body, status, pointer] of cases) {
      const r = await t.post(t.p.salesEast, path, body);
      expect([path, r.status], JSON.stringify(r.body)).toEqual([path, status]);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      if (pointer) expect(r.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
    // someone who holds no task of it
    const other = await t.post(t.p.fm, `/api/v1/tasks/${task}/approve`);
    expect([other.status, other.body.detail]).toEqual([403, `task ${task} is assigned to someone else`]);
    const after = await t.get(t.p.clerk, `/api/v1/approvals/${id}`);
    expect(after.body.history).toEqual(before.body.history);
    expect(after.body.tasks).toEqual(before.body.tasks);
    // approving twice
    expect((await t.post(t.p.salesEast, `/api/v1/tasks/${task}/approve`)).status).toBe(200);
    const twice = await t.post(t.p.salesEast, `/api/v1/tasks/${task}/approve`);
    expect([twice.status, twice.body.winner]).toEqual([409, expect.objectContaining({ decision: 'approved' })]);
    // the same click retried with its Idempotency-Key answers as the first time
    const key = { 'idempotency-key': `approve-${task}` };
    const fin = await t.taskOf(t.p.fm, id, 'finance');
    const first = await t.call(
      'POST',
      `/api/v1/tasks/${fin}/reject`,
      { comment: 'no' },
      { ...key, authorization: `Bearer ${t.p.fm.token}` },
    );
    const retry = await t.call(
      'POST',
      `/api/v1/tasks/${fin}/reject`,
      { comment: 'no' },
      { ...key, authorization: `Bearer ${t.p.fm.token}` },
    );
    expect([first.status, retry.status, retry.headers.get('idempotency-replayed')]).toEqual([200, 200, 'true']);
    // any-of: one finance manager's reject leaves the step to the other; it is rejected once approval is impossible
    expect(first.body.approval.status).toBe('running');
    const fin2 = await t.taskOf(fm2, id, 'finance');
    const rejected = await t.post(fm2, `/api/v1/tasks/${fin2}/reject`, { comment: 'no' });
    expect(rejected.body.approval.status).toBe('rejected');
    const news = await t.get(t.p.clerk, '/api/v1/notifications');
    expect(news.body.items[0]).toMatchObject({ kind: 'request.rejected', payload: { instanceId: id } });
  });

  it('withdraw before the first decision; not after; nothing acts on a withdrawn request', async () => {
    const { approval } = await smallBalance();
    const task = await t.taskOf(t.p.fm, approval.id);
    const notMine = await t.post(t.p.fm, `/api/v1/approvals/${approval.id}/withdraw`);
    expect(notMine.status).toBe(403);
    const w = await t.post(t.p.clerk, `/api/v1/approvals/${approval.id}/withdraw`, { comment: 'filed by mistake' });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body).toMatchObject({ status: 'withdrawn', withdrawable: false, openSteps: [] });
    const late = await t.post(t.p.fm, `/api/v1/tasks/${task}/approve`);
    expect([late.status, late.body.winner]).toEqual([
      409,
      expect.objectContaining({ decision: 'withdrawn', by: t.p.clerk.id }),
    ]);
    const again = await t.post(t.p.clerk, `/api/v1/approvals/${approval.id}/withdraw`);
    expect([again.status, again.body.detail]).toEqual([409, 'the request is withdrawn']);
    const resubmit = await t.post(t.p.clerk, `/api/v1/approvals/${approval.id}/resubmit`);
    expect(resubmit.status).toBe(409);

    const { invoice } = await t.overdue('80000.00');
    const filed = await t.fileWriteOff(invoice);
    const id = filed.body.approval.id as string;
    await t.post(t.p.salesEast, `/api/v1/tasks/${await t.taskOf(t.p.salesEast, id)}/approve`);
    const tooLate = await t.post(t.p.clerk, `/api/v1/approvals/${id}/withdraw`);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.detail).toMatch(/only before the first decision/);
  });

  it('comments are kept with the approval and told to the others', async () => {
    const { approval } = await smallBalance();
    const c = await t.post(t.p.clerk, `/api/v1/approvals/${approval.id}/comments`, { body: 'the 3.50 is a bank fee' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body.comments).toEqual([
      expect.objectContaining({
        body: 'the 3.50 is a bank fee',
        author: expect.objectContaining({ id: t.p.clerk.id }),
      }),
    ]);
    const told = await t.get(t.p.fm, '/api/v1/notifications?unread=true');
    expect(told.body.items[0]).toMatchObject({ kind: 'comment', entity: { type: 'request' } });
    expect(told.body.unread).toBeGreaterThan(0);
    const read = await t.post(t.p.fm, '/api/v1/notifications/read', { ids: [told.body.items[0].id] });
    expect(read.body).toEqual({ marked: 1 });
    const stranger = await t.post(deputy, `/api/v1/approvals/${approval.id}/comments`, { body: 'hello' });
    expect(stranger.status).toBe(404);
    const empty = await t.post(t.p.clerk, `/api/v1/approvals/${approval.id}/comments`, { body: '' });
    expect([empty.status, empty.body.errors[0].pointer]).toEqual([422, '/body']);
  });
});

describe('delegation and added signers', () => {
  it('a standing delegation sends new tasks to the delegate, on behalf of the delegator; one level deep', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const d = await t.post(t.p.salesEast, '/api/v1/delegations', {
      to: deputy.email,
      starts: today,
      ends: '2099-12-31',
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    try {
      expect(d.body).toMatchObject({ from: { id: t.p.salesEast.id }, to: { id: deputy.id } });
      const bad = await t.post(t.p.salesEast, '/api/v1/delegations', {
        to: t.p.salesEast.email,
        starts: today,
        ends: '2099-12-31',
      });
      expect([bad.status, bad.body.errors[0].pointer]).toEqual([422, '/to']);
      const other = await t.post(t.p.clerk, '/api/v1/delegations', {
        from: t.p.salesEast.email,
        to: deputy.email,
        starts: today,
        ends: '2099-12-31',
      });
      expect(other.status).toBe(403);
      const list = await t.get(t.p.salesEast, '/api/v1/delegations');
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(d.body.id);

      const filed = await t.fileWriteOff((await t.overdue('70000.00')).invoice);
      const id = filed.body.approval.id as string;
      const mine = (await t.get(deputy, '/api/v1/inbox')).body.items.find(
        (i: { approval: { id: string } }) => i.approval.id === id,
      );
      expect(mine.task).toMatchObject({ origin: 'delegated', onBehalfOf: { id: t.p.salesEast.id }, step: 'sales' });
      const again = await t.post(deputy, `/api/v1/tasks/${mine.task.id}/delegate`, { to: t.p.gm.email });
      expect([again.status, again.body.detail]).toEqual([403, expect.stringMatching(/one level deep/)]);
      expect((await t.post(deputy, `/api/v1/tasks/${mine.task.id}/approve`)).status).toBe(200);
      const history = (await t.get(t.p.clerk, `/api/v1/approvals/${id}`)).body.history;
      expect(history.find((e: { type: string }) => e.type === 'task.decided')).toMatchObject({
        by: { id: deputy.id },
        onBehalfOf: { id: t.p.salesEast.id },
      });
    } finally {
      const revoked = await t.post(t.p.salesEast, `/api/v1/delegations/${d.body.id}/revoke`);
      expect(revoked.status).toBe(200);
    }
    // a task handed on by its holder: the same checks apply to whom it goes
    const filed = await t.fileWriteOff((await t.overdue('70000.00')).invoice);
    const id = filed.body.approval.id as string;
    const task = await t.taskOf(t.p.salesEast, id, 'sales');
    const toRequester = await t.post(t.p.salesEast, `/api/v1/tasks/${task}/delegate`, { to: t.p.clerk.email });
    expect(toRequester.status).toBe(403);
    const handed = await t.post(t.p.salesEast, `/api/v1/tasks/${task}/delegate`, {
      to: t.p.gm.email,
      comment: 'on leave',
    });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body.task.status).toBe('delegated');
    const gmTask = await t.taskOf(t.p.gm, id, 'sales');
    expect((await t.post(t.p.gm, `/api/v1/tasks/${gmTask}/approve`)).body.approval.openSteps).toEqual(['finance']);
    const history = (await t.get(t.p.clerk, `/api/v1/approvals/${id}`)).body.history;
    expect(history.find((e: { type: string }) => e.type === 'task.decided')).toMatchObject({
      by: { id: t.p.gm.id },
      onBehalfOf: { id: t.p.salesEast.id },
    });
  });

  it('an added signer must approve too before the step completes', async () => {
    const { invoice } = await t.overdue('80000.00');
    const filed = await t.fileWriteOff(invoice);
    const id = filed.body.approval.id as string;
    await t.post(t.p.salesEast, `/api/v1/tasks/${await t.taskOf(t.p.salesEast, id)}/approve`);
    const fin = await t.taskOf(t.p.fm, id, 'finance');
    const added = await t.post(t.p.fm, `/api/v1/tasks/${fin}/add-signer`, { user: t.p.cfo.email, comment: 'big one' });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const approved = await t.post(t.p.fm, `/api/v1/tasks/${fin}/approve`);
    expect(approved.body.approval).toMatchObject({ status: 'running', openSteps: ['finance'] });
    const cfoTask = await t.taskOf(t.p.cfo, id, 'finance');
    const done = await t.post(t.p.cfo, `/api/v1/tasks/${cfoTask}/approve`);
    expect(done.body.approval.status).toBe('approved');
    expect(done.body.performed.documents).toHaveLength(1);
  });
});

describe('the inbox and timers', () => {
  it('lists open tasks overdue first, filters, and fires reminders and escalations once', async () => {
    const first = await t.fileWriteOff((await t.overdue('80000.00')).invoice);
    const second = await t.fileWriteOff((await t.overdue('90000.00')).invoice);
    const late = await t.taskOf(t.p.salesEast, second.body.approval.id);
    // the second one's sales task passed its due time
    await t.deps.db.execute(
      sql`UPDATE flow_tasks SET due_at = now() - interval '1 day' WHERE tenant_id = ${t.tenant.id} AND id = ${late}`,
    );
    const inbox = await t.get(t.p.salesEast, '/api/v1/inbox?flow=bad-debt-write-off&step=sales');
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
    expect(inbox.body.items[0]).toMatchObject({
      task: { id: late, overdue: true, actions: expect.arrayContaining(['approve', 'reject', 'return']) },
      request: { id: second.body.id, amount: '90000', customer: { name: expect.any(String) } },
    });
    const overdue = await t.get(t.p.salesEast, '/api/v1/inbox?overdue=true');
    expect(overdue.body.items.map((i: { task: { id: string } }) => i.task.id)).toEqual([late]);
    const bad = await t.get(t.p.salesEast, '/api/v1/inbox?status=late');
    expect([bad.status, bad.body.errors[0].pointer]).toEqual([422, '/query/status']);

    // the timers: P1D reminder, P3D escalation to the sales director (business days)
    const ctx = { tenant: t.tenant, actor: systemActor('jobs') };
    const inAWeek = () => new Date(Date.now() + 8 * 86_400_000);
    const run = await fireDueTimers({ ...t.deps, now: inAWeek }, ctx);
    expect(run.failed).toEqual([]);
    const mine = run.fired.filter((f) =>
      [first.body.approval, second.body.approval].some((a: { tasks: { id: string }[] }) =>
        a.tasks.some((x) => x.id === f.taskId),
      ),
    );
    expect(mine.map((f) => f.level).sort()).toEqual(['escalate', 'escalate', 'remind', 'remind']);
    const director = await t.taskOf(t.p.salesDirector, first.body.approval.id, 'sales');
    expect(director).toBeTruthy();
    const reminded = await t.get(t.p.salesEast, '/api/v1/notifications?source=flows');
    expect(reminded.body.items.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['task.reminder', 'task.escalated']),
    );
    const twice = await fireDueTimers({ ...t.deps, now: inAWeek }, ctx);
    expect(twice.fired).toEqual([]);
    const fired = await rows<{ n: string }>(
      t.deps.db,
      sql`SELECT count(*) AS n FROM flow_due WHERE tenant_id = ${t.tenant.id} AND fired_at IS NULL AND due_at <= now() + interval '8 days'`,
    );
    expect(Number(fired[0]!.n)).toBe(0);
  });

  it("the server's round fires each tenant's due timers in its own transaction, once", async () => {
    const filed = await t.fileWriteOff((await t.overdue('70000.00')).invoice);
    const inAWeek = () => new Date(Date.now() + 8 * 86_400_000);
    const mine = (rounds: TenantTimers[]) =>
      rounds
        .flatMap((r) => r.run?.fired ?? [])
        .filter((f) => filed.body.approval.tasks.some((x: { id: string }) => x.id === f.taskId))
        .map((f) => f.level)
        .sort();
    const [round] = await fireTimersOfAllTenants({ ...t.deps, now: inAWeek }, { only: [t.tenant.id] });
    expect(round).toMatchObject({ tenant: t.tenant.id, run: { failed: [] } });
    expect(mine([round!])).toEqual(['escalate', 'remind']);
    expect(await t.taskOf(t.p.salesDirector, filed.body.approval.id, 'sales')).toBeTruthy();
    // a second round (another server's, or the next one) finds nothing left to fire
    expect(mine(await fireTimersOfAllTenants({ ...t.deps, now: inAWeek }, { only: [t.tenant.id] }))).toEqual([]);
  });
});
