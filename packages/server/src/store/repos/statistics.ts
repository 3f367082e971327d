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

/** The tables a load's foreign keys point at while it runs: their plans decide what each row's checks cost. */
const referencedTables = ['customers', 'ledger_documents', 'vouchers'];

/**
 * A table's statistics are stale after a load that wrote at least a tenth of the rows they count (the share
 * at which autovacuum analyzes on its own), or if the table was never analyzed. Analyzing a table samples up
 * to 30,000 of its rows whatever the load wrote: 0.2–0.6 s a table on a database of a few hundred thousand
 * rows, which a load of 1,000 invoices paid eight times over.
 */
const staleShare = 0.1;

/** What a load wrote, by kind of record: each fills the tables listed for it in {@link tablesOf}. */
export interface RowsWritten {
  bankLines: number;
  /** documents with their vouchers, open items and import links */
  documents: number;
  customers: number;
  payerAccounts: number;
}

const tablesOf: Record<keyof RowsWritten, readonly string[]> = {
  bankLines: ['bank_lines'],
  documents: ['ledger_documents', 'open_items', 'vouchers', 'voucher_lines', 'import_documents'],
  customers: ['customers'],
  payerAccounts: ['customer_bank_accounts'],
};

const byTable = (w: RowsWritten) => {
  const m = new Map<string, number>();
  for (const [kind, tables] of Object.entries(tablesOf))
    for (const t of tables) m.set(t, (m.get(t) ?? 0) + w[kind as keyof RowsWritten]);
  return m;
};

async function staleTables(tx: Executor, tables: readonly string[], written: (t: string) => number): Promise<string[]> {
  const found = await rowsOf<{ name: string; tuples: number }>(
    tx,
    sql`SELECT relname AS name, reltuples::float8 AS tuples FROM pg_class
        WHERE relkind IN ('r', 'p') AND relnamespace = current_schema()::regnamespace
          AND relname = ANY(${`{${tables.join(',')}}`}::text[])`,
  );
  const tuples = new Map(found.map((t) => [t.name, Number(t.tuples)]));
  return tables.filter((t) => {
    const n = tuples.get(t) ?? -1;
    const w = written(t);
    return w > 0 && (n < 0 || w >= n * staleShare);
  });
}

/**
 * Refreshes the planner's statistics of the tables a bulk load filled. Right after a large import the
 * statistics still describe the tables as they were (empty, for a new tenant's first load), and PostgreSQL
 * plans the next reads as nested loops over "one row": a matching run's snapshot read of 10,000 receipts took
 * 26 s instead of 0.1 s. Given the rows the load wrote, only the tables it made stale are analyzed. ANALYZE
 * holds a lock that a second one waits for until the first one's transaction ends (an importer refreshing
 * inside its own load): after 50 ms the step is skipped. A role that does not own the tables is skipped by
 * PostgreSQL with a warning; autovacuum's own analyze catches up within a minute or so.
 */
export async function refreshStatistics(db: Executor, written?: RowsWritten): Promise<string[]> {
  const w = written && byTable(written);
  return db.transaction((tx) => analyzeUnlessBusy(tx, bulkTables, w ? (t) => w.get(t) ?? 0 : undefined));
}

async function analyzeUnlessBusy(
  tx: Executor,
  tables: readonly string[],
  written?: (table: string) => number,
): Promise<string[]> {
  const stale = written ? await staleTables(tx, tables, written) : [...tables];
  if (!stale.length) return [];
  const [prev] = (await rowsOf(tx, sql`SELECT current_setting('lock_timeout') AS v`)) as [{ v: string }];
  try {
    await tx.transaction(async (sp) => {
      await sp.execute(sql`SELECT set_config('lock_timeout', '50ms', true)`);
      await sp.execute(sql.raw(`ANALYZE ${stale.join(', ')}`));
    });
    return stale;
  } catch (e) {
    if (!isLockTimeout(e)) throw e;
    return [];
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
let writtenSinceRefresh = 0;

/**
 * Counts the rows a bulk write added in this process and, each time the count doubles, refreshes the
 * statistics of the tables the load's foreign keys point at, if it made them stale, inside the caller's
 * transaction (ANALYZE counts the rows the transaction itself wrote). A load of 30,000 open invoices in one
 * transaction otherwise checks every foreign key with a plan made for an empty table, each batch slower than
 * the one before (0.45 s per 1,000 rows, rising to 1.8 s).
 */
export async function keepStatisticsCurrent(tx: Executor, rows: number): Promise<string[]> {
  writtenSinceStart += rows;
  writtenSinceRefresh += rows;
  if (writtenSinceStart < refreshAt) return [];
  refreshAt = writtenSinceStart * 2;
  const written = writtenSinceRefresh;
  writtenSinceRefresh = 0;
  return analyzeUnlessBusy(tx, referencedTables, () => written);
}
