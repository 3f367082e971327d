import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/support/test-db.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { createDb, rows, sql } from './db.ts';

const ownerUrl = () => process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL!;

describe('store schema invariants', () => {
  it('re-running migrations applies nothing', async () => {
    const database = await testDatabase();
    // on PostgreSQL, migrations run as the owner role (global setup did the same)
    const owner = database.kind === 'postgres' ? await createDb({ url: ownerUrl(), max: 1 }) : database;
    try {
      const result = await migrate(owner);
      expect(result.applied).toEqual([]);
      expect(result.alreadyApplied).toBe(loadMigrations().length);
    } finally {
      if (owner !== database) await owner.close();
    }
  });

  /** Tables outside the tenant model, each with its reason (0019_rate_limits.sql). */
  const globalTables: Record<string, string> = {
    rate_limit_windows: 'per-address request counts, kept before a request names its tenant',
  };

  it('every table has tenant_id, and every primary and foreign key includes it (global tables named)', async () => {
    const { db } = await testDatabase();
    const tables = await rows<{ table_name: string }>(
      db,
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(5);
    const keys = await rows<{
      table_name: string;
      constraint_type: string;
      constraint_name: string;
      cols: string[] | string;
    }>(
      db,
      sql`SELECT tc.table_name, tc.constraint_type, tc.constraint_name, array_agg(kcu.column_name::text) AS cols
          FROM information_schema.table_constraints tc
          JOIN information_schema.key_column_usage kcu
            ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema AND kcu.table_name = tc.table_name
          WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')
          GROUP BY tc.table_name, tc.constraint_type, tc.constraint_name`,
    );
    for (const { table_name } of tables) {
      const pk = keys.find((k) => k.table_name === table_name && k.constraint_type === 'PRIMARY KEY');
      expect(pk, `${table_name} has a primary key`).toBeDefined();
    }
    for (const k of keys) {
      if (globalTables[k.table_name]) continue;
      const cols = Array.isArray(k.cols) ? k.cols : String(k.cols).replace(/[{}]/g, '').split(',');
      expect(cols, `${k.table_name}.${k.constraint_name}`).toContain('tenant_id');
    }
  });
});
