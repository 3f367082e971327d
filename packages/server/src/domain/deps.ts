import type { Db } from '../store/db.ts';

/** What use-cases need from the process: the database and the audit signing key. */
export interface DomainDeps {
  db: Db;
  auditKey: Buffer;
}
