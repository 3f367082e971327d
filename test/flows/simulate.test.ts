import { beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { flowApp, type FlowApp } from './setup.ts';

let t: FlowApp;

beforeAll(async () => {
  t = await flowApp();
}, 120_000);

const simulate = (body: Record<string, unknown>, key = 'bad-debt-write-off') =>
  t.call('POST', `/api/v1/flows/${key}/simulate`, body);

const facts = (amount: string, disputed = false) => ({
  form: { receivableIds: ['0190a0a0-0000-7000-8000-000000000001'], amount, reason: 'bankruptcy' },
  customer: { salesManagerId: null, orgUnit: 'East', inLegalDispute: disputed },
  subject: { openAmount: amount, daysOverdue: 400 },
});

/** Rows the runtime writes: a simulation must add none. */
const written = async () =>
  (
    await rows<{ n: string }>(
      t.deps.db,
      sql`SELECT (SELECT count(*) FROM flow_instances WHERE tenant_id = ${t.tenant.id})
             + (SELECT count(*) FROM flow_tasks WHERE tenant_id = ${t.tenant.id})
             + (SELECT count(*) FROM notifications WHERE tenant_id = ${t.tenant.id})
             + (SELECT count(*) FROM requests WHERE tenant_id = ${t.tenant.id}) AS n`,
    )
  )[0]!.n;

describe('POST /flows/:key/simulate: the four simulations of ENGINES.md §2.4, creating nothing', () => {
  it('80,000 not disputed → sales → finance → $approved', async () => {
    const before = await written();
    const r = await simulate({ ...facts('80000'), requester: t.p.clerk.email });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      outcome: 'approved',
      summary: 'sales → finance → $approved',
      flow: { key: 'bad-debt-write-off', version: 1, status: 'published' },
      problem: null,
    });
    expect(r.body.route).toEqual(['sales', 'review', 'finance', 'tier', '$approved']);
    expect(
      r.body.steps.map((s: { step: string; assignees: { id: string }[] }) => [s.step, s.assignees.map((a) => a.id)]),
    ).toEqual([
      ['sales', [t.p.salesEast.id]],
      ['finance', [t.p.fm.id]],
    ]);
    expect(await written()).toBe(before);
  });

  it('150,000 → sales → finance → cfo', async () => {
    const r = await simulate(facts('150000'));
    expect(r.body.summary).toBe('sales → finance → cfo → $approved');
    const tier = r.body.guards.filter((g: { pointer: string }) => g.pointer.startsWith('/steps/tier'));
    expect(tier.map((g: { pointer: string; result: unknown }) => [g.pointer, g.result])).toEqual([
      ['/steps/tier/cases/0/when', false],
      ['/steps/tier/cases/1/when', true],
    ]);
  });

  it('600,000 → sales → {finance ∥ legal} → cfo', async () => {
    const r = await simulate(facts('600000'));
    expect(r.body.summary).toBe('sales → {finance ∥ legal} → cfo → $approved');
    const legal = r.body.steps.find((s: { step: string }) => s.step === 'legal');
    expect(legal).toMatchObject({ mode: 'all', assignees: [{ id: t.p.lc.id }, { id: t.p.lh.id }] });
  });

  it('1,200,000 disputed → sales → {finance ∥ legal} → executive (CFO then GM)', async () => {
    const r = await simulate(facts('1200000', true));
    expect(r.body.summary).toBe('sales → {finance ∥ legal} → executive → $approved');
    const exec = r.body.steps.find((s: { step: string }) => s.step === 'executive');
    expect(exec).toMatchObject({
      mode: 'all',
      order: 'sequential',
      assignees: [{ id: t.p.cfo.id }, { id: t.p.gm.id }],
    });
  });

  it('loads the customer and subject from the receivables a submission names, as filing would', async () => {
    const { invoice } = await t.overdue('150000.00', { inLegalDispute: true });
    const before = await written();
    const r = await simulate({ form: { receivableIds: [invoice], amount: '150000', reason: 'litigation' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.customer).toMatchObject({ orgUnit: 'East', inLegalDispute: true });
    expect(r.body.summary).toBe('sales → {finance ∥ legal} → cfo → $approved');
    expect(await written()).toBe(before);
  });

  it('assignees resolve in order (the named sales manager, else the org unit’s, else escalation); bad input is a problem naming the field', async () => {
    const named = await simulate({
      ...facts('80000'),
      customer: { salesManagerId: t.p.salesDirector.email, orgUnit: 'East' },
    });
    expect(named.body.steps[0]).toMatchObject({ step: 'sales', assignees: [{ id: t.p.salesDirector.id }] });
    // nobody in org unit South: the flow escalates on an empty step (onEmptyAssignees), to the sales director
    const south = await simulate({ ...facts('80000'), customer: { orgUnit: 'South', inLegalDispute: false } });
    expect(south.body.steps[0]).toMatchObject({ step: 'sales', assignees: [{ id: t.p.salesDirector.id }] });
    expect(south.body.summary).toBe('sales → finance → $approved');
    const bad = await simulate({ customer: {} });
    expect([bad.status, bad.body.errors]).toEqual([
      422,
      [{ pointer: '/form', reason: expect.stringMatching(/required/) }],
    ]);
    const unknown = await simulate(facts('1'), 'no-such-flow');
    expect(unknown.status).toBe(404);
    const who = await simulate({ ...facts('1'), requester: 'nobody@example.test' });
    expect([who.status, who.body.errors?.[0]?.pointer]).toEqual([422, '/requester']);
    const missing = await simulate({ form: { receivableIds: ['0190a0a0-0000-7000-8000-000000000009'], amount: '1' } });
    expect([missing.status, missing.body.errors?.[0]?.pointer]).toEqual([422, '/form/receivableIds/0']);
  });
});
