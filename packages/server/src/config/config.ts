import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { minorUnits } from '../domain/money/index.ts';

/** The one place that reads the environment: every value is validated here and named when it is wrong. */
export interface ServerConfig {
  /** postgres://… or undefined for embedded PGlite. */
  databaseUrl?: string;
  /** The owner role's connection, for migrations (DATABASE_OWNER_URL); the server connects as DATABASE_URL. */
  databaseOwnerUrl?: string;
  /** HEXIAO_REQUIRE_RLS=true: refuse to start when the server's PostgreSQL role is a superuser or BYPASSRLS. */
  requireRls: boolean;
  /** Embedded database folder (and the process lock, secrets and uploads beside it). */
  dataDir: string;
  /** Where a fresh embedded cluster is cached (HEXIAO_PGLITE_CACHE; default: the temp folder). */
  pgliteCacheDir?: string;
  host: string;
  port: number;
  /** HMAC key that signs the audit chain head. */
  auditKey: Buffer;
  /**
   * The audit anchor log outside the database (HEXIAO_AUDIT_ANCHOR_FILE; default: a file beside the data folder,
   * `<data folder>.audit-anchors.jsonl`). Keep it off the database's disks and backups.
   */
  auditAnchorFile: string;
  /** `serve` anchors every tenant's audit head this often, in minutes (HEXIAO_AUDIT_ANCHOR_EVERY; 0: only at exit). */
  auditAnchorEveryMinutes: number;
  sessionTtlSeconds: number;
  /** Cap on a JSON request body (HEXIAO_MAX_BODY). */
  maxBodyBytes: number;
  /** Import uploads stream to a temporary file up to this size (HEXIAO_MAX_UPLOAD). */
  maxUploadBytes: number;
  /** What a .gz/.zip upload may expand to (HEXIAO_MAX_EXPANDED; default 10 × the upload cap). */
  maxExpandedBytes: number;
  /** Bank lines an import stores per round trip while it parses on (HEXIAO_IMPORT_BATCH). */
  importBatchLines: number;
  /** Cap on one request attachment (HEXIAO_MAX_ATTACHMENT). */
  maxAttachmentBytes: number;
  /** Content types an attachment may have (HEXIAO_ATTACHMENT_TYPES, comma-separated). */
  attachmentTypes: string[];
  /** Cookie `Secure` flag; 'auto' = set when the request came over https (or a proxy says so). */
  secureCookies: boolean | 'auto';
  defaultTenant: string;
  /**
   * Base currency of the default tenant the CLI creates on the fly (HEXIAO_BASE_CURRENCY); without it the tenant
   * takes the one currency of the first import's records, else CNY.
   */
  baseCurrency?: string;
  logLevel: string;
  /** Where e-mail goes out (HEXIAO_SMTP_URL, smtp:// or smtps://, credentials in the URL); none: no e-mail. */
  smtpUrl?: string;
  /** The sender of the e-mail hexiao sends (HEXIAO_MAIL_FROM). */
  mailFrom: string;
  /** `serve` runs the reminder sweep for every tenant this often, in minutes (HEXIAO_REMIND_EVERY; 0: never). */
  remindEveryMinutes: number;
  /** `serve` fires the approval flows' due reminder and escalation timers this often, in minutes (HEXIAO_FLOW_TIMERS_EVERY; 0: never). */
  flowTimersEveryMinutes: number;
  /** `serve` sends due webhook deliveries (and, with SMTP, e-mail) of every tenant this often, in seconds (HEXIAO_DELIVER_EVERY; 0: never). */
  deliverEverySeconds: number;
  /** Webhooks may go to loopback and private addresses (HEXIAO_WEBHOOK_ALLOW_PRIVATE=true; default false). */
  webhookAllowPrivate: boolean;
  /** When set, GET /metrics needs `Authorization: Bearer <token>` (HEXIAO_METRICS_TOKEN); unset, it is open. */
  metricsToken?: string;
  /** POST /imports waits this long for its job before answering 202 with the job (HEXIAO_IMPORT_WAIT_MS). */
  importWaitMs: number;
  /** Jobs this process works at once (HEXIAO_JOB_WORKERS; 0: `serve` only submits, `hexiao worker` processes work). */
  jobWorkers: number;
  /** A job delivery not finished after this many seconds is taken as lost and retried (HEXIAO_JOB_EXPIRE, PostgreSQL). */
  jobExpireSeconds: number;
  /** A running job writes a heartbeat this often; three missed beats and another process may take it over (HEXIAO_JOB_HEARTBEAT). */
  jobHeartbeatSeconds: number;
  /** How often pg-boss looks for lost deliveries, in seconds (HEXIAO_JOB_MAINTENANCE). */
  jobMaintenanceSeconds: number;
  /** Third-party connector plugins: a folder of plugin modules and npm package names. */
  pluginsDir?: string;
  pluginPackages: string[];
}

