import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

export interface ServerConfig {
  /** postgres://… or undefined for embedded PGlite. */
  databaseUrl?: string;
  /** The owner role's connection, for migrations (DATABASE_OWNER_URL); the server connects as DATABASE_URL. */
  databaseOwnerUrl?: string;
  /** Where a fresh embedded cluster is cached (HEXIAO_PGLITE_CACHE; default: the temp folder). */
  pgliteCacheDir?: string;
  /** Base currency of a tenant the CLI creates on the fly (HEXIAO_BASE_CURRENCY; default CNY). */
  baseCurrency?: string;
  /** Embedded database folder (and the process lock, secrets and uploads beside it). */
  dataDir: string;
  host: string;
  port: number;
  /** HMAC key that signs the audit chain head. */
  auditKey: Buffer;
  sessionTtlSeconds: number;
  maxBodyBytes: number;
  /** Import uploads stream to a temporary file up to this size (HEXIAO_MAX_UPLOAD, default 200 MB). */
  maxUploadBytes: number;
  /** What a .gz/.zip upload may expand to (HEXIAO_MAX_EXPANDED; default 10 × the upload cap). */
  maxExpandedBytes?: number;
  /** Cookie `Secure` flag; 'auto' = set when the request came over https (or a proxy says so). */
  secureCookies: boolean | 'auto';
  defaultTenant: string;
  logLevel: string;
  /** Third-party connector plugins: a folder of plugin modules and npm package names. */
  pluginsDir?: string;
  pluginPackages: string[];
}

type Env = Record<string, string | undefined>;

/** Reads a secret from VAR or from the file named by VAR_FILE. */
function secret(env: Env, name: string): string | undefined {
  if (env[name]) return env[name];
  const file = env[`${name}_FILE`];
  return file ? readFileSync(file, 'utf8').trim() : undefined;
}

/**
 * The audit key comes from HEXIAO_AUDIT_KEY(_FILE); for the embedded database a key is generated once
 * into the data folder (mode 0600) so a new user needs no setup.
 */
function auditKey(env: Env, dataDir: string): Buffer {
  const given = secret(env, 'HEXIAO_AUDIT_KEY');
  if (given) return Buffer.from(given, 'utf8');
  const dir = join(dataDir, 'secrets');
  const file = join(dir, 'audit.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}

export function loadConfig(env: Env = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const dataDir = resolve(overrides.dataDir ?? env.HEXIAO_DATA_DIR ?? '.hexiao');
  const port = overrides.port ?? Number(env.PORT ?? env.HEXIAO_PORT ?? 3000);
  const host = overrides.host ?? env.HEXIAO_HOST ?? '127.0.0.1';
  return {
    databaseUrl: overrides.databaseUrl ?? env.DATABASE_URL,
    databaseOwnerUrl: overrides.databaseOwnerUrl ?? env.DATABASE_OWNER_URL,
    pgliteCacheDir: overrides.pgliteCacheDir ?? env.HEXIAO_PGLITE_CACHE,
    baseCurrency: overrides.baseCurrency ?? env.HEXIAO_BASE_CURRENCY,
    dataDir,
    host,
    port,
    auditKey: overrides.auditKey ?? auditKey(env, dataDir),
    sessionTtlSeconds: overrides.sessionTtlSeconds ?? Number(env.HEXIAO_SESSION_TTL ?? 8 * 3600),
    maxBodyBytes: overrides.maxBodyBytes ?? Number(env.HEXIAO_MAX_BODY ?? 1024 * 1024),
    maxUploadBytes: overrides.maxUploadBytes ?? Number(env.HEXIAO_MAX_UPLOAD ?? 200 * 1024 * 1024),
    maxExpandedBytes:
      overrides.maxExpandedBytes ?? (env.HEXIAO_MAX_EXPANDED ? Number(env.HEXIAO_MAX_EXPANDED) : undefined),
    secureCookies:
      overrides.secureCookies ??
      (env.HEXIAO_SECURE_COOKIES === 'true' ? true : env.HEXIAO_SECURE_COOKIES === 'false' ? false : 'auto'),
    defaultTenant: overrides.defaultTenant ?? env.HEXIAO_TENANT ?? 'demo',
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    pluginsDir: overrides.pluginsDir ?? env.HEXIAO_PLUGINS_DIR,
    pluginPackages:
      overrides.pluginPackages ??
      (env.HEXIAO_PLUGINS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
  };
}

/** DATABASE_URL alone, for commands that add a PostgreSQL run when one is configured (benchmarks). */
export function databaseUrlFromEnv(env: Env = process.env): string | undefined {
  return env.DATABASE_URL || undefined;
}
