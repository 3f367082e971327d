import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type Database } from '../../packages/server/src/store/db.ts';
import { connectionRole } from '../../packages/server/src/store/grants.ts';
import { openRuntime } from '../../packages/server/src/cli/runtime.ts';
import { describeListed } from '../support/skip.ts';

// Issue 10 #10: migrating never alters a role's attributes; a non-superuser owner migrates and grants the server's
// role; a superuser server role is warned about (or refused in strict mode). Roles are a PostgreSQL matter: the
// embedded PGlite has one role and keeps starting as it does.
const url = process.env.DATABASE_URL;
// the key the environment gives, or one of the test's own (a server on PostgreSQL refuses to start without one)
const auditKey = randomBytes(32);

describeListed('PostgreSQL roles on migrate', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `hexiao_t_owner_${suffix}`;
  const app = `hexiao_t_app_${suffix}`;
  const dbName = `hexiao_t_roles_${suffix}`;
  let admin: Database;
  const at = (user: string) => {
    const u = new URL(url!);
    u.username = user;
    u.password = '';
    u.pathname = `/${dbName}`;
    return u.toString();
  };

  beforeAll(async () => {
    admin = await createDb({ url: url!, max: 1 });
    await admin.execScript(`CREATE ROLE ${owner} LOGIN NOSUPERUSER NOBYPASSRLS`);
    await admin.execScript(`CREATE ROLE ${app} LOGIN NOSUPERUSER NOBYPASSRLS`);
    await admin.execScript(`CREATE DATABASE ${dbName} OWNER ${owner}`);
  }, 60_000);

  afterAll(async () => {
    await admin.execScript(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.execScript(`DROP ROLE IF EXISTS ${app}`).catch(() => {});
    await admin.execScript(`DROP ROLE IF EXISTS ${owner}`).catch(() => {});
    await admin.close();
  });

  it('a non-superuser owner migrates and grants the server role, which then reads and writes', async () => {
    const rt = await openRuntime('migrate', { auditKey, databaseUrl: at(app), databaseOwnerUrl: at(owner) });
    try {
      expect(rt.migration.applied.length).toBeGreaterThan(0);
      expect(rt.rlsWarning).toBeUndefined();
      expect(await connectionRole(rt.database)).toEqual({ role: app, superuser: false, bypassRls: false });
      await rt.database.execScript('SELECT count(*) FROM ledger_documents');
    } finally {
      await rt.close();
    }
  }, 120_000);

  it('with both URLs naming the superuser, migrate leaves it a superuser and warns; strict mode refuses', async () => {
    const superUser = decodeURIComponent(new URL(url!).username);
    const before = await connectionRole(admin);
    expect(before.superuser).toBe(true);
    const rt = await openRuntime('migrate', { auditKey, databaseUrl: at(superUser), databaseOwnerUrl: at(superUser) });
    try {
      expect(rt.rlsWarning).toMatch(/superuser.*row-level security does not hold.*CREATE ROLE/);
    } finally {
      await rt.close();
    }
    expect(await connectionRole(admin)).toEqual(before);
    await expect(openRuntime('migrate', { auditKey, databaseUrl: at(superUser), requireRls: true })).rejects.toThrow(
      /HEXIAO_REQUIRE_RLS/,
    );
    expect(await connectionRole(admin)).toEqual(before);
  }, 120_000);
});
