import { getTableColumns, sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './db.ts';

/**
 * Multi-row insert as one JSON parameter unpacked by `jsonb_to_recordset`. drizzle's `.values(rows)` builds
 * one bound parameter per cell and checks every value's kind on the way, which costs more CPU than the
 * database spends storing the rows in a bulk load (a fifth of an import's time in a profile). Columns that
 * no row gives keep their defaults; a column given in some rows and left out in others falls back to
 * drizzle, which writes DEFAULT cell by cell, and so does a table with bytes (JSON has no bytes).
 */
export async function insertRows<T extends PgTable>(
  tx: Executor,
  table: T,
  rows: readonly T['$inferInsert'][],
  chunk = 2000,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  const given = columns.filter(([prop]) => rows.some((r) => (r as Record<string, unknown>)[prop] !== undefined));
  const viaDrizzle =
    given.some(([, c]) => c.getSQLType() === 'bytea') ||
    given.some(([prop, c]) => c.hasDefault && rows.some((r) => (r as Record<string, unknown>)[prop] === undefined));
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    if (viaDrizzle) {
      await tx.insert(table).values(part as T['$inferInsert'][]);
      continue;
    }
    const records = part.map((r) => {
      const out: Record<string, unknown> = {};
      for (const [prop, c] of given) {
        const v = (r as Record<string, unknown>)[prop];
        // json columns take the value itself; the others their driver form (numeric and date strings, …)
        out[c.name] = v === null || v === undefined ? null : isJson(c) ? v : c.mapToDriverValue(v);
      }
      return out;
    });
    const names = sql.raw(given.map(([, c]) => `"${c.name}"`).join(', '));
    const shape = sql.raw(given.map(([, c]) => `"${c.name}" ${c.getSQLType()}`).join(', '));
    await tx.execute(
      sql`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS r(${shape})`,
    );
  }
}

const isJson = (c: Column) => c.columnType === 'PgJsonb' || c.columnType === 'PgJson';
