import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { cachedInitdb, isNewDataDir, storeInitdb } from './pglite-template.ts';

/** The one drizzle type the rest of the store codes against, whatever the driver. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs a multi-statement SQL script without parameters (migrations). */
  execScript(text: string): Promise<void>;
  /**
   * Runs fn on one dedicated connection (PostgreSQL) or the embedded database, for work that needs
   * session state such as advisory locks: scripts and simple parameterised queries.
   */
  withConnection<T>(fn: (c: RawConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: a dump of the data folder, to start other instances from. */
  dumpDataDir?(): Promise<Blob>;
  /** Where the embedded data lives, for pglite. */
  dataDir?: string;
}

export interface RawConnection {
  script(text: string): Promise<void>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface CreateDbOptions {
  /** postgres://… selects PostgreSQL; otherwise embedded PGlite. */
  url?: string;
  /** PGlite data folder; omitted = in memory. */
  dataDir?: string;
  /** A PGlite dump (from dumpDataDir) to start from instead of initdb: much faster in tests. */
  loadDataDir?: Blob | File;
  /** postgres.js pool size. */
  max?: number;
  /** Where a fresh PGlite cluster is cached (default: the temp folder); see pglite-template.ts. */
  initdbCacheDir?: string;
  /** Sees every statement the store issues through drizzle (the tenant-filter audit in the tests). */
  logQuery?: (query: string) => void;
}

/**
 * The postgres.js client as drizzle sees it, with every statement prepared: drizzle asks for unnamed ones, which
 * PostgreSQL parses and plans on each execution (a third of its CPU under the API load benchmark); a prepared
 * one is planned once per connection (postgres.js keeps them per connection, and connections are recycled).
 * Transactions and savepoints hand out the same wrapping.
 */
function preparedStatements<T extends object>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      const fn = value as (...a: unknown[]) => unknown;
      if (prop === 'unsafe')
        return (query: string, params?: unknown[], o?: object) =>
          fn.call(target, query, params, { ...o, prepare: true });
      if (prop === 'begin' || prop === 'savepoint')
        return (...a: unknown[]) => {
          const work = a.pop() as (tx: object) => unknown;
          return fn.call(target, ...a, (tx: object) => work(preparedStatements(tx)));
        };
      return fn.bind(target);
    },
  });
}

export async function createDb(options: CreateDbOptions = {}): Promise<Database> {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      // numeric and bigint stay strings: money is never a JS number
      types: { numeric: { to: 1700, from: [1700], serialize: (x: unknown) => String(x), parse: (x: string) => x } },
    });
    const db = drizzlePostgres({ client: preparedStatements(client), ...queryLogger(options) }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      execScript: async (text) => {
        await client.unsafe(text);
      },
      withConnection: async (fn) => {
        const c = await client.reserve();
        try {
          return await fn({
            script: async (text) => {
              await c.unsafe(text);
            },
            query: async <T>(text: string, params: unknown[] = []) =>
              (await c.unsafe(text, params as never[])) as unknown as T[],
          });
        } finally {
          c.release();
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const fresh = options.dataDir !== undefined && !options.loadDataDir && isNewDataDir(options.dataDir);
  const template = fresh ? cachedInitdb(options.initdbCacheDir) : undefined;
  const pg = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : template ? { loadDataDir: template } : {}),
  });
  await pg.waitReady;
  if (fresh && !template)
    await storeInitdb((await pg.dumpDataDir('gzip')) as Blob, options.initdbCacheDir).catch(() => {});
  const db = drizzlePglite({ client: pg, ...queryLogger(options) }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    dataDir: options.dataDir,
    execScript: async (text) => {
      await pg.exec(text);
    },
    withConnection: (fn) =>
      fn({
        script: async (text) => {
          await pg.exec(text);
        },
        query: async <T>(text: string, params: unknown[] = []) => (await pg.query<T>(text, params)).rows,
      }),
    close: () => pg.close(),
    dumpDataDir: async () => (await pg.dumpDataDir('gzip')) as Blob,
  };
}

const queryLogger = (o: CreateDbOptions) =>
  o.logQuery ? { logger: { logQuery: (query: string) => o.logQuery!(query) } } : {};

/** Rows of a raw query, for both drivers (pglite returns { rows }, postgres.js an array). */
export async function rows<T = Record<string, unknown>>(exec: Executor, query: SQL): Promise<T[]> {
  const result = (await exec.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export { sql };

/** A trivial round trip: the readiness probe. */
export async function ping(exec: Executor): Promise<void> {
  await exec.execute(sql`SELECT 1`);
}
