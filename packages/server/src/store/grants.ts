import type { Database } from './db.ts';

const roleName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Sets up the role the server connects as: no superuser, no BYPASSRLS, ordinary privileges on the
 * tables, and none to change or remove audit entries (on top of the triggers that refuse it).
 * Run by a privileged connection after migrating; idempotent.
 */
export async function grantAppRole(
  database: Database,
  role: string,
  options: { create?: boolean } = {},
): Promise<void> {
  if (!roleName.test(role)) throw new Error(`invalid role name ${role}`);
  const create = options.create
    ? `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$;`
    : '';
  await database.execScript(`${create}
    ALTER ROLE ${role} NOSUPERUSER NOBYPASSRLS;
    GRANT USAGE ON SCHEMA public TO ${role};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${role};
    REVOKE TRUNCATE ON ALL TABLES IN SCHEMA public FROM ${role};
    REVOKE UPDATE, DELETE ON audit_log FROM ${role};`);
}
