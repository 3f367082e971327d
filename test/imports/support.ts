import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlugins } from '../../packages/server/src/plugins/loader.ts';
import { defaults } from '../../packages/server/src/config/config.ts';
import { testDatabase, testDbKind } from '../support/test-db.ts';
import { createTestTenant, systemCtx, testAuditKey, testKinds } from '../support/factories.ts';
import { runImport, type ImportDeps, type RunImportInput } from '../../packages/server/src/domain/imports/index.ts';
import { recordFxRates } from '../../packages/server/src/domain/fx/index.ts';
import type { ActionCtx } from '../../packages/server/src/domain/context.ts';
import { camt053, type GenEntry } from './generated.ts';
import type { DefinitionsDeps } from '../../packages/server/src/domain/definitions/index.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export { sample } from '../support/samples.ts';

export const connectors = (await loadPlugins()).connectors;

export async function importDeps(o: Partial<ImportDeps> = {}): Promise<ImportDeps & DefinitionsDeps> {
  const database = await testDatabase();
  return {
    db: database.db,
    auditKey: testAuditKey,
    kinds: testKinds,
    connectors,
    dbKind: testDbKind(),
    maxExpandedBytes: defaults.expansionFactor * defaults.maxUploadBytes,
    batchLines: defaults.importBatchLines,
    ...o,
  };
}

const currencies = ['CHF', 'SEK', 'USD', 'CAD', 'GBP', 'NOK', 'DKK', 'CNY', 'JPY', 'PLN'];

/** A tenant with EUR as base currency and a rate for the other currencies the samples use, so receipts post. */
export async function importTenant(): Promise<ActionCtx> {
  const database = await testDatabase();
  const ctx = systemCtx(await createTestTenant(database, { baseCurrency: 'EUR' }));
  await recordFxRates(
    { db: database.db, auditKey: testAuditKey },
    ctx,
    currencies.map((c) => ({ rateDate: '1990-01-01', fromCurrency: c, toCurrency: 'EUR', rate: '0.5' })),
  );
  return ctx;
}

export async function importFiles(
  ctx: ActionCtx,
  connector: string,
  paths: string[],
  o: Partial<RunImportInput> = {},
  deps: Partial<ImportDeps> = {},
) {
  return runImport(await importDeps(deps), ctx, {
    connector,
    dryRun: false,
    allowDefaults: true,
    files: paths.map((p) => ({ name: basename(p), path: p })),
    ...o,
  });
}

/** Imports a generated camt.053 statement (EUR, company account CH93…) as the given actor. */
export async function importCamt(ctx: ActionCtx, id: string, entries: GenEntry[], deps: Partial<ImportDeps> = {}) {
  const path = join(mkdtempSync(join(tmpdir(), 'hexiao-camt-')), `${id}.xml`);
  writeFileSync(
    path,
    camt053({
      iban: 'CH9300762011623852957',
      id,
      opening: '0',
      closing: '0',
      from: '2024-06-01',
      to: '2024-06-30',
      entries,
    }),
  );
  return importFiles(ctx, 'camt053', [path], {}, deps);
}
