import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';
import { testDatabase, testDbKind } from '../support/test-db.ts';
import { createDb, sql } from '../../packages/server/src/store/db.ts';
import { databaseCounters } from '../../packages/server/src/domain/throttle/index.ts';

/** Issue 17 §3: servers sharing one PostgreSQL share the per-address budgets, so more processes give no more guesses. */
describe('rate limits shared through the database', () => {
  it('the failed-login budget of an address is spent across two servers, not per server', async () => {
    const database = await testDatabase();
    await database.db.execute(sql`DELETE FROM rate_limit_windows WHERE key = 'local'`);
    const a = await createTestApp({ counters: databaseCounters(database.db) });
    const b = await createTestApp({ counters: databaseCounters(database.db) });
    const attempt = async (app: typeof a, i: number) =>
      (
        await app.app.request('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ tenant: app.tenant.slug, email: `guess-${i}@example.test`, password: 'x' }),
        })
      ).status;
    // 15 failures per quarter hour, alternating between the two servers
    for (let i = 0; i < 15; i++) expect(await attempt(i % 2 ? b : a, i)).toBe(401);
    expect(await attempt(a, 15)).toBe(429);
    expect(await attempt(b, 16)).toBe(429);
  }, 120_000);

  it('concurrent hits from two connection pools are all counted', async () => {
    const database = await testDatabase();
    const other = testDbKind() === 'postgres' ? await createDb({ url: process.env.DATABASE_URL!, max: 4 }) : database;
    try {
      const one = databaseCounters(database.db);
      const two = databaseCounters(other.db);
      const key = randomBytes(6).toString('hex');
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).hit('test-bucket', key, 60_000)));
      expect((await one.peek('test-bucket', key, 60_000)).hits).toBe(40);
    } finally {
      if (other !== database) await other.close();
    }
  });
});
