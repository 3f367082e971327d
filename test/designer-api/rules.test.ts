import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

describe('rules API for the designer', () => {
  it('lists every operation with docs in the rule document schema, and the subjects', async () => {
    const r = await t.call('GET', '/api/v1/rules/language');
    expect(r.status).toBe(200);
    const ops = r.body.schema.$defs.operation.properties;
    expect(Object.keys(ops)).toEqual(expect.arrayContaining(['var', 'and', 'dec+', 'within_tolerance', 'similarity']));
    expect(ops['dec+'].markdownDescription).toMatch(/Example/);
    expect(r.body.subjects).toEqual(['customer', 'receivable', 'receipt', 'receipt-match']);
  });

  it('validates var paths against the subject schema, custom fields included once an object type is published', async () => {
    const rule = { '==': [{ var: 'customer.custom.tier' }, 'gold'] };
    const before = await t.call('POST', '/api/v1/rules/validate', { rule, subject: 'customer' });
    expect(before.status).toBe(200);
    expect(before.body.valid).toBe(false);
    expect(before.body.diagnostics[0]).toMatchObject({ code: 'unknown_var', pointer: '/==/0' });

    const doc = { appliesTo: 'customer', fields: { type: 'object', properties: { tier: { type: 'string' } } } };
    expect((await t.call('PUT', '/api/v1/definitions/object-type/customer/draft', { document: doc })).status).toBe(200);
    expect((await t.call('POST', '/api/v1/definitions/object-type/customer/publish')).status).toBe(200);
    const after = await t.call('POST', '/api/v1/rules/validate', { rule, subject: 'customer' });
    expect(after.body).toMatchObject({ valid: true, vars: ['customer.custom.tier'] });
    const schema = await t.call('GET', '/api/v1/rules/subjects/customer/schema');
    expect(schema.body.properties.customer.properties.custom.properties.tier).toEqual({ type: 'string' });
  });

  it('explains a rule over data as a trace tree, and reports failures without throwing', async () => {
    const rule = { and: [{ '>': [{ var: 'x' }, 1] }, { '==': [{ var: 'y' }, 'a'] }] };
    const r = await t.call('POST', '/api/v1/rules/explain', { rule, data: { x: 2, y: 'a' } });
    expect(r.status).toBe(200);
    expect(r.body.result).toBe(true);
    expect(r.body.trace.op).toBe('and');
    expect(r.body.trace.children.map((n: { op: string; result: unknown }) => [n.op, n.result])).toEqual([
      ['>', true],
      ['==', true],
    ]);
    const bad = await t.call('POST', '/api/v1/rules/explain', { rule: { nope: [1] }, data: {} });
    expect(bad.status).toBe(200);
    expect(bad.body.error).toMatchObject({ code: 'unknown_op', pointer: '' });
  });

  it('refuses bad bodies and unknown subjects with pointers', async () => {
    const r = await t.call('POST', '/api/v1/rules/validate', { rule: 1, subject: 'planet' });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].pointer).toBe('/subject');
    expect((await t.call('GET', '/api/v1/rules/subjects/planet/schema')).status).toBe(404);
    expect((await t.call('POST', '/api/v1/rules/explain', { rule: 1 })).status).toBe(422);
  });

  it('a rule definition is refused at save with a pointer into its logic, saved and published when valid', async () => {
    const bad = { subject: 'receipt', logic: { '==': [{ var: 'receipt.nothing' }, 1] } };
    const r = await t.call('PUT', '/api/v1/definitions/rule/big-receipt/draft', { document: bad });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].pointer).toBe('/document/logic/==/0');
    const good = { subject: 'receipt', logic: { 'dec>=': [{ var: 'receipt.amount' }, '10000'] }, returns: 'boolean' };
    expect((await t.call('PUT', '/api/v1/definitions/rule/big-receipt/draft', { document: good })).status).toBe(200);
    const p = await t.call('POST', '/api/v1/definitions/rule/big-receipt/publish');
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ kind: 'rule', version: 1, status: 'published' });
  });
});

describe('session probe', () => {
  it('answers 200 without a session and the actor with its permissions with one', async () => {
    const anon = await t.app.request('/api/v1/auth/session');
    expect(anon.status).toBe(200);
    expect(await anon.json()).toEqual({ authenticated: false });
    const me = await t.call('GET', '/api/v1/auth/session');
    expect(me.body).toMatchObject({ authenticated: true, actor: { type: 'token' } });
    expect(me.body.permissions).toContain('definition.publish');
  });
});
