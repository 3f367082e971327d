import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  accountKey,
  isInputError,
  isRejection,
  type Connector,
  type ParseOutput,
  type StatementRecord,
} from '@hexiao/plugins/sdk';
import type { Executor } from '../../store/db.ts';
import { createLineStage, importLineTotals, moveStagedLines, stageLines } from '../../store/repos/bank-lines.ts';
import type { Cell } from '../../store/repos/imports-bulk.ts';
import { insertImport, keepFile, linkDocuments, type ImportDocumentLink } from '../../store/repos/imports.ts';
import { refreshStatistics, type RowsWritten } from '../../store/repos/statistics.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { inBulk } from '../ledger/index.ts';
import { maxAmount, withinLimit } from '../money/index.ts';
import { newId } from '../ids.ts';
import { accountResolver, type AccountResolver } from './bank-accounts.ts';
import { importDocuments, type ReadDocument } from './documents.ts';
import { expandInputs, type ExpandedInput, type SourceFile } from './expand-input.ts';
import { postReceipts, postWaitingReceipts } from './receipts.ts';
import { importCustomers, type ReadCustomer } from './customers.ts';
import { importFxRates, type ReadRate } from './rates.ts';
import { importOpenInvoices, type ReadOpenInvoice } from './open-invoices.ts';
import { ReportTally, type ImportReport } from './report.ts';
import { resolveImportConfig, type ImportConfigRequest, type ResolvedImportConfig } from './resolve-config.ts';
import { lineRow } from './stage-lines.ts';
import { recordStatement } from './statements.ts';

/** Rows an import must create before it refreshes the planner's statistics (small loads leave them to autovacuum). */
const analyzeAfter = 1000;
/** What a load wrote, by kind, for deciding which tables' statistics it made stale. */
function rowsWritten(r: ImportReport): RowsWritten {
  const r0 = r.receipts;
  const customers = r.customers ? r.customers.created + r.customers.updated : 0;
  return {
    bankLines: Math.max(0, r.created - r.documents.created - customers - (r.fxRates?.created ?? 0)),
    documents: r.documents.created + r0.posted + (r0.postedLater ?? 0) + r0.reversed + (r0.feeAdjustments ?? 0),
    customers: r.documents.customersCreated + (r.customers?.created ?? 0),
    payerAccounts: r.customers?.bankAccountsActive ?? 0,
  };
}

export interface ImportDeps extends DomainDeps {
  connectors: ReadonlyMap<string, Connector<unknown>>;
  dbKind: 'pglite' | 'postgres';
  /** Kept files go here, named by sha-256; omitted = only their sha-256, size and name are recorded. */
  filesDir?: string;
  /** Cap on the bytes a .gz or .zip may expand to (the server config's HEXIAO_MAX_EXPANDED). */
  maxExpandedBytes: number;
  /** Bank lines stored per round trip (HEXIAO_IMPORT_BATCH). */
  batchLines: number;
  /** Called after each staged batch of bank lines (the CLI logs it; the kill-mid-import test waits for it). */
  onBatch?: (staged: number) => void;
}

export interface RunImportInput extends ImportConfigRequest {
  files: SourceFile[];
}

class DryRunDone extends Error {}

interface Parsed {
  statements: { record: StatementRecord; fileId: string; file: string }[];
  docs: ReadDocument[];
  customers: ReadCustomer[];
  rates: ReadRate[];
  openInvoices: ReadOpenInvoice[];
  digest: ReturnType<typeof createHash>;
}

/**
 * Streams the files through the connector. Bank lines go to the database in batches while parsing goes
 * on (COPY into the stage, then INSERT … ON CONFLICT DO NOTHING into bank_lines): at most one batch is
 * in flight, so on PostgreSQL the server stores while this process parses, and memory stays flat.
 */
