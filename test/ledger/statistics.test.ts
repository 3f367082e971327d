import { afterAll, describe, expect, it } from 'vitest';
import { describeListed } from '../support/skip.ts';
import { ledgerSetup } from './setup.ts';
import { createDb, rows, sql, type Database } from '../../packages/server/src/store/db.ts';
import { keepStatisticsCurrent, refreshStatistics } from '../../packages/server/src/store/repos/statistics.ts';

const lockTimeout = async (db: Parameters<typeof rows>[0]) =>
  (await rows<{ v: string }>(db, sql`SELECT current_setting('lock_timeout') AS v`))[0]!.v;

describe('refreshing the planner statistics during and after bulk loads', () => {
  it('analyzes inside the caller’s transaction and leaves its lock timeout as it was', async () => {
    const s = await ledgerSetup(1);
    await refreshStatistics(s.database.db);
    await s.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('lock_timeout', '7s', true)`);
      // far past any threshold: this call refreshes
      await keepStatisticsCurrent(tx, 1_000_000_000);
      expect(await lockTimeout(tx)).toBe('7s');
    });
  });

  it('analyzes only the tables a load made stale: those it added a tenth of their rows to', async () => {
    const s = await ledgerSetup(40);
    const all = await refreshStatistics(s.database.db);
    expect(all).toContain('bank_lines');
    expect(all).toHaveLength(8);
    const none = { bankLines: 0, documents: 0, customers: 0, payerAccounts: 0 };
    expect(await refreshStatistics(s.database.db, none)).toEqual([]);
    await refreshStatistics(s.database.db);
    const [row] = await rows<{ n: number }>(
      s.database.db,
      sql`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'customers' AND relnamespace = current_schema()::regnamespace`,
    );
    const n = Number(row!.n);
    expect(n).toBeGreaterThan(0);
    const stale = await refreshStatistics(s.database.db, { ...none, customers: Math.ceil(n * 0.1) });
    expect(stale).toEqual(['customers']);
    if (n >= 20) {
      const fresh = await refreshStatistics(s.database.db, { ...none, customers: Math.floor(n * 0.1) - 1 });
      expect(fresh).not.toContain('customers');
    }
  });
});

const pools: Database[] = [];
afterAll(async () => {
  for (const p of pools) await p.close();
});

describeListed('statistics refresh beside a long import on PostgreSQL', () => {
  it('skips after 50 ms when another transaction holds the ANALYZE lock, instead of waiting for it to end', async () => {
    const url = process.env.DATABASE_URL!;
    const [a, b] = [await createDb({ url, max: 1 }), await createDb({ url, max: 1 })];
    pools.push(a, b);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    const importer = a.db.transaction(async (tx) => {
      await tx.execute(sql`ANALYZE open_items`);
      locked();
      await held;
    });
    await holding;
    const started = Date.now();
    await refreshStatistics(b.db);
    const waited = Date.now() - started;
    release();
    await importer;
    // without the lock timeout this waits until the importer commits (released only after this line)
    expect(waited).toBeLessThan(5_000);
  });
});
