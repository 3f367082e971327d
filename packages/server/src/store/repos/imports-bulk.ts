import type { Writable } from 'node:stream';
import { sql, rows, type Executor } from '../db.ts';

/**
 * Bulk loading into a temporary staging table inside the caller's transaction, never row by row:
 * PostgreSQL gets `COPY … FROM STDIN` on the transaction's own connection; PGlite `COPY … FROM '/dev/blob'`.
 * The caller then moves the staged rows with one `INSERT … SELECT … ON CONFLICT DO NOTHING`.
 */
export type Cell = string | number | boolean | null | undefined;

const escapeCopy = (v: Cell): string => {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
};

export const copyText = (batch: Cell[][]): string => {
  let out = '';
  for (const row of batch) out += `${row.map(escapeCopy).join('\t')}\n`;
  return out;
};

interface PgTxClient {
  unsafe(q: string): { writable(): Promise<Writable> };
}
interface PgliteTxClient {
  query(q: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

const sessionClient = (tx: Executor): unknown => (tx as unknown as { session: { client: unknown } }).session.client;

/** Copies rows (in column order) into `table` on the transaction's connection. */
export async function copyInto(
  tx: Executor,
  kind: 'pglite' | 'postgres',
  table: string,
  columns: string[],
  batch: Cell[][],
): Promise<void> {
  if (!batch.length) return;
  const target = `${table} (${columns.join(', ')})`;
  const text = copyText(batch);
  if (kind === 'postgres') {
    const client = sessionClient(tx) as PgTxClient;
    const stream = await client.unsafe(`COPY ${target} FROM STDIN`).writable();
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', () => resolve());
      stream.end(text);
    });
    return;
  }
  const client = sessionClient(tx) as PgliteTxClient;
  await client.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
}

export const countRows = async (tx: Executor, table: string) =>
  Number((await rows<{ n: string }>(tx, sql.raw(`SELECT count(*)::text AS n FROM ${table}`)))[0]!.n);

/** A PostgreSQL array literal passed as ONE text parameter (cast it: `${pgArray(xs)}::text[]`), for both drivers. */
export const pgArray = (values: readonly (string | null)[]): string =>
  `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