/** The defaults, one per setting. */
export const defaults = {
  mailFrom: 'hexiao@localhost',
  remindEveryMinutes: 60,
  flowTimersEveryMinutes: 5,
  deliverEverySeconds: 60,
  auditAnchorEveryMinutes: 1,
  jobWorkers: 1,
  importWaitMs: 2000,
  jobExpireSeconds: 3600,
  jobHeartbeatSeconds: 10,
  jobMaintenanceSeconds: 60,
  /** Appended to the data folder's path: the anchor log sits beside the folder, not in it. */
  auditAnchorSuffix: '.audit-anchors.jsonl',
  dataDir: '.hexiao',
  host: '127.0.0.1',
  port: 3000,
  sessionTtlSeconds: 8 * 3600,
  maxBodyBytes: 1024 * 1024,
  maxUploadBytes: 200 * 1024 * 1024,
  /** A compressed upload may expand to this many times the upload cap. */
  expansionFactor: 10,
  importBatchLines: 10_000,
  maxAttachmentBytes: 20 * 1024 * 1024,
  /** Evidence: PDF and OFD documents, scans and photos, Word and Excel files. */
  attachmentTypes: [
    'application/pdf',
    'application/ofd',
    'image/png',
    'image/jpeg',
    'image/tiff',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ] as readonly string[],
  defaultTenant: 'demo',
  logLevel: 'info',
} as const;

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** An audit key shorter than this is refused (a 32-byte key written as hex is 64 characters). */
const minAuditKeyLength = 32;

export const makeAuditKeyHint =
  'make one with `hexiao audit key > audit.key` (or `openssl rand -hex 32 > audit.key`) and set HEXIAO_AUDIT_KEY_FILE=audit.key';

