import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';
import { loggedTestDatabase } from '../support/test-db.ts';
import { systemCtx } from '../support/factories.ts';
import { publishDraft, saveDraft } from '../../packages/server/src/domain/definitions/index.ts';
import { sample } from '../imports/support.ts';

/**
 * Issue 17 §4: every statement the store issues names tenant_id, so the schema stays shardable by tenant
 * (Citus: distribution column tenant_id). The workload walks the main paths through the API while the
 * database logs each statement; the exemptions are named, each with its reason.
 */
const exempt: { name: string; test: RegExp; why: string }[] = [
  { name: 'transaction control', test: /^(begin|commit|rollback|savepoint|release)\b/i, why: 'no table' },
  { name: 'tenant binding', test: /^select set_config\('app\.tenant_id'/i, why: 'sets the tenant itself' },
  { name: 'tenant look-ups', test: /\bfrom "?tenants"?\b/i, why: 'tenants is the reference table a login reads' },
  { name: 'tenant ids', test: /^select tenant_id from tenants/i, why: 'the scheduling tick lists tenants' },
  {
    name: 'rate counters',
    test: /"rate_limit_windows"/,
    why: 'per-address counts kept before a request names its tenant (a reference table)',
  },
  { name: 'readiness probe', test: /^select 1\b/i, why: 'no table' },
  {
    name: 'idempotency key locks',
    test: /^select pg_try_advisory_xact_lock\(hashtext\(\$1\), hashtext\(\$2\)\)/i,
    why: 'an advisory lock of this connection, keyed by "tenant|route" and the key (repos/idempotency.ts)',
  },
  { name: 'session settings', test: /^set local \w+ = /i, why: 'a setting of the transaction, no table' },
  {
    name: 'deferred checks run now',
    test: /^set constraints [\w, ]+ (immediate|deferred)$/i,
    why: 'a bulk run checks its vouchers before it numbers them: a setting of the transaction, no table',
  },
  {
    name: 'audit staging',
    test: /\baudit_stage\b/i,
    why: "a bulk run's audit entries in its transaction's own temporary table until its last step chains them",
  },
  {
    name: 'voucher numbering',
    test: /^select hexiao_number_vouchers\(\$1::uuid\)/i,
    why: 'takes the tenant id as its argument, and each statement in it filters by tenant_id (migration 0028)',
  },
  {
    name: 'import staging',
    test: /^(create temp table if not exists|truncate) import_stage_lines\b/i,
    why: "the connection's own temporary table: rows of one import, never shared",
  },
];

describe('tenant filter in every statement', () => {
  it('each statement the main API paths issue names tenant_id, or is exempt by name', async () => {
    const statements: string[] = [];
    const database = await loggedTestDatabase((q) => statements.push(q.replace(/\s+/g, ' ').trim()));
    try {
      const t = await createTestApp({ database });
      const ctx = systemCtx(t.tenant);
      await saveDraft(t.deps, ctx, {
        kind: 'connector-config',
        key: 'camt-audit',
        document: { connector: 'camt053', config: {}, options: { unknownBankAccount: 'register' } },
      });
      await publishDraft(t.deps, ctx, 'connector-config', 'camt-audit');
      statements.length = 0;

      const c = await t.call('POST', '/api/v1/customers', { code: 'TF-1', name: 'Tenant Filter Ltd', region: 'East' });
      await t.call('PATCH', `/api/v1/customers/${c.body.id}`, { name: 'Tenant Filter Co' });
      await t.call('GET', '/api/v1/customers?limit=5');
      const inv = await t.call('POST', '/api/v1/receivables', {
        type: 'invoice',
        number: 'INV-TF-1',
        customerId: c.body.id,
        currency: 'CNY',
        amount: '500.00',
        documentDate: '2026-10-02',
      });
      const rct = await t.call('POST', '/api/v1/receipts', {
        currency: 'CNY',
        amount: '200.00',
        documentDate: '2026-11-03',
        customerId: c.body.id,
      });
      await t.call('POST', '/api/v1/settlements', {
        lines: [{ debitDocumentId: inv.body.id, creditDocumentId: rct.body.id, amount: '200.00' }],
      });
      await t.call('POST', '/api/v1/receipts', {
        currency: 'CNY',
        amount: '300.00',
        documentDate: '2026-11-04',
        reference: 'INV-TF-1',
      });
      await t.call('POST', '/api/v1/matching-runs', {});
      const job = await t.call('POST', '/api/v1/matching-runs', { dryRun: true }, { prefer: 'respond-async' });
      for (let i = 0; i < 100 && (await t.call('GET', `/api/v1/jobs/${job.body.id}`)).body.state !== 'succeeded'; i++)
        await new Promise((r) => setTimeout(r, 50));
      await t.call('GET', '/api/v1/matching/queue');
      await t.call('GET', `/api/v1/receivables/${inv.body.id}/timeline`);
      await t.call('GET', '/api/v1/open-items?limit=10');
      await t.call('GET', '/api/v1/reports/aging?asOf=2026-12-01');
      await t.call('GET', '/api/v1/reports/kpis?asOf=2026-12-01');
      await t.call('GET', '/api/v1/reports/collection-plan?asOf=2026-12-01');
      await t.call('GET', `/api/v1/customers/${c.body.id}/credit`);
      await t.call('GET', '/api/v1/notifications');
      await t.call('GET', '/api/v1/audit?limit=5');
      await t.call('GET', '/api/v1/schedules');
      await t.call('GET', '/api/v1/jobs');
      const form = new FormData();
      form.set('connector', 'camt053');
      form.set('configKey', 'camt-audit');
      form.set(
        'file',
        new Blob([readFileSync(sample('camt053', 'iso20022-business-sample-camt053-v04.xml'))]),
        's.xml',
      );
      const imported = await t.app.request('/api/v1/imports', {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${t.token}`, 'idempotency-key': 'tf-import-1' },
      });
      expect(imported.status).toBe(201);
      await t.call('GET', '/api/v1/bank-lines?limit=5');

      expect(statements.length).toBeGreaterThan(100);
      const unfiltered = statements.filter((q) => !/\btenant_id\b/.test(q) && !exempt.some((e) => e.test.test(q)));
      expect(unfiltered, [...new Set(unfiltered)].join('\n\n')).toEqual([]);
    } finally {
      await database.close();
    }
  }, 180_000);
});