async function parseAll(
  deps: ImportDeps,
  tx: Executor,
  cfg: ResolvedImportConfig,
  inputs: ExpandedInput[],
  fileIds: Map<string, string>,
  tally: ReportTally,
  importId: string,
  accounts: AccountResolver,
  tenantId: string,
): Promise<Parsed> {
  const p: Parsed = {
    statements: [],
    docs: [],
    customers: [],
    rates: [],
    openInvoices: [],
    digest: createHash('sha256'),
  };
  let batch: Cell[][] = [];
  let staged = 0;
  let inFlight: Promise<void> = Promise.resolve();
  // the store runs while the parser reads on: how long each step took, and how long the parser waited for it
  const spent = { copy: 0, move: 0, waited: 0 };
  const flush = async () => {
    const waitFrom = performance.now();
    await inFlight;
    spent.waited += performance.now() - waitFrom;
    const rows = batch;
    batch = [];
    if (!rows.length) return;
    inFlight = (async () => {
      const t0 = performance.now();
      await stageLines(tx, deps.dbKind, rows);
      const t1 = performance.now();
      await moveStagedLines(tx, tenantId, importId);
      spent.copy += t1 - t0;
      spent.move += performance.now() - t1;
      staged += rows.length;
      deps.onBatch?.(staged);
    })();
    inFlight.catch(() => {});
  };
  for (const { input, sha256 } of inputs) {
    const fileId = fileIds.get(sha256)!;
    const ctx = { config: cfg.config, warn: (m: string) => void tally.report.warnings.push(`${input.name}: ${m}`) };
    let last = -1;
    const outputs = cfg.connector.parse!(input, ctx)[Symbol.asyncIterator]();
    for (;;) {
      let step: IteratorResult<ParseOutput>;
      try {
        step = await outputs.next();
      } catch (e) {
        if (!isInputError(e)) throw connectorFailed(cfg.connector, input.name, e);
        // unreadable from here on (not XML, DOCTYPE, truncated…): what was complete is kept, the rest is one rejection
        tally.reject({
          file: input.name,
          position: { index: last + 1 },
          reason: `file unreadable from here: ${(e as Error).message}`,
        });
        break;
      }
      if (step.done) break;
      const out = step.value;
      if (isRejection(out)) {
        tally.reject({ file: input.name, ...out.rejected });
        last = Math.max(last, out.rejected.position.index);
        continue;
      }
      if (out.type === 'statement') {
        p.statements.push({ record: out, fileId, file: input.name });
        continue;
      }
      last = Math.max(last, out.position.index);
      p.digest.update(`${out.type}|${out.sourceKey}\n`);
      if (out.type === 'bank-line') {
        tally.read(out.currency, out.direction, out.amount);
        if (!withinLimit(out.amount)) {
          tally.refuseRead({
            file: input.name,
            position: out.position,
            reason: `amount ${out.amount} ${out.currency} is above the ledger's limit of ${maxAmount.toFixed()}`,
          });
          continue;
        }
        const key = accountKey(out.account);
        const bankAccountId = await accounts.resolve(key, out.account, out.currency);
        if (!bankAccountId) {
          tally.refuseRead({
            file: input.name,
            position: out.position,
            reason: `company bank account ${key} is unknown (${accounts.refused.get(key) ?? 'no currency to register it in'})`,
          });
          continue;
        }
        batch.push(lineRow(out, fileId, bankAccountId));
        if (batch.length >= deps.batchLines) await flush();
      } else if (out.type === 'customer') {
        tally.readRecord();
        p.customers.push({ record: out, fileId, file: input.name });
      } else if (out.type === 'fx-rate') {
        tally.readRecord();
        p.rates.push({ record: out, file: input.name });
      } else if (out.type === 'open-invoice') {
        tally.read(out.currency, 'debit', out.amount);
        p.openInvoices.push({ record: out, fileId, file: input.name });
      } else {
        tally.read(
          out.currency,
          out.type === 'invoice' && out.documentKind === 'credit-note' ? 'credit' : 'debit',
          out.type === 'order' ? out.totalAmount : out.totals.payable,
        );
        p.docs.push({ record: out, fileId, file: input.name });
      }
    }
  }
  await flush();
  await inFlight;
  if (spent.copy + spent.move > 0) {
    tally.report.timingsMs['lines-copy'] = Math.round(spent.copy);
    tally.report.timingsMs['lines-move'] = Math.round(spent.move);
    tally.report.timingsMs['lines-waited'] = Math.round(spent.waited);
  }
  return p;
}

async function keepFiles(
  deps: ImportDeps,
  tx: Executor,
  ctx: ActionCtx,
  inputs: ExpandedInput[],
  tally: ReportTally,
  dryRun: boolean,
) {
  const ids = new Map<string, string>();
  for (const { source, sha256, size } of inputs) {
    if (ids.has(sha256)) continue;
    let storedPath: string | null = null;
    if (deps.filesDir && !dryRun) {
      try {
        mkdirSync(deps.filesDir, { recursive: true });
        storedPath = join(deps.filesDir, sha256);
        if (!existsSync(storedPath)) copyFileSync(source.path, storedPath);
      } catch (e) {
        storedPath = null;
        tally.report.warnings.push(
          `${source.name}: the file could not be kept under ${deps.filesDir} (${(e as Error).message}); only its sha-256 is recorded`,
        );
      }
    }
    const id = await keepFile(tx, ctx.tenant.id, {
      id: newId(),
      sha256,
      size,
      name: source.name.slice(0, 255),
      storedPath,
    });
    ids.set(sha256, id);
    tally.report.files.push({ id: dryRun ? null : id, name: source.name, sha256, size });
  }
  return ids;
}

/**
 * A connector that throws anything but an input error has a bug: the import stops and writes nothing, and the
 * error names the connector and its version (the file is not blamed).
 */
