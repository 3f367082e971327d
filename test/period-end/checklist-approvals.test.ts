import { beforeAll, describe, expect, it } from 'vitest';
import { flowApp, type FlowApp } from '../flows/setup.ts';
import { todayIn } from '../../packages/server/src/domain/ledger/index.ts';

let t: FlowApp;

beforeAll(async () => {
  t = await flowApp();
}, 120_000);

const blockers = async (period: string) =>
  (await t.call('GET', `/api/v1/periods/${period}/checklist`)).body.blockers.map(
    (b: { code: string; count: number }) => [b.code, b.count],
  );

describe('the close checklist and approvals', () => {
  it('a pending write-off approval blocks the period it started in; returned to the requester it blocks as a draft', async () => {
    const { p } = t;
    const today = todayIn(t.tenant.timeZone).slice(0, 7);
    const { invoice } = await t.overdue('80000.00');
    const filed = await t.fileWriteOff(invoice, { reason: 'death-or-disappearance' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(await blockers(today)).toContainEqual(['pending-approvals', 1]);
    const id = filed.body.approval.id as string;
    const task = await t.taskOf(p.salesEast, id, 'sales');
    const back = await t.post(p.salesEast, `/api/v1/tasks/${task}/return`, { to: '$initiator', comment: 'evidence?' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    const now = await blockers(today);
    expect(now).toContainEqual(['draft-requests', 1]);
    expect(now.map((b: [string, number]) => b[0])).not.toContain('pending-approvals');
    const refused = await t.call('POST', `/api/v1/periods/${today}/close`);
    expect(refused.status).toBe(409);
    expect(refused.body.blockers.map((b: { code: string }) => b.code)).toContain('draft-requests');
  });
});
