import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../support/test-db.ts';
import { testAuditKey, testKinds } from '../support/factories.ts';
import { seedTenantData, demoTenant } from '../../packages/server/src/demo/seed-demo.ts';
import { createTenant, listRoles, listUsers } from '../../packages/server/src/domain/identity/index.ts';
import { systemActor, type ActionCtx } from '../../packages/server/src/domain/context.ts';
import { withTenant } from '../../packages/server/src/domain/unit-of-work/index.ts';
import { listDefinitions } from '../../packages/server/src/domain/definitions/index.ts';
import { runScreen, startFromScreen } from '../../packages/server/src/domain/screens/index.ts';
import { performBoundAction, submitRequest } from '../../packages/server/src/domain/requests/index.ts';
import { checkBooks } from '../../packages/server/src/domain/ledger/index.ts';

describe('the demo tenant', () => {
  it('ships published forms, flows and screens, the roles and users they assign, and candidates to write off', async () => {
    const database = await testDatabase();
    const deps = { db: database.db, auditKey: testAuditKey, kinds: testKinds };
    const actor = systemActor('seed');
    const tenant = await createTenant(deps, { ...demoTenant, slug: `demo-${randomBytes(4).toString('hex')}` }, actor);
    const ctx: ActionCtx = { tenant, actor };
    await withTenant(deps.db, tenant.id, (db) => seedTenantData({ ...deps, db }, ctx));
    await withTenant(deps.db, tenant.id, async (db) => {
      const published = (await listDefinitions(db, tenant.id))
        .filter((d) => d.status === 'published')
        .map((d) => `${d.kind}/${d.key}`);
      expect(published).toEqual(
        expect.arrayContaining([
          'form/bad-debt-write-off',
          'form/small-balance-write-off',
          'form/debt-transfer',
          'flow/bad-debt-write-off',
          'flow/small-balance-write-off',
          'flow/debt-transfer',
          'screen/long-overdue',
          'screen/small-balances',
        ]),
      );
      const roles = (await listRoles(db, tenant.id)).map((r) => r.key);
      for (const r of ['sales-manager', 'sales-director', 'legal-counsel', 'legal-head', 'general-manager', 'cfo'])
        expect(roles).toContain(r);
      const users = await listUsers(db, tenant.id);
      for (const r of ['sales-manager', 'sales-director', 'legal-counsel', 'legal-head', 'general-manager'])
        expect(
          users.some((u) => u.roles.includes(r)),
          r,
        ).toBe(true);

      const clerk = users.find((u) => u.email === 'clerk@demo.hexiao.dev')!;
      const clerkCtx: ActionCtx = {
        tenant,
        actor: { type: 'user', id: clerk.id, userId: clerk.id, name: clerk.email, roles: clerk.roles },
      };
      const screen = await runScreen(db, clerkCtx, 'long-overdue');
      expect(screen.matched).toBeGreaterThanOrEqual(4);
      expect(screen.rows.every((r) => r.item.daysOverdue > 365)).toBe(true);
      const small = await runScreen(db, clerkCtx, 'small-balances');
      expect(small.rows.map((r) => r.item.openAmount).sort()).toEqual(['0.01', '3.5', '8.8']);

      // from screening to a posted write-off (the approval decides in between)
      const pick = screen.rows.find((r) => r.item.openAmount === '80000')!;
      const started = await startFromScreen(db, clerkCtx, 'long-overdue', [pick.item.id]);
      expect(started.customer).toMatchObject({ orgUnit: expect.any(String) });
      const request = await submitRequest({ ...deps, db }, clerkCtx, {
        form: started.form.ref,
        data: { ...started.data, reason: 'statute-barred', explanation: 'no contact since the liquidation' },
      });
      const cfo = users.find((u) => u.email === 'cfo@demo.hexiao.dev')!;
      const posted = await performBoundAction(
        { ...deps, db },
        { tenant, actor: { type: 'user', id: cfo.id, userId: cfo.id, name: cfo.email, roles: cfo.roles } },
        {
          requestId: request.id,
          instanceId: 'demo-instance',
          action: 'post-bad-debt-write-off',
        },
      );
      expect(posted.documents).toMatchObject([{ type: 'write-off:bad-debt', amount: '80000' }]);
      expect((await checkBooks(db, tenant.id)).violations).toEqual([]);
    });
  }, 400_000);
});