/** A setting that is missing or wrong; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const given = (env: Env, name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);

function wholeNumber(env: Env, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = given(env, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max)
    throw new ConfigError(
      name,
      `must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw.slice(0, 40))}`,
    );
  return Number(raw);
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[]): T | undefined {
  const raw = given(env, name);
  if (raw === undefined) return undefined;
  if (!(values as readonly string[]).includes(raw))
    throw new ConfigError(name, `must be one of ${values.join(', ')}, got ${JSON.stringify(raw.slice(0, 40))}`);
  return raw as T;
}

function matching(env: Env, name: string, pattern: RegExp, what: string): string | undefined {
  const raw = given(env, name);
  if (raw === undefined) return undefined;
  if (!pattern.test(raw)) throw new ConfigError(name, `must be ${what}, got ${JSON.stringify(raw.slice(0, 60))}`);
  return raw;
}

/** HEXIAO_BASE_CURRENCY: an ISO 4217 currency the ledger can post (one with minor units, not a metal or test code). */
function baseCurrency(env: Env): string | undefined {
  const name = 'HEXIAO_BASE_CURRENCY';
  const code = matching(env, name, /^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');
  if (code !== undefined && minorUnits(code) === undefined)
    throw new ConfigError(name, `must be an ISO 4217 currency with minor units (such as CNY or EUR), got "${code}"`);
  return code;
}

function postgresUrl(env: Env, name: string): string | undefined {
  const raw = given(env, name);
  if (raw === undefined) return undefined;
  let ok = /^postgres(ql)?:\/\//.test(raw);
  try {
    new URL(raw);
  } catch {
    ok = false;
  }
  if (!ok) throw new ConfigError(name, 'must be a postgres:// or postgresql:// URL');
  return raw;
}

function contentTypes(env: Env, name: string): string[] | undefined {
  const raw = given(env, name);
  if (raw === undefined) return undefined;
  const list = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = list.find((t) => !/^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(t));
  if (bad !== undefined || !list.length)
    throw new ConfigError(
      name,
      `must be a comma-separated list of content types such as application/pdf, got ${JSON.stringify((bad ?? raw).slice(0, 60))}`,
    );
  return list;
}

/** Reads a secret from VAR or from the file named by VAR_FILE (not both). */
function secret(env: Env, name: string): string | undefined {
  const value = given(env, name);
  const file = given(env, `${name}_FILE`);
  if (value !== undefined && file !== undefined) throw new ConfigError(name, `set ${name} or ${name}_FILE, not both`);
  if (value !== undefined) return value.trim();
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new ConfigError(`${name}_FILE`, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/**
 * The audit key comes from HEXIAO_AUDIT_KEY(_FILE). On PostgreSQL it is required: every server process on one
 * database must sign the chain with the same key, so none may invent its own. For an embedded data folder
 * a key is generated once into the folder (mode 0600) so a new user needs no setup.
 */
function auditKey(env: Env, dataDir: string, onPostgres: boolean): Buffer {
  const key = secret(env, 'HEXIAO_AUDIT_KEY');
  if (key !== undefined) {
    if (key.length < minAuditKeyLength)
      throw new ConfigError(
        'HEXIAO_AUDIT_KEY',
        `is ${key.length} characters; it must have at least ${minAuditKeyLength} (${makeAuditKeyHint})`,
      );
    return Buffer.from(key, 'utf8');
  }
  if (onPostgres)
    throw new ConfigError(
      'HEXIAO_AUDIT_KEY',
      `is required with DATABASE_URL, so that every server process signs the audit chain with the same key: ${makeAuditKeyHint}`,
    );
  const dir = join(dataDir, 'secrets');
  const file = join(dir, 'audit.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, newAuditKey(), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}

/** A fresh audit key: 32 random bytes as hex. */
export const newAuditKey = () => randomBytes(32).toString('hex');

/**
 * The server's settings from the environment (overrides win, for tests and CLI flags). Throws a
 * ConfigError naming the variable for a value that is present but wrong.
 */
export function loadConfig(env: Env = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const databaseUrl = 'databaseUrl' in overrides ? overrides.databaseUrl : postgresUrl(env, 'DATABASE_URL');
  const dataDir = resolve(overrides.dataDir ?? given(env, 'HEXIAO_DATA_DIR') ?? defaults.dataDir);
  const maxUploadBytes =
    overrides.maxUploadBytes ?? wholeNumber(env, 'HEXIAO_MAX_UPLOAD', 1) ?? defaults.maxUploadBytes;
  const secure = oneOf(env, 'HEXIAO_SECURE_COOKIES', ['true', 'false', 'auto'] as const);
  return {
    databaseUrl,
    databaseOwnerUrl: overrides.databaseOwnerUrl ?? postgresUrl(env, 'DATABASE_OWNER_URL'),
    requireRls: overrides.requireRls ?? oneOf(env, 'HEXIAO_REQUIRE_RLS', ['true', 'false'] as const) === 'true',
    dataDir,
    pgliteCacheDir: overrides.pgliteCacheDir ?? given(env, 'HEXIAO_PGLITE_CACHE'),
    host: overrides.host ?? given(env, 'HEXIAO_HOST') ?? defaults.host,
    port:
      overrides.port ??
      wholeNumber(env, 'PORT', 0, 65535) ??
      wholeNumber(env, 'HEXIAO_PORT', 0, 65535) ??
      defaults.port,
    auditKey: overrides.auditKey ?? auditKey(env, dataDir, databaseUrl !== undefined),
    auditAnchorFile: resolve(
      overrides.auditAnchorFile ?? given(env, 'HEXIAO_AUDIT_ANCHOR_FILE') ?? dataDir + defaults.auditAnchorSuffix,
    ),
    auditAnchorEveryMinutes:
      overrides.auditAnchorEveryMinutes ??
      wholeNumber(env, 'HEXIAO_AUDIT_ANCHOR_EVERY', 0, 10_080) ??
      defaults.auditAnchorEveryMinutes,
    sessionTtlSeconds:
      overrides.sessionTtlSeconds ?? wholeNumber(env, 'HEXIAO_SESSION_TTL', 60) ?? defaults.sessionTtlSeconds,
    maxBodyBytes: overrides.maxBodyBytes ?? wholeNumber(env, 'HEXIAO_MAX_BODY', 1024) ?? defaults.maxBodyBytes,
    maxUploadBytes,
    maxExpandedBytes:
      overrides.maxExpandedBytes ??
      wholeNumber(env, 'HEXIAO_MAX_EXPANDED', 1) ??
      defaults.expansionFactor * maxUploadBytes,
    importBatchLines:
      overrides.importBatchLines ??
      wholeNumber(env, 'HEXIAO_IMPORT_BATCH', 100, 1_000_000) ??
      defaults.importBatchLines,
    maxAttachmentBytes:
      overrides.maxAttachmentBytes ?? wholeNumber(env, 'HEXIAO_MAX_ATTACHMENT', 1) ?? defaults.maxAttachmentBytes,
    attachmentTypes: overrides.attachmentTypes ??
      contentTypes(env, 'HEXIAO_ATTACHMENT_TYPES') ?? [...defaults.attachmentTypes],
    secureCookies: overrides.secureCookies ?? (secure === undefined || secure === 'auto' ? 'auto' : secure === 'true'),
    defaultTenant:
      overrides.defaultTenant ??
      matching(env, 'HEXIAO_TENANT', /^[a-z0-9][a-z0-9-]{0,62}$/, 'a tenant slug (a-z, 0-9, -)') ??
      defaults.defaultTenant,
    baseCurrency: overrides.baseCurrency ?? baseCurrency(env),
    logLevel: overrides.logLevel ?? oneOf(env, 'LOG_LEVEL', logLevels) ?? defaults.logLevel,
    smtpUrl: overrides.smtpUrl ?? matching(env, 'HEXIAO_SMTP_URL', /^smtps?:\/\/\S+$/, 'an smtp:// or smtps:// URL'),
    mailFrom:
      overrides.mailFrom ??
      matching(env, 'HEXIAO_MAIL_FROM', /^[^\s@<>]+@[^\s@<>]+$/, 'an e-mail address') ??
      defaults.mailFrom,
    remindEveryMinutes:
      overrides.remindEveryMinutes ?? wholeNumber(env, 'HEXIAO_REMIND_EVERY', 0, 10_080) ?? defaults.remindEveryMinutes,
    flowTimersEveryMinutes:
      overrides.flowTimersEveryMinutes ??
      wholeNumber(env, 'HEXIAO_FLOW_TIMERS_EVERY', 0, 1_440) ??
      defaults.flowTimersEveryMinutes,
    deliverEverySeconds:
      overrides.deliverEverySeconds ??
      wholeNumber(env, 'HEXIAO_DELIVER_EVERY', 0, 86_400) ??
      defaults.deliverEverySeconds,
    webhookAllowPrivate:
      overrides.webhookAllowPrivate ??
      oneOf(env, 'HEXIAO_WEBHOOK_ALLOW_PRIVATE', ['true', 'false'] as const) === 'true',
    metricsToken: overrides.metricsToken ?? secret(env, 'HEXIAO_METRICS_TOKEN'),
    importWaitMs:
      overrides.importWaitMs ?? wholeNumber(env, 'HEXIAO_IMPORT_WAIT_MS', 0, 3_600_000) ?? defaults.importWaitMs,
    jobWorkers: overrides.jobWorkers ?? wholeNumber(env, 'HEXIAO_JOB_WORKERS', 0, 16) ?? defaults.jobWorkers,
    jobExpireSeconds:
      overrides.jobExpireSeconds ?? wholeNumber(env, 'HEXIAO_JOB_EXPIRE', 1, 86_400) ?? defaults.jobExpireSeconds,
    jobHeartbeatSeconds:
      overrides.jobHeartbeatSeconds ?? wholeNumber(env, 'HEXIAO_JOB_HEARTBEAT', 1, 300) ?? defaults.jobHeartbeatSeconds,
    jobMaintenanceSeconds:
      overrides.jobMaintenanceSeconds ??
      wholeNumber(env, 'HEXIAO_JOB_MAINTENANCE', 1, 3600) ??
      defaults.jobMaintenanceSeconds,
    ...pluginSettings(env, overrides),
  };
}

/** Where third-party connectors come from (HEXIAO_PLUGINS_DIR, HEXIAO_PLUGINS): all `hexiao plugins` needs. */
export function pluginSettings(
  env: Env = process.env,
  overrides: Partial<ServerConfig> = {},
): Pick<ServerConfig, 'pluginsDir' | 'pluginPackages'> {
  return {
    pluginsDir: overrides.pluginsDir ?? given(env, 'HEXIAO_PLUGINS_DIR'),
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
  return postgresUrl(env, 'DATABASE_URL');
}

/** The environment of a child process the CLI starts (a benchmark's server): this process's, plus `extra`. */
export function childProcessEnv(extra: Env): Env {
  return { ...process.env, ...extra };
}

/** Node flags for a benchmark's server process (HEXIAO_BENCH_SERVER_NODE_ARGS, e.g. `--cpu-prof`). */
export function benchServerNodeArgs(env: Env = process.env): string[] {
  return env.HEXIAO_BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
}
