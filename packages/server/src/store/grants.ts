import type { Database } from './db.ts';

const roleName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Gives the role the server connects as its privileges: ordinary ones on the tables, none to change or remove
 * audit entries (on top of the triggers that refuse it). Run by the owner after migrating; idempotent. It never
 * alters a role's attributes (a role the project did not create stays as its administrator made it); with
 * `create` it creates the role, NOSUPERUSER NOBYPASSRLS, when missing.
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
    GRANT USAGE ON SCHEMA public TO ${role};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${role};
    REVOKE TRUNCATE ON ALL TABLES IN SCHEMA public FROM ${role};
    REVOKE UPDATE, DELETE ON audit_log FROM ${role};`);
}

/** The role a connection acts as and whether it escapes row-level security (superuser or BYPASSRLS). */
export async function connectionRole(
  database: Database,
): Promise<{ role: string; superuser: boolean; bypassRls: boolean }> {
  const [r] = await database.withConnection((c) =>
    c.query<{ role: string; superuser: boolean | string; bypass: boolean | string }>(
      'SELECT current_user AS role, rolsuper AS superuser, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user',
    ),
  );
  const yes = (v: boolean | string | undefined) => v === true || v === 't';
  return { role: r?.role ?? '', superuser: yes(r?.superuser), bypassRls: yes(r?.bypass) };
}
