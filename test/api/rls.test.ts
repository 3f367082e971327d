import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDb, rows, sql, type Database } from '../../packages/server/src/store/db.ts';
import { grantAppRole } from '../../packages/server/src/store/grants.ts';
import { withTenant } from '../../packages/server/src/store/tenant-scope.ts';
import { createApp } from '../../packages/server/src/api/app.ts';
import { loadConfig } from '../../packages/server/src/config/config.ts';
import { createLogger } from '../../packages/server/src/logger.ts';
import { createTenant, createUser, createToken } from '../../packages/server/src/domain/identity/index.ts';
import { createCustomers } from '../../packages/server/src/domain/customers/index.ts';
import { systemActor, type TenantCtx } from '../../packages/server/src/domain/context.ts';
import { testAuditKey, testKinds } from '../support/factories.ts';
import { loadPlugins } from '../../packages/server/src/plugins/loader.ts';

/**
 * Row-level security, proved with the server's own non-superuser role (a superuser bypasses RLS, so a
 * test connected as one proves nothing): on PostgreSQL a second connection as hexiao_app, on PGlite the
 * same database after SET ROLE hexiao_app.
 */
const appRole = 'hexiao_app';
let admin: Database;
let app: Database;
let a: TenantCtx;
let b: TenantCtx;
let tokenA: string;
let bCustomerId: string;

async function seed(tenantSlug: string, codes: string[]) {
  const deps = { db: admin.db, auditKey: testAuditKey };
  const tenant = await createTenant(deps, { slug: tenantSlug, name: tenantSlug });
  const ctx = { tenant, actor: systemActor('test') };
  const user = await withTenant(admin.db, tenant.id, (tx) =>
    createUser({ ...deps, db: tx }, ctx, {
      email: `admin@${tenantSlug}.test`,
      name: 'admin',
      roles: ['admin'],
      password: 'password-123',
    }),
  );
  const customers = await withTenant(admin.db, tenant.id, (tx) =>
    createCustomers(
      { ...deps, db: tx },
      ctx,
      codes.map((code) => ({ code, name: `${tenantSlug} ${code}` })),
    ),
  );
  const token = await withTenant(admin.db, tenant.id, (tx) =>
    createToken(
      { ...deps, db: tx },
      { tenant, actor: { type: 'user', id: user.id, userId: user.id, name: user.email, roles: ['admin'] } },
      { name: 't' },
    ),
  );
  return { tenant, token: token.token, customers };
}

beforeAll(async () => {
  const suffix = Date.now().toString(36);
  if (process.env.DATABASE_URL) {
    admin = await createDb({ url: process.env.DATABASE_ADMIN_URL ?? process.env.DATABASE_URL, max: 2 });
    await grantAppRole(admin, appRole, { create: true });
    const url = new URL(process.env.DATABASE_URL);
    url.username = appRole;
    url.password = '';
    app = await createDb({ url: url.toString(), max: 4 });
  } else {
    admin = await createDb({ loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await grantAppRole(admin, appRole, { create: true });
    app = admin;
  }
  const sa = await seed(`rls-a-${suffix}`, ['A1', 'A2']);
  const sb = await seed(`rls-b-${suffix}`, ['B1']);
  [a, b, tokenA, bCustomerId] = [sa.tenant, sb.tenant, sa.token, sb.customers[0]!.id];
  if (!process.env.DATABASE_URL) await admin.execScript(`SET ROLE ${appRole}`);
  const who = await rows<{ u: string; su: boolean }>(
    app.db,
    sql`SELECT current_user AS u, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su`,
  );
  expect(who[0]).toEqual({ u: appRole, su: false });
}, 60_000);

afterAll(async () => {
  if (process.env.DATABASE_URL) {
    await app.close();
    await admin.close();
  } else await admin.close();
});

describe('row-level security with the server role', () => {
  it('a query without a tenant sees no tenant data at all', async () => {
    const [r] = await rows<{ n: string }>(app.db, sql`SELECT count(*)::text AS n FROM customers`);
    expect(r!.n).toBe('0');
  });

  it('a forgotten filter still returns only the tenant of the transaction', async () => {
    const names = await withTenant(app.db, a.id, (tx) =>
      rows<{ code: string }>(tx, sql`SELECT code FROM customers ORDER BY code`),
    );
    expect(names.map((n) => n.code)).toEqual(['A1', 'A2']);
  });

  it("writing another tenant's row is refused by the policy", async () => {
    await expect(
      withTenant(app.db, a.id, (tx) =>
        tx.execute(
          sql`INSERT INTO customers (tenant_id, id, code, name) VALUES (${b.id}, gen_random_uuid(), 'X', 'x')`,
        ),
      ),
    ).rejects.toThrow();
    await expect(
      withTenant(app.db, a.id, (tx) => tx.execute(sql`UPDATE customers SET name = 'stolen' WHERE id = ${bCustomerId}`)),
    ).resolves.toBeDefined();
    const [r] = await withTenant(app.db, b.id, (tx) =>
      rows<{ name: string }>(tx, sql`SELECT name FROM customers WHERE id = ${bCustomerId}`),
    );
    expect(r!.name).not.toBe('stolen');
  });

  it('the server role cannot change the audit log even where a trigger would not stop it', async () => {
    const err = await withTenant(app.db, a.id, (tx) =>
      tx.execute(sql`UPDATE audit_log SET action = 'x' WHERE tenant_id = ${a.id}`),
    ).catch((e: Error) => e);
    expect(String((err as Error & { cause?: Error }).cause?.message ?? (err as Error).message)).toMatch(
      /permission denied/,
    );
  });

  it('the API over the server role, one tenant transaction per request, sees and writes only its tenant', async () => {
    const config = loadConfig({}, { auditKey: testAuditKey, dataDir: '/nonexistent', secureCookies: false });
    const { app: http } = createApp(
      { database: app, config, logger: createLogger('silent'), kinds: testKinds, plugins: await loadPlugins() },
      { tenantTransactions: true },
    );
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await http.request(path, {
        method,
        headers: { authorization: `Bearer ${tokenA}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const list = await call('GET', '/api/v1/customers');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { code: string }) => c.code)).toEqual(['A1', 'A2']);
    expect((await call('GET', `/api/v1/customers/${bCustomerId}`)).status).toBe(404);
    expect((await call('POST', '/api/v1/customers', { code: 'A3', name: 'new' })).status).toBe(201);
    const refused = await call('POST', '/api/v1/customers', { code: 'A3', name: 'duplicate' });
    expect(refused.status).toBe(409);
    expect((await call('GET', '/api/v1/audit/verify')).body).toMatchObject({ ok: true });
  });
});
