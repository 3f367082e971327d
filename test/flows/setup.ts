import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { as, requestApp } from '../requests/api-setup.ts';
import { pdfBytes } from '../requests/setup.ts';

export { as };

export interface Person {
  token: string;
  id: string;
  email: string;
}

/**
 * A test app with the demo forms and flows published and everyone §2.4 assigns: a clerk who requests, a
 * sales manager per org unit, a sales director, two finance managers, legal counsel and head, a CFO and a
 * general manager.
 */
export async function flowApp() {
  const t = await requestApp({}, { approvers: false });
  const person = async (name: string, roles: string[], attributes?: Record<string, unknown>): Promise<Person> => {
    const email = `${name}-${randomBytes(3).toString('hex')}@example.test`;
    const token = await t.userToken(roles, attributes, email);
    const me = await t.call('GET', '/api/v1/auth/me', undefined, as(token));
    return { token, id: me.body.actor.userId as string, email };
  };
  const p = {
    clerk: await person('clerk', ['clerk']),
    salesEast: await person('sales-east', ['sales-manager'], { orgUnit: 'East' }),
    salesDirector: await person('sales-director', ['sales-director']),
    fm: await person('fm', ['finance-manager']),
    lc: await person('lc', ['legal-counsel']),
    lh: await person('lh', ['legal-head']),
    cfo: await person('cfo', ['cfo']),
    gm: await person('gm', ['general-manager']),
  };
  /** A POST as someone, with a fresh Idempotency-Key. */
  const post = (who: Person, path: string, body: unknown = {}) =>
    t.call('POST', path, body, { ...as(who.token), 'idempotency-key': randomBytes(8).toString('hex') });
  const get = (who: Person, path: string) => t.call('GET', path, undefined, as(who.token));
  /** The open task of `who` in an approval (exactly one). */
  const taskOf = async (who: Person, approvalId: string, step?: string) => {
    const inbox = await get(who, '/api/v1/inbox');
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
    const mine = inbox.body.items.filter(
      (i: { approval: { id: string }; task: { step: string } }) =>
        i.approval.id === approvalId && (!step || i.task.step === step),
    );
    expect(mine, `${who.email} has one open task${step ? ` at ${step}` : ''}`).toHaveLength(1);
    return mine[0].task.id as string;
  };
  /** Evidence uploaded to a request, or (no request) before filing it; returns the attachment id. */
  const upload = async (who: Person, requestId: string | null, label: string) => {
    const form = new FormData();
    form.set('label', label);
    form.set('file', new Blob([new Uint8Array(pdfBytes)], { type: 'application/pdf' }), `${label}.pdf`);
    const res = await t.app.request(requestId ? `/api/v1/requests/${requestId}/attachments` : '/api/v1/attachments', {
      method: 'POST',
      headers: as(who.token),
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  /** A customer of the demo object type (org unit East unless told) and an overdue invoice of it. */
  const overdue = async (amount: string, custom: Record<string, unknown> = {}) => {
    const customer = await t.customer(`Debtor ${randomBytes(2).toString('hex')}`, { orgUnit: 'East', ...custom });
    const invoice = await t.invoice(customer, amount, '2025-01-31');
    return { customer, invoice };
  };
  /** Files a bad-debt write-off for the whole open amount of `invoice`, as the clerk. */
  const fileWriteOff = async (invoice: string, extra: Record<string, unknown> = {}) => {
    const started = await post(p.clerk, '/api/v1/forms/bad-debt-write-off/start', { receivableIds: [invoice] });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const data = {
      ...started.body.data,
      reason: 'statute-barred',
      explanation: 'no contact for three years',
      ...extra,
    };
    return post(p.clerk, '/api/v1/requests', { form: started.body.form.ref, data });
  };
  return { ...t, p, person, post, get, taskOf, upload, overdue, fileWriteOff };
}

export type FlowApp = Awaited<ReturnType<typeof flowApp>>;
