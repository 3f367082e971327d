import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Database } from './db.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  id: string;
  sql: string;
  sha256: string;
}

export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return { id: f.replace(/\.sql$/, ''), sql: text, sha256: createHash('sha256').update(text).digest('hex') };
    });
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

const lockKey = 7020121;

/**
 * Applies the committed SQL migrations in order, each in its own transaction, recording them in
 * hexiao_meta.migrations (the one bookkeeping table outside the tenant model). On PostgreSQL a session
 * advisory lock keeps two processes from migrating at once. A changed, already applied file is refused.
 */
export async function migrate(database: Database, migrations = loadMigrations()): Promise<MigrateResult> {
  return database.withConnection(async (c) => {
    if (database.kind === 'postgres') await c.query(`SELECT pg_advisory_lock(${lockKey})`);
    try {
      await c.script(`CREATE SCHEMA IF NOT EXISTS hexiao_meta;
        CREATE TABLE IF NOT EXISTS hexiao_meta.migrations (
          id text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());`);
      const done = new Map(
        (await c.query<{ id: string; sha256: string }>('SELECT id, sha256 FROM hexiao_meta.migrations')).map((r) => [
          r.id,
          r.sha256,
        ]),
      );
      const applied: string[] = [];
      for (const m of migrations) {
        const sha = done.get(m.id);
        if (sha !== undefined) {
          if (sha !== m.sha256) throw new Error(`migration ${m.id} was changed after it was applied (sha256 differs)`);
          continue;
        }
        try {
          await c.script(
            `BEGIN;\n${m.sql}\n;INSERT INTO hexiao_meta.migrations (id, sha256) VALUES ('${m.id}', '${m.sha256}');\nCOMMIT;`,
          );
        } catch (e) {
          await c.script('ROLLBACK').catch(() => {});
          throw new Error(`migration ${m.id} failed: ${(e as Error).message}`, { cause: e });
        }
        applied.push(m.id);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      if (database.kind === 'postgres') await c.query(`SELECT pg_advisory_unlock(${lockKey})`);
    }
  });
}
