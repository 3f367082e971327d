import { sql } from 'drizzle-orm';
import { rows as rowsOf, type Executor } from '../db.ts';

/** The tables a bulk load fills: the ones a matching run or a report reads right after it. */
const bulkTables = [
  'customers',
  'customer_bank_accounts',
  'ledger_documents',
  'open_items',
  'vouchers',
  'voucher_lines',
  'bank_lines',
  'import_documents',
];

/**
 * Refreshes the planner's statistics of the tables a bulk load filled. Right after a large import the
 * statistics still describe the tables as they were (empty, for a new tenant's first load), and PostgreSQL
 * plans the next reads as nested loops over "one row": a matching run's snapshot read of 10,000 receipts took
 * 26 s instead of 0.1 s. ANALYZE holds a lock that a second one waits for until the first one's transaction
 * ends (an importer refreshing inside its own load): after 50 ms the step is skipped. A role that does not own
 * the tables is skipped by PostgreSQL with a warning; autovacuum's own analyze catches up within a minute or so.
 */
export async function refreshStatistics(db: Executor): Promise<void> {
  await db.transaction((tx) => analyzeUnlessBusy(tx));
}

async function analyzeUnlessBusy(tx: Executor): Promise<void> {
  const [prev] = (await rowsOf(tx, sql`SELECT current_setting('lock_timeout') AS v`)) as [{ v: string }];
  try {
    await tx.transaction(async (sp) => {
      await sp.execute(sql`SELECT set_config('lock_timeout', '50ms', true)`);
      await sp.execute(sql.raw(`ANALYZE ${bulkTables.join(', ')}`));
    });
  } catch (e) {
    if (!isLockTimeout(e)) throw e;
  } finally {
    await tx.execute(sql`SELECT set_config('lock_timeout', ${prev.v}, true)`);
  }
}

/** A lock_timeout cancellation (55P03), as the driver throws it or wrapped by drizzle in `cause`. */
function isLockTimeout(e: unknown): boolean {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause)
    if ((x as { code?: string }).code === '55P03') return true;
  return false;
}

let writtenSinceStart = 0;
let refreshAt = 2000;

/**
 * Counts the rows a bulk write added in this process and, each time the count doubles, refreshes the
 * statistics inside the caller's transaction (ANALYZE counts the rows the transaction itself wrote). A load
 * of 30,000 open invoices in one transaction otherwise checks every foreign key with a plan made for an empty
 * table, each batch slower than the one before (0.45 s per 1,000 rows, rising to 1.8 s).
 */
export async function keepStatisticsCurrent(tx: Executor, rows: number): Promise<void> {
  writtenSinceStart += rows;
  if (writtenSinceStart < refreshAt) return;
  refreshAt = writtenSinceStart * 2;
  await analyzeUnlessBusy(tx);
}
