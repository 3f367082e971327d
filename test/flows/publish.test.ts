import { beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../requests/setup.ts';
import { flowApp, type FlowApp } from './setup.ts';

let t: FlowApp;
let n = 0;

beforeAll(async () => {
  t = await flowApp();
}, 120_000);

type Flow = Record<string, any>;
const base = (): Flow => structuredClone(demoDocument('flows', 'bad-debt-write-off'));

/** Saves a draft under a fresh key; returns the draft response. */
async function draft(doc: Flow) {
  const key = `check-${++n}`;
  const r = await t.call('PUT', `/api/v1/definitions/flow/${key}/draft`, { document: { ...doc, id: key } });
  return { key, r };
}

/** Saves a draft (which must pass the document checks) and publishes it. */
async function publish(doc: Flow) {
  const { key, r } = await draft(doc);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return t.call('POST', `/api/v1/definitions/flow/${key}/publish`);
}

const pointers = (body: { errors?: { pointer: string }[] }) => (body.errors ?? []).map((e) => e.pointer);

describe('a flow is refused at publish with a pointer (ENGINES.md §2.3)', () => {
  it('an unreachable step', async () => {
    const doc = base();
    doc.steps.orphan = { type: 'approve', assignees: [{ role: 'cfo' }], next: '$approved' };
    const { r } = await draft(doc);
    expect([r.status, pointers(r.body)]).toEqual([422, ['/document/steps/orphan']]);
    expect(r.body.errors[0].reason).toBe('is not reachable from the start step');
  });

  it('a path that cannot end (a loop)', async () => {
    const doc = base();
    doc.steps.cfo.next = 'sales';
    const { r } = await draft(doc);
    expect(r.status).toBe(422);
    expect(r.body.errors).toContainEqual({
      pointer: '/document/steps/cfo/next',
      reason: expect.stringMatching(/^loops back to step sales: a path through it cannot end/),
    });
  });

  it('a return target that is not upstream', async () => {
    const doc = base();
    doc.steps.finance.returnTo = ['cfo', '$initiator'];
    const { r } = await draft(doc);
    expect([r.status, pointers(r.body)]).toEqual([422, ['/document/steps/finance/returnTo/0']]);
    expect(r.body.errors[0].reason).toBe(
      'cfo is not upstream of finance: a request can only be returned to an earlier step',
    );
  });

  it('a quorum larger than the approvers the step can have today', async () => {
    const doc = base();
    doc.steps.legal.decision = { mode: 'quorum', min: 3 };
    const r = await publish(doc);
    expect([r.status, pointers(r.body)]).toEqual([422, ['/document/steps/legal/decision/min']]);
    expect(r.body.errors[0].reason).toBe('quorum 3 is larger than the 2 possible approvers of this step');
  });

  it('a guard reading a field the bound form does not have', async () => {
    const doc = base();
    doc.steps.tier.cases[0].when = { 'dec>': [{ var: 'form.amountt' }, '1000000'] };
    const r = await publish(doc);
    expect(r.status).toBe(422);
    expect(pointers(r.body)).toEqual([expect.stringMatching(/^\/document\/steps\/tier\/cases\/0\/when/)]);
    expect(r.body.errors[0].reason).toMatch(/form\.amountt/);
    // the same document checked without publishing: what the designer shows while editing
    const v = await t.call('POST', '/api/v1/definitions/flow/validate', { document: doc });
    expect(v.body).toMatchObject({
      valid: false,
      errors: [{ pointer: expect.stringMatching(/^\/steps\/tier\/cases\/0/) }],
    });
  });

  it('an attachment the form does not declare, another action than the form’s, the requester approving', async () => {
    const doc = base();
    doc.steps.legal.requires = ['attachment:notarised-deed'];
    doc.onApproved.action = 'post-debt-transfer';
    doc.policies.initiatorMayApprove = true;
    const r = await publish(doc);
    expect(r.status).toBe(422);
    expect(pointers(r.body).sort()).toEqual(
      [
        '/document/steps/legal/requires/0',
        '/document/onApproved/action',
        '/document/policies/initiatorMayApprove',
      ].sort(),
    );
  });

  it('a role nobody holds today is a warning: the flow is published', async () => {
    const doc = base();
    doc.steps.cfo.assignees = [{ role: 'treasurer' }];
    const r = await publish(doc);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('published');
    expect(r.body.warnings).toContainEqual({
      pointer: '/document/steps/cfo/assignees/0/role',
      reason: 'no active user holds role treasurer today',
    });
  });

  it('the demo flow publishes; what is only doubtful is a warning', async () => {
    const r = await publish(base());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // the demo form's amount is text with a pattern, not declared `format: decimal`: dec> still compares it exactly
    for (const w of r.body.warnings ?? []) expect(w.reason).toMatch(/^"dec>" expects an amount/);
  });
});