function connectorFailed(connector: Connector<unknown>, file: string, e: unknown): HexiaoError {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new HexiaoError(
    'connector_failed',
    `connector ${connector.id} ${connector.version} failed reading ${file} (${what.slice(0, 300)}): a bug in the connector, not a problem with the file; nothing was imported`,
    { cause: e },
  );
}

/**
 * Runs one import as one transaction (its batch): keeps the files, parses them, stores statements and
 * bank lines (staged, then INSERT … ON CONFLICT DO NOTHING on their source keys), posts receipts and
 * documents for what is new, and stores the report. A dry run does all of it and rolls back.
 */
export async function runImport(deps: ImportDeps, ctx: ActionCtx, input: RunImportInput): Promise<ImportReport> {
  const cfg = await resolveImportConfig(deps.db, ctx.tenant.id, deps.connectors, input);
  const tally = new ReportTally({
    connector: { id: cfg.connector.id, version: cfg.connector.version },
    definitions: cfg.definition ? [{ kind: 'connector-config', ...cfg.definition }] : [],
    dryRun: input.dryRun,
  });
  const { inputs, cleanup } = await expandInputs(input.files, deps.maxExpandedBytes);
  try {
    let t = performance.now();
    const lap = (phase: string) => {
      const now = performance.now();
      tally.report.timingsMs[phase] = Math.round(now - t);
      t = now;
    };
    // a bulk run: the tenant's voucher counters and audit head are taken only in its last step
    await deps.db.transaction((tx) =>
      inBulk(tx, ctx, deps.auditKey, async (ctx) => {
        lap('begin');
        const importId = newId();
        const fileIds = await keepFiles(deps, tx, ctx, inputs, tally, input.dryRun);
        await createLineStage(tx);
        lap('keep-files');
        const accounts = accountResolver(deps, ctx, tx, cfg);
        const parsed = await parseAll(deps, tx, cfg, inputs, fileIds, tally, importId, accounts, ctx.tenant.id);
        lap('parse-and-store-lines');
        for (const key of accounts.registered)
          tally.report.warnings.push(`company bank account ${key} was unknown and has been registered`);
        for (const x of await importLineTotals(tx, ctx.tenant.id, importId))
          tally.created(x.currency, x.direction, x.n, x.total);
        lap('line-totals');
        for (const s of parsed.statements) {
          await accounts.resolve(
            accountKey(s.record.account),
            s.record.account,
            s.record.closingBalance?.currency ?? s.record.openingBalance?.currency ?? s.record.account.currency,
          );
          await recordStatement(tx, ctx.tenant.id, importId, s, accounts, tally);
        }
        await importCustomers(deps, ctx, tx, parsed.customers, tally);
        await importFxRates(deps, ctx, tx, parsed.rates, tally);
        lap('master-data');
        const links: ImportDocumentLink[] = [];
        if (cfg.options.receipts === 'post') {
          await postReceipts(deps, ctx, tx, importId, tally, links, cfg.mapping?.receipt);
          await postWaitingReceipts(deps, ctx, tx, importId, tally, links);
        }
        lap('receipts');
        await importDocuments(deps, ctx, tx, parsed.docs, cfg, tally, links);
        await importOpenInvoices(deps, ctx, tx, parsed.openInvoices, tally, links);
        lap('documents');
        await linkDocuments(tx, ctx.tenant.id, importId, links);
        const report = tally.finish();
        report.importId = input.dryRun ? null : importId;
        const match = cfg.options.match ?? 'none';
        if (!input.dryRun && match !== 'none' && report.receipts.posted > 0) report.matchRequested = match;
        await insertImport(tx, {
          tenantId: ctx.tenant.id,
          id: importId,
          connector: cfg.connector.id,
          connectorVersion: cfg.connector.version,
          configKey: cfg.definition?.key ?? null,
          configVersion: cfg.definition?.version ?? null,
          fileIds: [...new Set(fileIds.values())],
          status: 'done',
          report,
          createdBy: ctx.actor.name,
          startedAt: report.startedAt,
        });
        await recordAudit(tx, ctx, deps.auditKey, {
          action: 'import.run',
          entityType: 'import',
          entityId: importId,
          after: {
            connector: report.connector,
            files: report.files.map((f) => f.sha256),
            read: report.read,
            created: report.created,
            duplicates: report.duplicates,
            rejected: report.rejected,
            totals: report.totals,
          },
          definitions: report.definitions,
          batchSha256: parsed.digest.digest('hex'),
          recordCount: report.read,
        });
        lap('report');
        if (input.dryRun) throw new DryRunDone();
      }),
    );
    lap('commit');
    // a large load leaves the planner's statistics describing the tables as they were before it
    if (!input.dryRun && tally.report.created >= analyzeAfter) {
      await refreshStatistics(deps.db, rowsWritten(tally.report));
      lap('analyze');
    }
  } catch (e) {
    if (!(e instanceof DryRunDone)) throw e;
  } finally {
    cleanup();
  }
  return tally.report;
}
