import { beforeAll, describe, expect, it } from 'vitest';
import { builtInConnectors, defineConnector, type Connector } from '../../packages/plugins/src/index.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
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
});

const userId = async (email: string) =>
  ((await t.call('GET', '/api/v1/users')).body.items as { id: string; email: string }[]).find((u) => u.email === email)!
    .id;

describe('connectors for the designer', () => {
  it('lists the loaded connectors with their config JSON Schema', async () => {
    const clerk = await t.userToken(['clerk']);
    const r = await t.call('GET', '/api/v1/connectors', undefined, as(clerk));
    expect(r.status).toBe(200);
    const csv = r.body.items.find((c: { id: string }) => c.id === 'csv-bank');
    expect(csv).toMatchObject({ kind: 'bank-feed', origin: 'built-in' });
    expect(csv.configSchema.type).toBe('object');
    expect(r.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['camt053', 'orders-csv']));
    expect((await t.call('GET', '/api/v1/connectors', undefined, as(await t.userToken(['sales-rep'])))).status).toBe(
      403,
    );
  });

  it('answers the connectors loaded once at start-up and passed in, not a set the route loads itself', async () => {
    const camt = builtInConnectors.find((c) => c.id === 'camt053')! as Connector<unknown>;
    const own = await createTestApp({
      connectors: [defineConnector({ ...camt, id: 'startup-bank', version: '4.5.6' })],
    });
    const r = await own.call('GET', '/api/v1/connectors');
    expect(r.status).toBe(200);
    expect(r.body.items.find((c: { id: string }) => c.id === 'startup-bank')).toMatchObject({
      version: '4.5.6',
      origin: 'test',
    });
  });
});

describe('data-scope preview', () => {
  it("counts the customers a user would see, with a role's scope replaced by a draft", async () => {
    await t.userToken(['sales-rep'], { region: 'North' }, 'rep.a@example.test');
    const id = await userId('rep.a@example.test');
    const now = await t.call('POST', '/api/v1/roles/scope-preview', { userId: id });
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ customers: 2, total: 4 });
    const byRegion = { '==': [{ var: 'customer.region' }, { var: '$user.region' }] };
    const draft = await t.call('POST', '/api/v1/roles/scope-preview', {
      userId: id,
      role: 'sales-rep',
      dataScope: byRegion,
    });
    expect(draft.body).toMatchObject({ customers: 1, total: 4, dataScope: byRegion });
    const all = await t.call('POST', '/api/v1/roles/scope-preview', { userId: id, role: 'sales-rep', dataScope: null });
    expect(all.body.customers).toBe(4);
    // nothing was saved: the stored scope still applies
    expect((await t.call('POST', '/api/v1/roles/scope-preview', { userId: id })).body.customers).toBe(2);
  });

  it('refuses a scope outside the subset with a pointer, and an unknown user', async () => {
    const id = await userId('rep.a@example.test');
    const bad = await t.call('POST', '/api/v1/roles/scope-preview', {
      userId: id,
      role: 'sales-rep',
      dataScope: { '==': [{ var: 'customer.secret' }, 'x'] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe('/dataScope/==/0');
    const missing = await t.call('POST', '/api/v1/roles/scope-preview', {
      userId: '0190d9f0-0000-7000-8000-000000000000',
    });
    expect(missing.status).toBe(404);
  });
});
