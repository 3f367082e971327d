import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles, repoRoot } from '../imports/support.ts';
import { testDatabase } from '../support/test-db.ts';
import { testAuditKey, testKinds } from '../support/factories.ts';
import { demoTenant, seedTenantData } from '../../packages/server/src/demo/seed-demo.ts';
import { createTenant } from '../../packages/server/src/domain/identity/index.ts';
import { systemActor, type ActionCtx } from '../../packages/server/src/domain/context.ts';
import { withTenant } from '../../packages/server/src/domain/unit-of-work/index.ts';
import { runMatching } from '../../packages/server/src/domain/matching/index.ts';
import { checkBooks } from '../../packages/server/src/domain/ledger/index.ts';

const statement = join(repoRoot, 'examples/demo-tenant/statements/icbc-20261015.camt053.xml');

describe("the demo tenant's own bank statement", () => {
  it('imports onto its ICBC account, finds each payer by account, and matching settles the references and suggests the rest', async () => {
    const database = await testDatabase();
    const deps = { db: database.db, auditKey: testAuditKey, kinds: testKinds };
    const actor = systemActor('seed');
    const tenant = await createTenant(deps, { ...demoTenant, slug: `demo-${randomBytes(4).toString('hex')}` }, actor);
    const ctx: ActionCtx = { tenant, actor };
    await withTenant(deps.db, tenant.id, (db) => seedTenantData({ ...deps, db }, ctx));

    const report = await importFiles(ctx, 'camt053', [statement], { configKey: 'icbc-camt053' });
    expect(report.rejected).toBe(0);
    expect(report.created).toBe(4);
    // onto the demo's registered ICBC account (its number written with spaces), not a new one
    expect(report.warnings).toEqual([]);
    expect(report.statements).toMatchObject([{ account: '1001234567890001:CNY', created: true }]);
    const run = await withTenant(deps.db, tenant.id, (db) =>
      runMatching({ db, auditKey: testAuditKey }, ctx, { scope: { importId: report.importId! } }),
    );
    expect(run.counts).toMatchObject({ receipts: 4, auto: 2, suggested: 2 });
    const settled = run.settlements.map((s) => s.allocations!.map((a) => a.receivable).sort());
    expect(settled).toEqual(expect.arrayContaining([['INV-DEMO-S01'], ['INV-DEMO-S02', 'INV-DEMO-S03']]));
    expect(run.suggestions.map((s) => [s.customer!.split(' ')[0], s.receipt.amount])).toEqual(
      expect.arrayContaining([
        ['C00010', '12345.67'],
        ['C00011', '52500.00'],
      ]),
    );
    expect((await checkBooks(deps.db, tenant.id)).violations).toEqual([]);
  }, 400_000);
});
