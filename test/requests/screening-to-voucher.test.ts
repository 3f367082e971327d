import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { as, requestApp } from './api-setup.ts';
import { demoRoles } from '../../examples/demo-tenant/index.ts';

let t: Awaited<ReturnType<typeof requestApp>>;

beforeAll(async () => {
  t = await requestApp();
  for (const r of demoRoles) {
    const saved = await t.call('PUT', `/api/v1/roles/${r.key}`, { name: r.name, permissions: r.permissions });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  }
}, 300_000);

const act = (token: string, taskId: string, action: string, body: unknown = {}) =>
  t.call('POST', `/api/v1/tasks/${taskId}/${action}`, body, {
    ...as(token),
    'idempotency-key': randomBytes(8).toString('hex'),
  });

async function openTask(token: string, requestId: string) {
  const inbox = await t.call('GET', '/api/v1/inbox', undefined, as(token));
  expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
  const items = (inbox.body.items ?? inbox.body) as { task: { id: string }; request: { id: string } }[];
  return items.find((i) => i.request.id === requestId)?.task.id;
}

describe('a write-off from screening to posted voucher, through the API, with role-scoped users', () => {
  it('screen → form prefilled → request → sales manager of the org unit → finance → posted once', async () => {
    const clerk = await t.userToken(['clerk']);
    const smEast = await t.userToken(['sales-manager'], { orgUnit: 'East', region: 'East' });
    const smNorth = await t.userToken(['sales-manager'], { orgUnit: 'North', region: 'North' });
    const finance = await t.userToken(['finance-manager']);
    const rep = await t.userToken(['sales-rep']);
    const customer = await t.customer('苏州清算精密有限公司', { inLiquidation: true, orgUnit: 'East' });
    const invoice = await t.invoice(customer, '80000.00', '2024-06-30');

    // 1–2: screening lists it, a selection starts the form prefilled
    const screen = await t.call('GET', '/api/v1/screens/long-overdue/candidates', undefined, as(clerk));
    expect(screen.body.rows.map((r: { item: { id: string } }) => r.item.id)).toContain(invoice);
    const started = await t.call('POST', '/api/v1/screens/long-overdue/start', { receivableIds: [invoice] }, as(clerk));
    expect(started.body.data).toMatchObject({ receivableIds: [invoice], amount: '80000' });

    // 3: the request, checked against the form version it was rendered from, starts the flow
    const filed = await t.call(
      'POST',
      '/api/v1/requests',
      { form: started.body.form.ref, data: { ...started.body.data, reason: 'statute-barred' } },
      { ...as(clerk), 'idempotency-key': randomBytes(8).toString('hex') },
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const requestId = filed.body.id as string;

    // 4: the sales manager of the customer's org unit holds the first task; another org unit's does not
    expect(await openTask(smNorth, requestId)).toBeUndefined();
    expect(await openTask(finance, requestId)).toBeUndefined();
    const salesTask = await openTask(smEast, requestId);
    expect(salesTask).toBeDefined();
    expect((await act(clerk, salesTask!, 'approve')).status).toBeGreaterThanOrEqual(400);
    const approved = await act(smEast, salesTask!, 'approve', { comment: 'liquidation closed, nothing to recover' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    let read = await t.call('GET', `/api/v1/requests/${requestId}`, undefined, as(clerk));
    expect(read.body.performed).toBeNull();

    // 5: finance approves; 80,000 needs no CFO (§2.4): the write-off and its voucher are posted, once
    const financeTask = await openTask(finance, requestId);
    expect(financeTask).toBeDefined();
    const final = await act(finance, financeTask!, 'approve');
    expect(final.status, JSON.stringify(final.body)).toBe(200);
    read = await t.call('GET', `/api/v1/requests/${requestId}`, undefined, as(clerk));
    expect(read.body.performed).toMatchObject({
      action: 'bad-debt-write-off',
      documents: [{ type: 'write-off:bad-debt', amount: '80000' }],
    });
    expect(read.body.performed.vouchers).toHaveLength(1);
    const receivable = await t.call('GET', `/api/v1/receivables/${invoice}`, undefined, as(clerk));
    expect(receivable.body).toMatchObject({ openAmount: expect.stringMatching(/^0(\.0+)?$/) });
    const late = await act(finance, financeTask!, 'approve');
    expect(late.status).toBe(409);

    // a sales rep outside the customer's scope never sees the request
    expect((await t.call('GET', `/api/v1/requests/${requestId}`, undefined, as(rep))).status).toBe(404);
  });
});
