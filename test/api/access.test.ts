import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let repA: string;
const as = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  const customers = [
    { code: 'E1', name: 'East one', region: 'East', salesOwner: 'rep.a@example.test' },
    { code: 'E2', name: 'East two', region: 'East', salesOwner: 'rep.b@example.test' },
    { code: 'N1', name: 'North one', region: 'North', salesOwner: 'rep.a@example.test' },
    { code: 'S1', name: 'South one', region: 'South' },
  ];
  for (const c of customers) expect((await t.call('POST', '/api/v1/customers', c)).status).toBe(201);
  repA = await t.userToken(['sales-rep'], {}, 'rep.a@example.test');
});

const codes = (r: { body: { items: { code: string }[] } }) => r.body.items.map((c) => c.code).sort();

describe('roles and data scopes', () => {
  it('a sales rep sees only the customers they own, in lists and by id', async () => {
    const rep = repA;
    const list = await t.call('GET', '/api/v1/customers', undefined, as(rep));
    expect(list.status).toBe(200);
    expect(codes(list)).toEqual(['E1', 'N1']);
    const all = await t.call('GET', '/api/v1/customers');
    const e2 = all.body.items.find((c: { code: string }) => c.code === 'E2');
    expect((await t.call('GET', `/api/v1/customers/${e2.id}`, undefined, as(rep))).status).toBe(404);
  });

  it("a sales rep's receivable lists and reads are limited to their customers, in SQL", async () => {
    const all = (await t.call('GET', '/api/v1/customers')).body.items as { id: string; code: string }[];
    const id = (code: string) => all.find((c) => c.code === code)!.id;
    for (const [code, n] of [
      ['E1', 'S-1'],
      ['E2', 'S-2'],
      ['N1', 'S-3'],
    ] as const)
      expect(
        (
          await t.call('POST', '/api/v1/receivables', {
            type: 'invoice',
            customerId: id(code),
            number: n,
            amount: '100.00',
            currency: 'CNY',
            documentDate: '2026-11-02',
          })
        ).status,
      ).toBe(201);
    const rep = repA;
    const mine = await t.call('GET', '/api/v1/receivables', undefined, as(rep));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((d: { number: string }) => d.number).sort()).toEqual(['S-1', 'S-3']);
    const other = (await t.call('GET', '/api/v1/receivables')).body.items.find(
      (d: { number: string }) => d.number === 'S-2',
    );
    expect((await t.call('GET', `/api/v1/receivables/${other.id}`, undefined, as(rep))).status).toBe(404);
    const open = await t.call('GET', '/api/v1/open-items', undefined, as(rep));
    expect(open.body.items.map((o: { number: string }) => o.number).sort()).toEqual(['S-1', 'S-3']);
    expect((await t.call('GET', '/api/v1/open-items')).body.items.length).toBeGreaterThanOrEqual(3);
  });

  it('a region manager sees their region', async () => {
    const mgr = await t.userToken(['region-manager'], { region: 'East' });
    expect(codes(await t.call('GET', '/api/v1/customers', undefined, as(mgr)))).toEqual(['E1', 'E2']);
  });

  it('an unscoped role next to a scoped one sees everything', async () => {
    const both = await t.userToken(['sales-rep', 'auditor'], {}, 'rep.b@example.test');
    expect(codes(await t.call('GET', '/api/v1/customers', undefined, as(both)))).toEqual(['E1', 'E2', 'N1', 'S1']);
  });

  it('an admin edits a role; the change applies at once and is audited', async () => {
    const put = await t.call('PUT', '/api/v1/roles/south-desk', {
      name: 'South desk',
      permissions: ['customer.read'],
      dataScope: { in: [{ var: 'customer.region' }, ['South', 'North']] },
    });
    expect(put.status).toBe(200);
    const desk = await t.userToken(['south-desk']);
    expect(codes(await t.call('GET', '/api/v1/customers', undefined, as(desk)))).toEqual(['N1', 'S1']);
    expect((await t.call('POST', '/api/v1/customers', { code: 'X', name: 'x' }, as(desk))).status).toBe(403);
    const audit = await t.call('GET', '/api/v1/audit?entityType=role&entityId=south-desk');
    expect(audit.body.items[0]).toMatchObject({ action: 'role.save', after: { permissions: ['customer.read'] } });
  });

  it('refuses a role with an unknown permission or a scope outside the subset, naming the pointer', async () => {
    const r = await t.call('PUT', '/api/v1/roles/bad-role', {
      name: 'Bad',
      permissions: ['money.print'],
      dataScope: { '+': [1, 2] },
    });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/permissions/0', '/dataScope/+']);
  });

  it('role assignment is audited and takes effect; a non-admin cannot change roles', async () => {
    const clerk = await t.userToken(['clerk']);
    expect((await t.call('PUT', '/api/v1/roles/clerk', { name: 'x', permissions: [] }, as(clerk))).status).toBe(403);
    const users = await t.call('GET', '/api/v1/users');
    const me = await t.call('GET', '/api/v1/auth/me', undefined, as(clerk));
    const id = me.body.actor.userId as string;
    expect(users.body.items.some((u: { id: string }) => u.id === id)).toBe(true);
    expect((await t.call('PUT', `/api/v1/users/${id}/roles`, { roles: ['auditor'] })).status).toBe(200);
    const after = await t.call('GET', '/api/v1/auth/me', undefined, as(clerk));
    expect(after.body.permissions).toContain('audit.read');
    expect(after.body.permissions).not.toContain('customer.write');
  });

  it('a token scoped to some permissions cannot use the others', async () => {
    const created = await t.call('POST', '/api/v1/tokens', { name: 'read-only', scopes: ['customer.read'] });
    expect(created.status).toBe(201);
    const ro = created.body.token as string;
    expect((await t.call('GET', '/api/v1/customers', undefined, as(ro))).status).toBe(200);
    const w = await t.call('POST', '/api/v1/customers', { code: 'RO', name: 'ro' }, as(ro));
    expect(w.status).toBe(403);
    const bad = await t.call('POST', '/api/v1/tokens', { name: 'x', scopes: ['money.print'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe('/scopes/0');
  });
});
