import { matchAfterImport } from '../../domain/matching/index.ts';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from '../command.ts';
import { cliProgress } from '../progress.ts';
import { importDeps } from '../../startup/import-deps.ts';
import { cliContext, type Runtime } from '../runtime.ts';
import { openOrHandOff } from '../handoff.ts';
import { handOffImport } from '../handoff-work.ts';
import { loadPlugins } from '../../plugins/loader.ts';
import type { Connector } from '@hexiao/plugins/sdk';
import {
  importCurrencies,
  runImport,
  type ConnectorConfigDocument,
  type ImportReport,
  type RunImportInput,
} from '../../domain/imports/index.ts';
import type { ActionCtx } from '../../domain/context.ts';
import { newId } from '../../domain/ids.ts';
import { minorUnits } from '../../domain/money/index.ts';
import { createTenant, findTenant } from '../../domain/identity/index.ts';

/**
 * The tenant to import into. The configured default tenant is created when missing, so an empty data folder works:
 * its base currency is HEXIAO_BASE_CURRENCY, else the one currency every record of this import is in, else the
 * default (CNY). Returns the context and, when it created the tenant, a sentence saying how the currency was chosen.
 */
async function tenantFor(
  rt: Runtime,
  slug: string | undefined,
  connectors: ReadonlyMap<string, Connector<unknown>>,
  request: RunImportInput,
): Promise<{ ctx: ActionCtx; notice?: string }> {
  if (slug || (await findTenant(rt.database.db, rt.config.defaultTenant))) return { ctx: await cliContext(rt, slug) };
  let base = rt.config.baseCurrency;
  let why = 'from HEXIAO_BASE_CURRENCY';
  if (!base) {
    const found = await importCurrencies(
      { db: rt.database.db, connectors, maxExpandedBytes: rt.config.maxExpandedBytes },
      newId(),
      request,
    );
    const [only] = found;
    if (found.size === 1 && only && minorUnits(only) !== undefined)
      [base, why] = [only, `every record of the import is in ${only}`];
    else
      why = found.size
        ? `the default: the records are in ${[...found].join(', ')}…; set HEXIAO_BASE_CURRENCY to choose`
        : 'the default: no record names a currency';
  }
  const tenant = await createTenant(rt.deps, {
    slug: rt.config.defaultTenant,
    name: rt.config.defaultTenant,
    ...(base ? { baseCurrency: base } : {}),
  });
  const notice = `tenant ${tenant.slug} created with base currency ${tenant.baseCurrency} (${why})`;
  rt.logger.info({ tenant: tenant.slug, baseCurrency: tenant.baseCurrency }, notice);
  return { ctx: await cliContext(rt, slug), notice };
}

function human(r: ImportReport): string {
  const lines = [
    `${r.dryRun ? 'dry run: ' : ''}read ${r.read}, created ${r.created}, duplicates ${r.duplicates}, rejected ${r.rejected}` +
      (r.importId ? ` (import ${r.importId})` : ''),
    ...Object.entries(r.totals).map(
      ([cur, t]) =>
        `  ${cur}: read ${t.read.count} (credits ${t.read.credits}, debits ${t.read.debits}); created ${t.created.count} (credits ${t.created.credits}, debits ${t.created.debits})`,
    ),
    `  receipts posted ${r.receipts.posted} (unidentified ${r.receipts.unidentified}), not posted ${r.receipts.notPosted}, reversed ${r.receipts.reversed}; documents ${r.documents.created}`,
    ...r.rejections
      .slice(0, 20)
      .map(
        (x) =>
          `  rejected ${x.file} #${x.position.index}${x.position.line ? ` line ${x.position.line}` : ''}${x.position.xpath ? ` ${x.position.xpath}` : ''}: ${x.reason}`,
      ),
    ...r.warnings.slice(0, 20).map((w) => `  warning: ${w}`),
  ];
  if (r.matching) {
    const m = r.matching;
    lines.push(
      `${m.dryRun ? 'matching dry run' : 'matching run'} ${m.runId}: ${m.counts.auto} settled automatically, ` +
        `${m.counts.suggested} suggested, ${m.counts.unmatched} unmatched, ${m.counts.held} held (hexiao match shows why)`,
    );
  }
  return lines.join('\n');
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import files through a connector (bank statements, e-invoices, orders); prints the report',
  usage:
    'hexiao import <connector> <file...> [--config <key>[@version]] [--config-file f.json] [--dry-run] [--tenant slug] [--json]',
  options: {
    config: { type: 'string' },
    'config-file': { type: 'string' },
    'dry-run': { type: 'boolean' },
    tenant: { type: 'string' },
  },
  async run(args, out) {
    const [connector, ...files] = args.positionals;
    if (!connector || !files.length) throw new Error(`usage: ${this.usage}`);
    const dryRun = Boolean(args.values['dry-run']);
    const [configKey, version] = typeof args.values.config === 'string' ? args.values.config.split('@') : [];
    let inline: ConnectorConfigDocument | undefined;
    if (typeof args.values['config-file'] === 'string') {
      const doc = JSON.parse(readFileSync(args.values['config-file'], 'utf8')) as Partial<ConnectorConfigDocument>;
      inline =
        'config' in doc && 'connector' in doc
          ? (doc as ConnectorConfigDocument)
          : { connector, config: doc as Record<string, unknown> };
    }
    const request: RunImportInput = {
      connector,
      dryRun,
      allowDefaults: true,
      ...(configKey ? { configKey, ...(version ? { configVersion: Number(version) } : {}) } : {}),
      ...(inline ? { inline } : {}),
      files: files.map((f) => ({ name: basename(f), path: resolve(f) })),
    };
    const tenant = typeof args.values.tenant === 'string' ? args.values.tenant : undefined;
    const opened = await openOrHandOff('import', tenant);
    if (opened.target) {
      const reports = (await handOffImport(opened.target, {
        connector,
        files,
        dryRun,
        ...(configKey ? { configKey, ...(version ? { configVersion: Number(version) } : {}) } : {}),
        ...(inline ? { inline } : {}),
      })) as ImportReport[];
      out.result(reports.length === 1 ? reports[0] : reports, (r: ImportReport | ImportReport[]) =>
        (Array.isArray(r) ? r : [r]).map(human).join('\n\n'),
      );
      return reports.some((r) => r.read > 0 && r.rejected === r.read) ? 1 : 0;
    }
    const rt = opened.rt;
    try {
      const plugins = await loadPlugins({ folder: rt.config.pluginsDir, packages: rt.config.pluginPackages });
      for (const p of plugins.problems) rt.logger.warn({ plugin: p.name }, `plugin not loaded: ${p.reason}`);
      const { ctx, notice } = await tenantFor(rt, tenant, plugins.connectors, request);
      const progress = cliProgress('import');
      const report = await runImport(
        {
          ...rt.deps,
          ...importDeps(rt.config, rt.database.kind, plugins.connectors),
          onBatch: (staged) => void progress.report({ done: staged, phase: 'bank lines stored' }),
        },
        ctx,
        request,
      ).finally(() => progress.end());
      if (notice) report.warnings.unshift(notice);
      const matching = await matchAfterImport({ db: rt.deps.db, auditKey: rt.deps.auditKey }, ctx, report);
      if (matching) report.matching = matching;
      out.result(report, human);
      // exit 1 when nothing in the files could be read (every record read was rejected)
      return report.read > 0 && report.rejected === report.read ? 1 : 0;
    } finally {
      await rt.close();
    }
  },
};
