import { join } from 'node:path';
import { getDefaultEngine } from '@hexiao/dsl';
import { loadConfig, type ServerConfig } from '../config/config.ts';
import { createDb, type Database } from '../store/db.ts';
import { migrate, type MigrateResult } from '../store/migrate.ts';
import { connectionRole, grantAppRole } from '../store/grants.ts';
import { findTenant } from '../domain/identity/index.ts';
import { systemActor, type ActionCtx } from '../domain/context.ts';
import type { DefinitionsDeps } from '../domain/definitions/index.ts';
import { createDefinitionKinds } from '../startup/definition-kinds.ts';
import { HexiaoError } from '../domain/errors.ts';
import { anchorAllTenants } from '../domain/audit/index.ts';
import { createLogger, type Logger } from '../logger.ts';
import { acquireDataDirLock } from './lock.ts';

export interface Runtime {
  config: ServerConfig;
  database: Database;
  deps: DefinitionsDeps;
  logger: Logger;
  migration: MigrateResult;
  /** Set on PostgreSQL when the server's role is a superuser or BYPASSRLS: row-level security does not hold. */
  rlsWarning?: string;
  lock?: ReturnType<typeof acquireDataDirLock>;
  close(): Promise<void>;
}

/**
 * Opens the configured database for a CLI command: takes the data-folder lock (embedded), migrates
 * (an empty folder is set up by itself) and returns a close() that releases both.
 */
export async function openRuntime(command: string, overrides: Partial<ServerConfig> = {}): Promise<Runtime> {
  const config = loadConfig(undefined, overrides);
  const logger = createLogger(config.logLevel);
  const lock = config.databaseUrl ? undefined : acquireDataDirLock(config.dataDir, command);
  // A rule that lost its generated code still evaluates (through closures), only slower: say so.
  const stopCodegenLog = getDefaultEngine().onCodegenFallback((e) =>
    logger.warn({ rule: e.hash, stage: e.stage, err: e.message }, 'rules: code generation fell back to closures'),
  );
  let database: Database | undefined;
  try {
    database = await createDb(
      config.databaseUrl
        ? { url: config.databaseUrl }
        : { dataDir: join(config.dataDir, 'db'), initdbCacheDir: config.pgliteCacheDir },
    );
    const migration = await migrateAs(database, config);
    if (migration.applied.length) logger.info({ applied: migration.applied }, 'database migrated');
    const rlsWarning = database.kind === 'postgres' ? await rlsRisk(database) : undefined;
    if (rlsWarning && config.requireRls)
      throw new HexiaoError('not_allowed', `${rlsWarning} (HEXIAO_REQUIRE_RLS=true)`);
    if (rlsWarning) logger.warn(rlsWarning);
    const db = database;
    return {
      config,
      database: db,
      deps: { db: db.db, auditKey: config.auditKey, kinds: createDefinitionKinds() },
      logger,
      migration,
      rlsWarning,
      lock,
      async close() {
        stopCodegenLog();
        // whatever the command appended to a tenant's audit chain is anchored outside the database before exit
        await anchorAllTenants(db.db, config.auditKey, config.auditAnchorFile).then(
          (rounds) => {
            for (const r of rounds)
              if (r.refused) logger.warn({ tenant: r.tenantId, reason: r.refused }, 'audit head not anchored');
          },
          (e: Error) => logger.warn({ err: e.message, file: config.auditAnchorFile }, 'audit anchors not written'),
        );
        await db.close();
        lock?.release();
      },
    };
  } catch (e) {
    stopCodegenLog();
    await database?.close().catch(() => {});
    lock?.release();
    throw e;
  }
}

/** Says loudly, and how to fix it, when the server's PostgreSQL role escapes row-level security. */
async function rlsRisk(database: Database): Promise<string | undefined> {
  const r = await connectionRole(database);
  if (!r.superuser && !r.bypassRls) return undefined;
  return (
    `WARNING: the server connects to PostgreSQL as ${r.role}, a ${r.superuser ? 'superuser' : 'BYPASSRLS role'}: ` +
    'row-level security does not hold and one tenant can read another. Create a role for the server ' +
    '(CREATE ROLE hexiao_app LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ...), point DATABASE_URL at it and ' +
    'DATABASE_OWNER_URL at the role that owns the database (it grants hexiao_app its privileges on migrate); ' +
    'HEXIAO_REQUIRE_RLS=true refuses to start instead of warning'
  );
}

/**
 * Migrations run as the owner: DATABASE_OWNER_URL when given (it need not be a superuser: it owns the database
 * and grants the server's role its privileges), else the server's own connection. No role's attributes are
 * ever changed.
 */
async function migrateAs(database: Database, config: ServerConfig): Promise<MigrateResult> {
  if (!config.databaseOwnerUrl || !config.databaseUrl || database.kind !== 'postgres') return migrate(database);
  const owner = await createDb({ url: config.databaseOwnerUrl, max: 1 });
  try {
    const result = await migrate(owner);
    const appRole = decodeURIComponent(new URL(config.databaseUrl).username);
    const ownerRole = decodeURIComponent(new URL(config.databaseOwnerUrl).username);
    if (appRole && appRole !== ownerRole) await grantAppRole(owner, appRole);
    return result;
  } finally {
    await owner.close();
  }
}

/** The CLI acts as a system actor of a tenant (default: the configured default tenant), with no login. */
export async function cliContext(rt: Runtime, tenantSlug?: string): Promise<ActionCtx> {
  const slug = tenantSlug ?? rt.config.defaultTenant;
  const tenant = await findTenant(rt.database.db, slug);
  if (!tenant)
    throw new HexiaoError('not_found', `tenant ${slug} does not exist (run \`hexiao seed --demo\` or pass --tenant)`);
  return { tenant, actor: systemActor('cli'), request: { userAgent: `hexiao-cli pid ${process.pid}` } };
}
