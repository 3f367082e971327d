import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { describeListed } from '../support/skip.ts';
import { flowApp, type FlowApp, type Person } from './setup.ts';

let t: FlowApp;
let fm2: Person;

// Two clicks at the same moment need two connections: this file runs in the PostgreSQL pass only.
describeListed('approval concurrency on PostgreSQL', () => {
  beforeAll(async () => {
    t = await flowApp();
    fm2 = await t.person('fm2', ['finance-manager']);
  }, 120_000);

  const count = async (table: 'request_actions' | 'ledger_documents', requestNumber?: string) =>
    Number(
      (
        await rows<{ n: string }>(
          t.deps.db,
          table === 'request_actions'
            ? sql`SELECT count(*) AS n FROM request_actions WHERE tenant_id = ${t.tenant.id}`
            : sql`SELECT count(*) AS n FROM ledger_documents WHERE tenant_id = ${t.tenant.id} AND number LIKE ${`${requestNumber}%`}`,
        )
      )[0]!.n,
    );

  it('two any-of approvers clicking at once: one decision, one posting, the other told who won', async () => {
    for (let round = 0; round < 5; round++) {
      const customer = await t.customer(`Race ${randomUUID().slice(0, 4)}`, { orgUnit: 'East' });
      const inv = await t.invoice(customer, '1000.00', '2025-03-31');
      await t.pay(customer, inv, '997.00', '2025-04-15');
      const started = await t.post(t.p.clerk, '/api/v1/forms/small-balance-write-off/start', { receivableIds: [inv] });
      const filed = await t.post(t.p.clerk, '/api/v1/requests', {
        form: started.body.form.ref,
        data: started.body.data,
      });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const id = filed.body.approval.id as string;
      const [a, b] = [await t.taskOf(t.p.fm, id), await t.taskOf(fm2, id)];
      const actions = await count('request_actions');
      const [ra, rb] = await Promise.all([
        t.post(t.p.fm, `/api/v1/tasks/${a}/approve`),
        t.post(fm2, `/api/v1/tasks/${b}/approve`),
      ]);
      expect([ra.status, rb.status].sort(), JSON.stringify([ra.body, rb.body])).toEqual([200, 409]);
      const [won, lost] = ra.status === 200 ? [ra, rb] : [rb, ra];
      expect(lost.body.winner).toMatchObject({ decision: 'approved', by: won === ra ? t.p.fm.id : fm2.id });
      expect(won.body.performed.replayed).toBe(false);
      expect(await count('request_actions')).toBe(actions + 1);
      expect(await count('ledger_documents', filed.body.number)).toBe(1);
      const full = await t.get(t.p.clerk, `/api/v1/approvals/${id}`);
      expect(full.body.history.filter((e: { type: string }) => e.type === 'task.decided')).toHaveLength(1);
      expect(full.body.history.filter((e: { type: string }) => e.type === 'performed')).toHaveLength(1);
    }
  });

  it('a double click by one approver decides once', async () => {
    const { invoice } = await t.overdue('80000.00');
    const filed = await t.fileWriteOff(invoice);
    const task = await t.taskOf(t.p.salesEast, filed.body.approval.id);
    const clicks = await Promise.all([1, 2, 3].map(() => t.post(t.p.salesEast, `/api/v1/tasks/${task}/approve`)));
    expect(clicks.map((c) => c.status).sort()).toEqual([200, 409, 409]);
    const full = await t.get(t.p.clerk, `/api/v1/approvals/${filed.body.approval.id}`);
    expect(full.body.history.filter((e: { type: string }) => e.type === 'task.decided')).toHaveLength(1);
    // finance was entered once: one task per finance manager
    expect(full.body.tasks.filter((x: { step: string }) => x.step === 'finance')).toHaveLength(2);
  });
});
