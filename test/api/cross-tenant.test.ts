import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { seedDemoLedger } from '../../packages/server/src/demo/seed-ledger.ts';
import { systemActor } from '../../packages/server/src/domain/context.ts';
import { importCamt } from '../imports/support.ts';

let a: TestApp;
let b: TestApp;
let bIds: string[];

/** Every id tenant B owns, read from every table that has an id column. */
async function idsOf(t: TestApp): Promise<string[]> {
  const tables = await rows<{ table_name: string }>(
    t.deps.db,
    sql`SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'id' AND t.table_type = 'BASE TABLE'`,
  );
  const ids: string[] = [];
  for (const { table_name } of tables)
    for (const r of await rows<{ id: string }>(
      t.deps.db,
      sql`SELECT id::text AS id FROM ${sql.identifier(table_name)} WHERE tenant_id = ${t.tenant.id} LIMIT 50`,
    ))
      ids.push(r.id);
  return ids;
}

beforeAll(async () => {
  b = await createTestApp();
  const customers = [];
  for (let i = 0; i < 3; i++)
    customers.push(
      (
        await b.call('POST', '/api/v1/customers', {
          code: `B-${i}`,
          name: `Tenant B customer ${i}`,
          bankAccounts: [{ accountNumber: `62220000${i}` }],
        })
      ).body.id,
    );
  await seedDemoLedger(b.deps, { tenant: b.tenant, actor: systemActor('test') }, customers, { count: 3 });
  // bank lines (and the receipts they became) of tenant B
  await importCamt({ tenant: b.tenant, actor: systemActor('test') }, 'B-LINES', [
    { ref: 'B-R1', e2e: 'B-E2E-1', amount: '10.00', credit: true, date: '2024-06-03' },
    { ref: 'B-R2', e2e: 'B-E2E-2', amount: '5.00', credit: false, date: '2024-06-04' },
  ]);
  await b.call('PUT', '/api/v1/definitions/object-type/customer/draft', {
    document: { appliesTo: 'customer', fields: { type: 'object', properties: { tier: { type: 'string' } } } },
  });
  await b.call('POST', `/api/v1/customers/${customers[0]}/bank-accounts`, { accountNumber: '99990000' });
  await b.call('POST', '/api/v1/tokens', { name: 'b-token' });
  a = await createTestApp();
  bIds = await idsOf(b);
}, 120_000);

const idParam = /:([A-Za-z]*[iI]d)\b/g;

describe('tenant isolation, generated from the route list', () => {
  it('tenant B has data of every kind to leak', () => {
    expect(bIds.length).toBeGreaterThan(20);
  });

  it('an id of tenant B in any path is not found for tenant A (never 2xx)', async () => {
    const offenders: string[] = [];
    let calls = 0;
    for (const table of a.tables)
      for (const spec of table.specs) {
        if (!idParam.test(spec.path)) continue;
        idParam.lastIndex = 0;
        for (const id of bIds) {
          const path = `/api/v1${spec.path.replace(idParam, id).replace(/:[A-Za-z]+/g, 'x')}`;
          const r = await a.call(spec.method.toUpperCase(), path, spec.body ? {} : undefined);
          calls++;
          if (r.status < 400 || (r.status !== 404 && r.status !== 422 && r.status !== 403))
            offenders.push(`${spec.method} ${path} → ${r.status}`);
        }
      }
    expect(calls).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  }, 600_000); // every route with an id × every id of B: grows with the route list

  it('no list of tenant A contains anything of tenant B', async () => {
    const leaks: string[] = [];
    for (const table of a.tables)
      for (const spec of table.specs) {
        if (spec.method !== 'get' || spec.path.includes(':')) continue;
        const r = await a.call('GET', `/api/v1${spec.path}`);
        const text = JSON.stringify(r.body);
        for (const id of bIds) if (text.includes(id)) leaks.push(`${spec.path} shows ${id}`);
        if (text.includes(b.tenant.slug) || text.includes(b.tenant.id)) leaks.push(`${spec.path} names tenant B`);
      }
    expect(leaks).toEqual([]);
  });

  it("B's ids in a body are refused, with the pointer to the field", async () => {
    const bCustomer = (await b.call('GET', '/api/v1/customers')).body.items[0].id as string;
    const r = await a.call('POST', '/api/v1/receivables', {
      customerId: bCustomer,
      type: 'invoice',
      number: 'X-1',
      amount: '10.00',
      currency: 'CNY',
      documentDate: '2026-11-01',
    });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/customerId');

    const bDocs = (await b.call('GET', '/api/v1/receivables')).body.items as { id: string }[];
    const bReceipts = (await b.call('GET', '/api/v1/receipts')).body.items as { id: string }[];
    const bBank = (await b.call('GET', '/api/v1/company-bank-accounts')).body.items as { id: string }[];
    const cases: [string, unknown, string][] = [
      [
        '/api/v1/receipts',
        { type: 'receipt', customerId: bCustomer, amount: '5.00', currency: 'CNY', documentDate: '2026-11-01' },
        '/customerId',
      ],
      [
        '/api/v1/receipts',
        { type: 'receipt', bankAccountId: bBank[0]!.id, amount: '5.00', currency: 'CNY', documentDate: '2026-11-01' },
        '/bankAccountId',
      ],
      [
        '/api/v1/settlements',
        { lines: [{ debitDocumentId: bDocs[0]!.id, creditDocumentId: bReceipts[0]!.id, amount: '1.00' }] },
        '/lines/0/debitDocumentId',
      ],
    ];
    for (const [path, body, pointer] of cases) {
      const res = await a.call('POST', path, body);
      expect(res.status, `${path} ${pointer}`).toBe(422);
      expect(
        res.body.errors.map((e: { pointer: string }) => e.pointer),
        `${path}`,
      ).toContain(pointer);
    }
  });
});
