import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** Issue 11 §1 and §6: tenants' JSON Schemas are compiled in isolation; their patterns cannot stall the server. */
let a: TestApp;
let b: TestApp;
const secretId = 'https://schemas.example.test/secret-tiers';

async function publish(t: TestApp, key: string, fields: object) {
  const draft = await t.call('PUT', `/api/v1/definitions/object-type/${key}/draft`, {
    document: { appliesTo: 'customer', fields: { type: 'object', properties: fields } },
  });
  if (draft.status !== 200) return draft;
  return t.call('POST', `/api/v1/definitions/object-type/${key}/publish`);
}

beforeAll(async () => {
  [a, b] = [await createTestApp(), await createTestApp()];
  const r = await publish(b, 'customer', {
    tier: { $id: secretId, type: 'string', enum: ['platinum-b-only', 'gold-b-only'] },
  });
  expect(r.status).toBe(200);
}, 60_000);

const pointers = (r: { body: any }) => (r.body?.errors ?? []).map((e: { pointer: string }) => e.pointer);

describe("one tenant's schemas are invisible to another", () => {
  it("A cannot $ref B's $id: refused at validation and publish, and nothing of B's enum is disclosed", async () => {
    const doc = { appliesTo: 'customer', fields: { type: 'object', properties: { tier: { $ref: secretId } } } };
    const probe = await a.call('POST', '/api/v1/definitions/object-type/validate', { document: doc });
    const never = await a.call('POST', '/api/v1/definitions/object-type/validate', {
      document: { ...doc, fields: { type: 'object', properties: { tier: { $ref: 'https://nowhere.test/x' } } } },
    });
    expect(JSON.stringify(probe.body)).not.toMatch(/b-only/);
    // whether B's $id exists cannot be told apart from an $id that never existed
    expect(JSON.stringify(probe.body).replaceAll(secretId, 'X')).toBe(
      JSON.stringify(never.body).replaceAll('https://nowhere.test/x', 'X'),
    );
    const r = await publish(a, 'customer', { tier: { $ref: secretId } });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).not.toMatch(/b-only/);
    const c = await a.call('POST', '/api/v1/customers', { code: 'A1', name: 'A', custom: { tier: 'x' } });
    expect(JSON.stringify(c.body)).not.toMatch(/b-only/);
  });

  it('A uses the same $id as B for its own schema, and a schema with an $id publishes and validates', async () => {
    expect((await publish(a, 'customer', { tier: { $id: secretId, type: 'string', enum: ['a-tier'] } })).status).toBe(
      200,
    );
    const bad = await a.call('POST', '/api/v1/customers', { code: 'A2', name: 'A', custom: { tier: 'gold-b-only' } });
    expect([bad.status, pointers(bad)]).toEqual([422, ['/custom/tier']]);
    expect(JSON.stringify(bad.body)).toMatch(/a-tier/);
    expect(JSON.stringify(bad.body)).not.toMatch(/b-only/);
    const ok = await a.call('POST', '/api/v1/customers', { code: 'A3', name: 'A', custom: { tier: 'a-tier' } });
    expect(ok.status).toBe(201);
    const bOk = await b.call('POST', '/api/v1/customers', { code: 'B1', name: 'B', custom: { tier: 'gold-b-only' } });
    expect(bOk.status).toBe(201);
  });
});

describe('user-supplied patterns run in linear time', () => {
  it('^(a+)+$ against 5,000 a and a b answers at once (RE2, no backtracking)', async () => {
    expect((await publish(a, 'evil', { code2: { type: 'string', pattern: '^(a+)+$' } })).status).toBe(200);
    const doc = {
      appliesTo: 'customer',
      fields: { type: 'object', properties: { code2: { type: 'string', pattern: '^(a+)+$' } } },
    };
    await a.call('PUT', '/api/v1/definitions/object-type/customer/draft', { document: doc });
    expect((await a.call('POST', '/api/v1/definitions/object-type/customer/publish')).status).toBe(200);
    const r = await a.call('POST', '/api/v1/customers', {
      code: 'A4',
      name: 'A',
      custom: { code2: `${'a'.repeat(5000)}b` },
    });
    expect([r.status, pointers(r)]).toEqual([422, ['/custom/code2']]);
    const ok = await a.call('POST', '/api/v1/customers', { code: 'A5', name: 'A', custom: { code2: 'aaaa' } });
    expect(ok.status).toBe(201);
  });

  it('a backtracking-only construct (backreference, lookaround) is refused at publish with the pointer', async () => {
    for (const pattern of ['^(a)\\1$', '^(?=a)a$']) {
      const r = await a.call('PUT', '/api/v1/definitions/object-type/backref/draft', {
        document: { appliesTo: 'customer', fields: { type: 'object', properties: { x: { type: 'string', pattern } } } },
      });
      expect([r.status, pointers(r)]).toEqual([422, ['/document/fields']]);
    }
  });
});
