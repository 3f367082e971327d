import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { createDb, type Database } from '../../packages/server/src/store/db.ts';

let shared: Promise<Database> | undefined;

/**
 * The migrated database for this test file: embedded PGlite loaded from the run's template, or the
 * PostgreSQL database named by DATABASE_URL. One per worker module scope; tests isolate by tenant.
 */
export function testDatabase(): Promise<Database> {
  shared ??= open();
  return shared;
}

async function open(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return createDb({ url, max: 4 });
  const template = inject('pgliteTemplate');
  const bytes = readFileSync(template);
  return createDb({ loadDataDir: new Blob([bytes]) });
}

export const testDbKind = (): 'pglite' | 'postgres' => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

/** A database of its own for one test, whose every drizzle statement goes to logQuery. */
export async function loggedTestDatabase(logQuery: (q: string) => void): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return createDb({ url, max: 4, logQuery });
  return createDb({ loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]), logQuery });
}
