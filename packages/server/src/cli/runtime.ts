import { join } from 'node:path';
import { getDefaultEngine } from '@hexiao/dsl';
import { loadConfig, type ServerConfig } from '../config/config.ts';
import { createDb, type Database } from '../store/db.ts';
import { migrate, type MigrateResult } from '../store/migrate.ts';
import { grantAppRole } from '../store/grants.ts';
import { findTenant } from '../domain/identity/index.ts';
import { systemActor, type ActionCtx } from '../domain/context.ts';
import type { DefinitionsDeps } from '../domain/definitions/index.ts';
import { createDefinitionKinds } from '../startup/definition-kinds.ts';
import { HexiaoError } from '../domain/errors.ts';
import { createLogger, type Logger } from '../logger.ts';
import { acquireDataDirLock } from './lock.ts';

export interface Runtime {
  config: ServerConfig;
  database: Database;
  deps: DefinitionsDeps;
  logger: Logger;
  migration: MigrateResult;
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
    const db = database;
    return {
      config,
      database: db,
      deps: { db: db.db, auditKey: config.auditKey, kinds: createDefinitionKinds() },
      logger,
      migration,
      lock,
      async close() {
        stopCodegenLog();
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

/**
 * Migrations run as the owner: DATABASE_OWNER_URL when given (the server itself connects as a
 * NOSUPERUSER NOBYPASSRLS role, which then receives its grants), else the server's own connection.
 */
async function migrateAs(database: Database, config: ServerConfig): Promise<MigrateResult> {
  if (!config.databaseOwnerUrl || !config.databaseUrl || database.kind !== 'postgres') return migrate(database);
  const owner = await createDb({ url: config.databaseOwnerUrl, max: 1 });
  try {
    const result = await migrate(owner);
    const appRole = new URL(config.databaseUrl).username;
    if (appRole) await grantAppRole(owner, decodeURIComponent(appRole));
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
