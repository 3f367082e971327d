import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { seedDemoLedger } from '../../packages/server/src/demo/seed-ledger.ts';
import { systemActor } from '../../packages/server/src/domain/context.ts';
import type { RouteSpec } from '../../packages/server/src/api/route-table.ts';

/**
 * Data scopes, generated from the route list like the cross-tenant suite: an actor holding every permission
 * but scoped to the East region calls every route; nothing of the West customer may come back, and every
 * route declared `unscoped-only` refuses them.
 */
let t: TestApp;
let east: string;
let westIds: string[];
let eastCustomer: string;
const as = (token: string) => ({ authorization: `Bearer ${token}` });

/** Every id linked to a customer: rows with its customer_id, the vouchers with its lines, the customer itself. */
async function idsOf(customerId: string): Promise<string[]> {
  const tables = await rows<{ table_name: string }>(
    t.deps.db,
    sql`SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'customer_id' AND t.table_type = 'BASE TABLE'
          AND EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_schema = 'public' AND i.table_name = c.table_name AND i.column_name = 'id')`,
  );
  const ids = [customerId];
  for (const { table_name } of tables)
    for (const r of await rows<{ id: string }>(
      t.deps.db,
      sql`SELECT id::text AS id FROM ${sql.identifier(table_name)} WHERE tenant_id = ${t.tenant.id} AND customer_id = ${customerId} LIMIT 50`,
    ))
      ids.push(r.id);
  for (const r of await rows<{ id: string }>(
    t.deps.db,
    sql`SELECT DISTINCT voucher_id::text AS id FROM voucher_lines WHERE tenant_id = ${t.tenant.id} AND customer_id = ${customerId}`,
  ))
    ids.push(r.id);
  return [...new Set(ids)];
}

beforeAll(async () => {
  t = await createTestApp();
  const make = async (code: string, region: string) =>
    (
      await t.call('POST', '/api/v1/customers', {
        code,
        name: `${region} customer`,
        region,
        bankAccounts: [{ accountNumber: `6222${code.length}${region.length}00` }],
      })
    ).body.id as string;
  eastCustomer = await make('E-1', 'East');
  const west = await make('W-1', 'West');
  await seedDemoLedger(t.deps, { tenant: t.tenant, actor: systemActor('test') }, [eastCustomer, west], { count: 4 });
  await t.call('POST', `/api/v1/customers/${west}/bank-accounts`, { accountNumber: '99990001' });
  await t.call('POST', `/api/v1/customers/${eastCustomer}/bank-accounts`, { accountNumber: '99990002' });
  const all = (await t.call('GET', '/api/v1/permissions')).body.permissions as string[];
  expect(
    (
      await t.call('PUT', '/api/v1/roles/east-everything', {
        name: 'East, every permission',
        permissions: all,
        dataScope: { '==': [{ var: 'customer.region' }, { var: '$user.region' }] },
      })
    ).status,
  ).toBe(200);
  east = await t.userToken(['east-everything'], { region: 'East' });
  westIds = await idsOf(west);
}, 120_000);

const specs = (): RouteSpec[] => t.tables.flatMap((table) => table.specs);
const idParam = /:([A-Za-z]*[iI]d)\b/g;

describe('data scopes, generated from the route list', () => {
  it('the West customer has data of many kinds; the scoped actor sees the East side', async () => {
    expect(westIds.length).toBeGreaterThan(8);
    const mine = await t.call('GET', '/api/v1/customers', undefined, as(east));
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([eastCustomer]);
  });

  it('no list shows a West row to the East actor; unscoped-only routes refuse them', async () => {
    const leaks: string[] = [];
    let lists = 0;
    for (const spec of specs()) {
      if (spec.method !== 'get' || spec.path.includes(':')) continue;
      const r = await t.call('GET', `/api/v1${spec.path}`, undefined, as(east));
      lists++;
      if (spec.dataScope === 'unscoped-only') {
        if (r.status !== 403) leaks.push(`${spec.path} is unscoped-only but answered ${r.status}`);
        continue;
      }
      const text = JSON.stringify(r.body);
      for (const id of westIds) if (text.includes(id)) leaks.push(`${spec.path} shows ${id}`);
    }
    expect(lists).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  }, 300_000);

  it('no read by id returns a West row to the East actor (never 2xx)', async () => {
    const offenders: string[] = [];
    let calls = 0;
    for (const spec of specs()) {
      if (spec.method !== 'get' || !idParam.test(spec.path)) continue;
      idParam.lastIndex = 0;
      for (const id of westIds) {
        const path = `/api/v1${spec.path.replace(idParam, id).replace(/:[A-Za-z]+/g, 'x')}`;
        const r = await t.call('GET', path, undefined, as(east));
        calls++;
        if (r.status < 300) offenders.push(`${spec.path} with ${id} → ${r.status}`);
      }
    }
    expect(calls).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  }, 300_000);

  it('every route declared unscoped-only refuses a scoped actor, whatever it is asked', async () => {
    const wrong: string[] = [];
    const declared = specs().filter((s) => s.dataScope === 'unscoped-only');
    expect(declared.length).toBeGreaterThan(5);
    for (const spec of declared) {
      const path = `/api/v1${spec.path.replace(/:[A-Za-z]+/g, crypto.randomUUID())}`;
      const r = await t.call(spec.method.toUpperCase(), path, spec.body ? {} : undefined, as(east));
      if (r.status !== 403) wrong.push(`${spec.method} ${spec.path} → ${r.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
