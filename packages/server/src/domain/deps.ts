import type { Db } from '../store/db.ts';

/**
 * The database handles use-cases take. The layers above (API, CLI, jobs) name them from here, never
 * from the store: to them a `Db` is an opaque unit of work (a connection or a tenant-bound transaction).
 */
export type { Db, Executor, Database } from '../store/db.ts';

/** What use-cases need from the process: the database and the audit signing key. */
export interface DomainDeps {
  db: Db;
  auditKey: Buffer;
}
