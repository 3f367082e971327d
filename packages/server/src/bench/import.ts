/**
 * Import benchmark (a script, not a test): `hexiao bench import [--quick]`.
 *
 * Generates a camt.053 statement of 100,000 entries and a UBL batch of 10,000 invoices, then reports
 * records/s for parse alone and for parse + store (bank lines staged by COPY, deduplicated by
 * INSERT … ON CONFLICT DO NOTHING), the upload-to-stored time of the statement, a re-import (0 created),
 * receipts posted for every credit line, and peak RSS, on embedded PGlite and (with DATABASE_URL) PostgreSQL;
 * each import's phases (`phasesMs`: parse and store, with the COPY, the move and the parser's waits for them,
 * receipts, documents, commit, analyze) and the store's COPY and move apart, so the next bottleneck shows.
 * Targets (TARGETS.md): store ≥ 100k lines/s on PostgreSQL, ≥ 50k on PGlite; 100k statement ≤ 4 s / ≤ 6 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { fromFile, isRejection, type Connector } from '@hexiao/plugins/sdk';
import { builtInConnectors } from '@hexiao/plugins';
import { createDb, type Database } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { databaseUrlFromEnv, defaults } from '../config/config.ts';
import { insertTenant } from '../store/repos/tenants.ts';
import { newId } from '../domain/ids.ts';
import { systemActor } from '../domain/context.ts';
import { runImport } from '../domain/imports/index.ts';
import { lineRow } from '../domain/imports/stage-lines.ts';
import { createLineStage, moveStagedLines, stageLines } from '../store/repos/bank-lines.ts';
import type { Cell } from '../store/repos/imports-bulk.ts';

const pluginsBench = (f: string) => fileURLToPath(new URL(`../../../plugins/bench/${f}`, import.meta.url));
const connectors = new Map(builtInConnectors.map((c) => [c.id, c as Connector<unknown>]));
const rss = () => Math.round(process.resourceUsage().maxRSS / 1024);
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function parseOnly(connector: string, path: string, config: Record<string, unknown> = {}) {
  const c = connectors.get(connector)!;
  const t0 = performance.now();
  let records = 0;
  for await (const out of c.parse!(fromFile(path), {
    config: { ...(c.defaults as object), ...config },
    warn: () => {},
  }))
    if (!isRejection(out)) records++;
  const ms = performance.now() - t0;
  return { records, ms: Math.round(ms), perSecond: rate(records, ms) };
}

const benchTenant = async (database: Database) => ({
  tenant: await insertTenant(database.db, {
    id: newId(),
    slug: `bench-${randomBytes(4).toString('hex')}`,
    name: 'bench',
    baseCurrency: 'EUR',
  }),
  actor: systemActor('bench'),
});

async function storeRun(
  database: Database,
  label: string,
  statement: string,
  entries: number,
  ubl: string,
  invoices: number,
) {
  const store = await storeOnly(database, statement);
  const ctx = await benchTenant(database);
  const deps = {
    db: database.db,
    auditKey: Buffer.from('bench-key'),
    connectors,
    dbKind: database.kind,
    maxExpandedBytes: defaults.expansionFactor * defaults.maxUploadBytes,
    batchLines: defaults.importBatchLines,
  };
  const files = (p: string) => [{ name: p.split('/').pop()!, path: p }];
  const lines = {
    connector: 'camt053',
    dryRun: false,
    allowDefaults: true,
    inline: { connector: 'camt053', config: {}, options: { receipts: 'none' as const } },
  };
  let t0 = performance.now();
  const first = await runImport(deps, ctx, { ...lines, files: files(statement) });
  const storeMs = performance.now() - t0;
  t0 = performance.now();
  const again = await runImport(deps, ctx, { ...lines, files: files(statement) });
  const againMs = performance.now() - t0;
  // the same statement into a fresh tenant, with a receipt posted for every credit line (the ledger's postDocuments, 2,000 a chunk)
  t0 = performance.now();
  const withReceipts = await runImport(deps, await benchTenant(database), {
    connector: 'camt053',
    dryRun: false,
    allowDefaults: true,
    files: files(statement),
  });
  const receiptMs = performance.now() - t0;
  t0 = performance.now();
  const inv = await runImport(deps, ctx, {
    connector: 'ubl',
    dryRun: false,
    allowDefaults: true,
    inline: { connector: 'ubl', config: {}, options: { sellerTaxIds: ['SE556677889901'] } },
    files: files(ubl),
  });
  const invMs = performance.now() - t0;
  return {
    database: label,
    storeOnly: store,
    statement: {
      entries,
      created: first.created,
      uploadToStoredMs: Math.round(storeMs),
      linesPerSecond: rate(first.created, storeMs),
      phasesMs: first.timingsMs,
      reimport: {
        created: again.created,
        duplicates: again.duplicates,
        ms: Math.round(againMs),
        linesPerSecond: rate(again.read, againMs),
      },
    },
    withReceipts: {
      linesCreated: withReceipts.created,
      receiptsPosted: withReceipts.receipts.posted,
      uploadToStoredMs: Math.round(receiptMs),
      receiptPhaseMs: withReceipts.timingsMs.receipts,
      receiptsPerSecond: rate(withReceipts.receipts.posted, withReceipts.timingsMs.receipts ?? receiptMs),
      phasesMs: withReceipts.timingsMs,
    },
    invoices: {
      count: invoices,
      created: inv.created,
      rejected: inv.rejected,
      ms: Math.round(invMs),
      perSecond: rate(inv.created, invMs),
      phasesMs: inv.timingsMs,
    },
    peakRssMb: rss(),
  };
}

/** The store alone: pre-parsed rows → COPY into the stage → INSERT … ON CONFLICT DO NOTHING, 10,000 a batch; then again (all duplicates). */
async function storeOnly(database: Database, path: string) {
  const rows: Cell[][] = [];
  const c = connectors.get('camt053')!;
  for await (const out of c.parse!(fromFile(path), { config: { ...(c.defaults as object) }, warn: () => {} }))
    if (!isRejection(out) && out.type === 'bank-line') rows.push(lineRow(out, newId(), newId()));
  const { tenant } = await benchTenant(database);
  const pass = async () => {
    const t0 = performance.now();
    let copyMs = 0;
    let moveMs = 0;
    await database.db.transaction(async (tx) => {
      await createLineStage(tx);
      const importId = newId();
      for (let i = 0; i < rows.length; i += 10_000) {
        const a = performance.now();
        await stageLines(tx, database.kind, rows.slice(i, i + 10_000));
        const b = performance.now();
        await moveStagedLines(tx, tenant.id, importId);
        copyMs += b - a;
        moveMs += performance.now() - b;
      }
    });
    const ms = performance.now() - t0;
    return {
      ms: Math.round(ms),
      linesPerSecond: rate(rows.length, ms),
      copyMs: Math.round(copyMs),
      moveMs: Math.round(moveMs),
    };
  };
  return { lines: rows.length, first: await pass(), again: await pass() };
}

