import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { demoDocument } from '../requests/setup.ts';
import { flowApp, type FlowApp } from './setup.ts';

let t: FlowApp;

beforeAll(async () => {
  t = await flowApp();
}, 120_000);

async function smallBalance() {
  const customer = await t.customer(`Small ${randomUUID().slice(0, 4)}`, { orgUnit: 'East' });
  const inv = await t.invoice(customer, '1000.00', '2025-03-31');
  await t.pay(customer, inv, '998.00', '2025-04-15');
  const started = await t.post(t.p.clerk, '/api/v1/forms/small-balance-write-off/start', { receivableIds: [inv] });
  return t.post(t.p.clerk, '/api/v1/requests', { form: started.body.form.ref, data: started.body.data });
}

/** Version 2 of the small-balance flow: its one step renamed. */
function v2() {
  const doc = structuredClone(demoDocument('flows', 'small-balance-write-off'));
  doc.version = 2;
  doc.steps = { controller: { ...doc.steps.finance, title: { en: 'Controller', zh: '财务控制' } } };
  doc.start = 'controller';
  return doc;
}

const requests = async () =>
  Number(
    (await rows<{ n: string }>(t.deps.db, sql`SELECT count(*) AS n FROM requests WHERE tenant_id = ${t.tenant.id}`))[0]!
      .n,
  );

describe('flow versions and running approvals', () => {
  it('a published change never alters a running approval; an explicit, audited migration moves it', async () => {
    const a = await smallBalance();
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const id = a.body.approval.id as string;
    expect(
      (await t.call('PUT', '/api/v1/definitions/flow/small-balance-write-off/draft', { document: v2() })).status,
    ).toBe(200);
    expect((await t.call('POST', '/api/v1/definitions/flow/small-balance-write-off/publish')).status).toBe(200);
    const still = await t.get(t.p.clerk, `/api/v1/approvals/${id}`);
    expect(still.body).toMatchObject({ flow: { version: 1 }, openSteps: ['finance'] });
    const b = await smallBalance();
    expect(b.body.approval).toMatchObject({ flow: { version: 2 }, openSteps: ['controller'] });

    const unmapped = await t.call('POST', `/api/v1/approvals/${id}/migrate`, { toVersion: 2 });
    expect([unmapped.status, unmapped.body.errors]).toEqual([
      422,
      [{ pointer: '/steps/finance', reason: 'waiting step finance maps to no approve step (finance)' }],
    ]);
    const notAdmin = await t.post(t.p.fm, `/api/v1/approvals/${id}/migrate`, {
      toVersion: 2,
      steps: { finance: 'controller' },
    });
    expect(notAdmin.status).toBe(403);
    const same = await t.call('POST', `/api/v1/approvals/${id}/migrate`, { toVersion: 1 });
    expect([same.status, same.body.errors[0].pointer]).toEqual([422, '/toVersion']);
    const moved = await t.call('POST', `/api/v1/approvals/${id}/migrate`, {
      toVersion: 2,
      steps: { finance: 'controller' },
      comment: 'finance step renamed',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ flow: { version: 2 }, openSteps: ['controller'], status: 'running' });
    const full = await t.get(t.p.clerk, `/api/v1/approvals/${id}`);
    expect(full.body.history.at(-1)).toMatchObject({
      type: 'migrated',
      flowVersion: 2,
      detail: { from: 1, to: 2, steps: { finance: 'controller' } },
    });
    const audit = await t.call('GET', `/api/v1/audit?entityType=flow-instance&entityId=${id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('flow.migrate');
    const task = await t.taskOf(t.p.fm, id, 'controller');
    const done = await t.post(t.p.fm, `/api/v1/tasks/${task}/approve`);
    expect(done.body.approval.status).toBe('approved');
    expect(done.body.performed.documents).toHaveLength(1);
    const over = await t.call('POST', `/api/v1/approvals/${id}/migrate`, { toVersion: 1 });
    expect(over.status).toBe(409);

    // with every version archived the form takes no request; approvals already running go on, pinned
    for (const v of [1, 2])
      expect((await t.call('POST', `/api/v1/definitions/flow/small-balance-write-off/${v}/archive`)).status).toBe(200);
    const before = await requests();
    const refused = await smallBalance();
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/no published version/);
    expect(await requests()).toBe(before);
    const bTask = await t.taskOf(t.p.fm, b.body.approval.id, 'controller');
    expect((await t.post(t.p.fm, `/api/v1/tasks/${bTask}/approve`)).body.approval.status).toBe('approved');
  });
});
