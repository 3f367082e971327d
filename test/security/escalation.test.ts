import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** Issue 11 §2 and §3: a narrow token or a user manager must not reach more than they hold. */
let t: TestApp;
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const me = async (token: string) => (await t.call('GET', '/api/v1/auth/me', undefined, as(token))).body;

beforeAll(async () => {
  t = await createTestApp();
  await t.call('PUT', '/api/v1/roles/user-desk', { name: 'User desk', permissions: ['user.read', 'user.manage'] });
}, 60_000);

describe('API tokens never mint more than their creator token holds', () => {
  it('a customer.read token cannot create tokens (no token.manage), with or without scopes', async () => {
    const narrow = (await t.call('POST', '/api/v1/tokens', { name: 'narrow', scopes: ['customer.read'] })).body.token;
    for (const body of [{ name: 'up' }, { name: 'up', scopes: [] }, { name: 'up', scopes: ['customer.read'] }])
      expect((await t.call('POST', '/api/v1/tokens', body, as(narrow))).status).toBe(403);
  });

  it("a scoped token with token.manage mints only within its scopes; no scopes = the parent's scopes", async () => {
    const parent = (
      await t.call('POST', '/api/v1/tokens', { name: 'parent', scopes: ['customer.read', 'token.manage'] })
    ).body.token;
    const child = await t.call('POST', '/api/v1/tokens', { name: 'child' }, as(parent));
    expect(child.status).toBe(201);
    expect(child.body.scopes).toEqual(['customer.read', 'token.manage']);
    expect((await me(child.body.token)).permissions.sort()).toEqual(['customer.read', 'token.manage']);
    const empty = await t.call('POST', '/api/v1/tokens', { name: 'empty', scopes: [] }, as(parent));
    expect(empty.body.scopes).toEqual(['customer.read', 'token.manage']);
    const wider = await t.call('POST', '/api/v1/tokens', { name: 'w', scopes: ['customer.write'] }, as(parent));
    expect([wider.status, wider.body.errors?.[0]?.pointer]).toEqual([422, '/scopes/0']);
  });

  it("a token without token.manage revokes only itself, never its user's other tokens", async () => {
    const other = (await t.call('POST', '/api/v1/tokens', { name: 'other' })).body;
    const narrow = (await t.call('POST', '/api/v1/tokens', { name: 'n', scopes: ['customer.read'] })).body;
    expect((await t.call('DELETE', `/api/v1/tokens/${other.id}`, undefined, as(narrow.token))).status).toBe(404);
    expect((await t.call('GET', '/api/v1/customers', undefined, as(other.token))).status).toBe(200);
    expect((await t.call('DELETE', `/api/v1/tokens/${narrow.id}`, undefined, as(narrow.token))).status).toBe(200);
    expect((await t.call('GET', '/api/v1/customers', undefined, as(narrow.token))).status).toBe(401);
  });
});

describe('user.manage grants only what its holder holds', () => {
  it('a user manager cannot make themselves admin, nor create an admin or a role with more than they hold', async () => {
    const desk = await t.userToken(['user-desk']);
    const self = (await me(desk)).actor.userId as string;
    const up = await t.call('PUT', `/api/v1/users/${self}/roles`, { roles: ['admin'] }, as(desk));
    expect(up.status).toBe(403);
    expect((await me(desk)).permissions).not.toContain('tenant.admin');
    const admin = await t.call(
      'POST',
      '/api/v1/users',
      { email: 'new-admin@x.test', name: 'a', roles: ['admin'] },
      as(desk),
    );
    expect(admin.status).toBe(403);
    const clerk = await t.call(
      'POST',
      '/api/v1/users',
      { email: 'new-clerk@x.test', name: 'c', roles: ['clerk'] },
      as(desk),
    );
    expect([clerk.status, clerk.body.errors?.[0]?.pointer]).toEqual([403, '/roles']);
    expect((await t.call('GET', '/api/v1/users')).body.items.map((u: { email: string }) => u.email)).not.toContain(
      'new-admin@x.test',
    );
    const peer = await t.call(
      'POST',
      '/api/v1/users',
      { email: 'peer@x.test', name: 'p', roles: ['user-desk'] },
      as(desk),
    );
    expect(peer.status).toBe(201);
    expect((await t.call('PUT', `/api/v1/users/${peer.body.id}/roles`, { roles: [] }, as(desk))).status).toBe(200);
  });

  it("changing one's own roles needs a second person, even for an admin", async () => {
    const admin = await t.userToken(['admin']);
    const self = (await me(admin)).actor.userId as string;
    const r = await t.call('PUT', `/api/v1/users/${self}/roles`, { roles: ['admin', 'auditor'] }, as(admin));
    expect(r.status).toBe(403);
    expect(r.body.detail).toMatch(/second person/);
    expect((await t.call('PUT', `/api/v1/users/${self}/roles`, { roles: ['admin', 'auditor'] })).status).toBe(200);
  });

  it('granting admin needs tenant.admin; a holder of every other permission cannot', async () => {
    const all = (await t.call('GET', '/api/v1/permissions')).body.permissions as string[];
    await t.call('PUT', '/api/v1/roles/almost-admin', {
      name: 'x',
      permissions: all.filter((p) => p !== 'tenant.admin'),
    });
    const almost = await t.userToken(['almost-admin']);
    const r = await t.call('POST', '/api/v1/users', { email: 'a2@x.test', name: 'a', roles: ['admin'] }, as(almost));
    expect([r.status, r.body.detail]).toEqual([403, expect.stringMatching(/tenant\.admin/)]);
  });

  it('a user manager behind a data scope manages no users', async () => {
    await t.call('PUT', '/api/v1/roles/east-users', {
      name: 'East users',
      permissions: ['user.read', 'user.manage', 'customer.read'],
      dataScope: { '==': [{ var: 'customer.region' }, { var: '$user.region' }] },
    });
    const east = await t.userToken(['east-users'], { region: 'East' });
    const r = await t.call(
      'POST',
      '/api/v1/users',
      { email: 'west@x.test', name: 'w', roles: ['east-users'], attributes: { region: 'West' } },
      as(east),
    );
    expect(r.status).toBe(403);
  });
});
