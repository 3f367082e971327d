import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { seedDemoLedger } from '../../packages/server/src/demo/seed-ledger.ts';
import { systemActor } from '../../packages/server/src/domain/context.ts';
import { importCamt } from '../imports/support.ts';
import { check } from '../../packages/server/src/schema/ajv.ts';

let a: TestApp;
let b: TestApp;
let bIds: string[];

/** Ids tenant B owns, a few from every table that has an id column (each kind of record is represented). */
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
      sql`SELECT id::text AS id FROM ${sql.identifier(table_name)} WHERE tenant_id = ${t.tenant.id} LIMIT 4`,
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

/**
 * A body each route with an id in its path accepts, so that the request gets past validation to the lookup of
 * that id: a route added with a JSON body and an id must be given one here.
 */
const validBodies: Record<string, unknown> = {
  'put /users/:id/roles': { roles: ['clerk'] },
  'put /users/:id/status': { status: 'disabled' },
  'patch /customers/:id': { name: 'Renamed by tenant A' },
  'post /receivables/:id/reversal': { reason: 'cross-tenant probe' },
  'post /receipts/:id/reversal': { reason: 'cross-tenant probe' },
  'post /settlements/:id/reversal': { reason: 'cross-tenant probe' },
  'post /customers/:id/bank-accounts': { accountNumber: '12345678' },
  'post /tasks/:id/approve': { comment: 'probe' },
  'post /tasks/:id/reject': { comment: 'probe' },
  'post /tasks/:id/return': { to: '$initiator' },
  'post /tasks/:id/delegate': { to: 'someone@example.com' },
  'post /tasks/:id/add-signer': { user: 'someone@example.com' },
  'post /approvals/:id/withdraw': { comment: 'probe' },
  'post /approvals/:id/resubmit': {},
  'post /approvals/:id/comments': { body: 'probe' },
  'post /approvals/:id/migrate': { toVersion: 1 },
  'post /matching-decisions/:id/accept': {},
  'post /matching-decisions/:id/reject': { reason: 'cross-tenant probe' },
  'post /receipts/:id/assignment': { customerId: '00000000-0000-4000-8000-000000000000', reason: 'probe' },
  'post /jobs/:id/cancel': {},
  'post /receivables/:id/promises': { promisedDate: '2099-01-01' },
  'post /receivables/:id/disputes': { category: 'price', reason: 'cross-tenant probe' },
  'post /promises/:id/cancel': { reason: 'cross-tenant probe' },
  'post /disputes/:id/resolve': { resolution: 'cross-tenant probe' },
};

/** A minimal PDF (what the attachment sniffing recognises as application/pdf). */
const pdfBytes = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

/** Upload routes (multipart) with an id in the path, and a form each accepts. */
const validUploads: Record<string, () => FormData> = {
  'post /requests/:id/attachments': () => {
    const form = new FormData();
    form.set('label', 'evidence');
    form.set('file', new Blob([pdfBytes], { type: 'application/pdf' }), 'evidence.pdf');
    return form;
  },
};

describe('tenant isolation, generated from the route list', () => {
  it('tenant B has data of every kind to leak', () => {
    expect(bIds.length).toBeGreaterThan(20);
  });

  it('every route with an id and a JSON body has a valid body to try it with', () => {
    for (const table of a.tables)
      for (const spec of table.specs) {
        if (!spec.body || !spec.path.match(idParam)) continue;
        const body = validBodies[`${spec.method} ${spec.path}`];
        expect(body, `${spec.method} ${spec.path}: add a valid body to validBodies`).toBeDefined();
        expect(check(spec.body, body), `${spec.method} ${spec.path}`).toEqual([]);
      }
  });

  it('an id of tenant B in any path is not found for tenant A, with a valid body (404, nothing else)', async () => {
    const offenders: string[] = [];
    let calls = 0;
    for (const table of a.tables)
      for (const spec of table.specs) {
        if (!spec.path.match(idParam)) continue;
        for (const id of bIds) {
          const path = `/api/v1${spec.path.replace(idParam, id).replace(/:[A-Za-z]+/g, 'x')}`;
          const key = `${spec.method} ${spec.path}`;
          const headers = { 'idempotency-key': `x-${calls}` };
          const form = validUploads[key];
          const r = form
            ? await Promise.resolve(
                a.app.request(path, {
                  method: 'POST',
                  headers: { ...headers, authorization: `Bearer ${a.token}` },
                  body: form(),
                }),
              ).then(async (res) => ({ status: res.status, body: await res.text() }))
            : await a.call(spec.method.toUpperCase(), path, spec.body ? validBodies[key] : undefined, headers);
          calls++;
          if (r.status !== 404) offenders.push(`${spec.method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
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