export async function runImportBench({ quick = false }: { quick?: boolean } = {}) {
  const { writeCamt053 } = (await import(pluginsBench('camt-parse.ts'))) as {
    writeCamt053(p: string, n: number): Promise<number>;
  };
  const { writeUblBatch } = (await import(pluginsBench('ubl-batch.ts'))) as {
    writeUblBatch(p: string, n: number): Promise<number>;
  };
  const entries = quick ? 10_000 : 100_000;
  const invoices = quick ? 1_000 : 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'hexiao-bench-import-'));
  try {
    const statement = join(dir, 'statement.xml');
    const ubl = join(dir, 'invoices.xml');
    const sizes = {
      statementMb: +((await writeCamt053(statement, entries)) / 1e6).toFixed(1),
      ublMb: +((await writeUblBatch(ubl, invoices)) / 1e6).toFixed(1),
    };
    const parse = {
      camt053: await parseOnly('camt053', statement),
      ubl: await parseOnly('ubl', ubl),
      peakRssMb: rss(),
    };
    const results: unknown[] = [];
    const lite = await createDb({ dataDir: join(dir, 'pglite') });
    await migrate(lite);
    results.push(await storeRun(lite, 'pglite', statement, entries, ubl, invoices));
    await lite.close();
    const url = databaseUrlFromEnv();
    if (url) {
      const pg = await createDb({ url });
      await migrate(pg);
      results.push(await storeRun(pg, 'postgres', statement, entries, ubl, invoices));
      await pg.close();
    }
    return {
      sizes,
      parse,
      store: results,
      targets: {
        storeLinesPerSecond: { postgres: 100_000, pglite: 50_000 },
        statement100kMs: { postgres: 4000, pglite: 6000 },
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
