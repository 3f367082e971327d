import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { rows, sql } from '../../packages/server/src/store/db.ts';

let t: TestApp;
const countDocuments = async (app: TestApp) =>
  Number(
    (
      await rows<{ n: string }>(
        app.deps.db,
        sql`SELECT count(*)::text AS n FROM ledger_documents WHERE tenant_id = ${app.tenant.id}`,
      )
    )[0]!.n,
  );
beforeAll(async () => {
  t = await createTestApp();
});

/** A request as a client that forgot the header sends it (app.request, not the test helper that adds one). */
const withoutKey = (method: string, path: string, body: unknown) =>
  t.app.request(path, {
    method,
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('money POSTs require an Idempotency-Key', () => {
  it('every route declared to create money records answers 428 without the key, naming the header', async () => {
    const required = t.tables.flatMap((table) =>
      table.specs.filter((s) => s.idempotent === 'required').map((s) => `/api/v1${s.path}`),
    );
    // documents, settlements, reversals, rates, the matching actions that post settlements, provisioning runs
    expect(required.map((p) => p.replace('/api/v1', '')).sort()).toEqual([
      '/fx-rates',
      '/matching-decisions/:id/accept',
      '/matching-runs',
      '/period-end/revaluation',
      '/period-end/small-balances',
      '/provisioning-runs',
      '/receipts',
      '/receipts/:id/assignment',
      '/receipts/:id/reversal',
      '/receivables',
      '/receivables/:id/promises',
      '/receivables/:id/reversal',
      '/recoveries',
      '/settlements',
      '/settlements/:id/reversal',
    ]);
    for (const path of required) {
      const res = await withoutKey('POST', path.replace(':id', '00000000-0000-4000-8000-000000000000'), {});
      expect(res.status, path).toBe(428);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { errors: { pointer: string }[] };
      expect(problem.errors.map((e) => e.pointer)).toEqual(['/headers/idempotency-key']);
    }
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { post?: { parameters?: { name: string; required: boolean }[] } }>;
    };
    expect(doc.paths['/api/v1/receivables']!.post!.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', required: true }),
    );
    expect(doc.paths['/api/v1/imports']!.post!.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', required: false }),
    );
  });

  it('an invoice without the key is refused and books nothing; with it, it books once', async () => {
    const customer = await t.call('POST', '/api/v1/customers', { code: 'IDEM-1', name: 'Idem Ltd' });
    expect(customer.status).toBe(201);
    const invoice = {
      type: 'invoice',
      customerId: customer.body.id,
      currency: 'CNY',
      amount: '100.00',
      documentDate: '2026-11-02',
    };
    const before = await countDocuments(t);
    expect((await withoutKey('POST', '/api/v1/receivables', invoice)).status).toBe(428);
    expect(await countDocuments(t)).toBe(before);
    const first = await t.call('POST', '/api/v1/receivables', invoice, { 'idempotency-key': 'inv-idem-1' });
    const again = await t.call('POST', '/api/v1/receivables', invoice, { 'idempotency-key': 'inv-idem-1' });
    expect([first.status, again.status, again.headers.get('idempotency-replayed')]).toEqual([201, 201, 'true']);
    expect(await countDocuments(t)).toBe(before + 1);
  });
});
