import { readFileSync } from 'node:fs';
import { runConnectorConformance, formatConformanceProblems } from '@hexiao/plugins';
import type { Command } from '../command.ts';
import { pluginSettings } from '../../config/config.ts';
import { loadPlugins } from '../../plugins/loader.ts';

async function plugins() {
  const config = pluginSettings();
  return loadPlugins({ folder: config.pluginsDir, packages: config.pluginPackages });
}

export const pluginsCommand: Command = {
  name: 'plugins',
  summary:
    'List the connectors (built-in and from HEXIAO_PLUGINS_DIR / HEXIAO_PLUGINS) and the plugins that failed to load',
  usage: 'hexiao plugins [--json]',
  options: {},
  async run(_args, out) {
    const { connectors, origins, problems } = await plugins();
    const list = [...connectors.values()].map((c) => ({
      id: c.id,
      kind: c.kind,
      version: c.version,
      title: c.title ?? null,
      origin: origins.get(c.id),
    }));
    out.result({ connectors: list, problems }, (r) =>
      [
        ...r.connectors.map(
          (c: { id: string; kind: string; version: string; origin: string }) =>
            `${c.id.padEnd(14)} ${c.kind.padEnd(12)} ${c.version.padEnd(8)} ${c.origin}`,
        ),
        ...r.problems.map((p: { name: string; reason: string }) => `failed to load ${p.name}: ${p.reason}`),
      ].join('\n'),
    );
    return 0;
  },
};

export const conformanceCommand: Command = {
  name: 'conformance',
  summary: 'Run the connector conformance kit over sample files: schemas, exact decimals, determinism, completeness',
  usage: 'hexiao conformance <connector-id> <file-or-folder...> [--config config.json] [--json]',
  options: { config: { type: 'string' } },
  async run(args, out) {
    const [id, ...samples] = args.positionals;
    if (!id || !samples.length) throw new Error('usage: hexiao conformance <connector-id> <file-or-folder...>');
    const { connectors } = await plugins();
    const connector = connectors.get(id);
    if (!connector) throw new Error(`unknown connector ${id}; run hexiao plugins`);
    const config = args.values.config ? JSON.parse(readFileSync(String(args.values.config), 'utf8')) : undefined;
    const report = await runConnectorConformance({
      connector,
      samples: samples.length === 1 ? samples[0]! : samples,
      ...(config ? { config } : {}),
    });
    out.result(report, (r) =>
      r.ok
        ? `${id}: conformant on ${r.files.length} file(s)`
        : `${id}: NOT conformant\n${formatConformanceProblems(r)}`,
    );
    return report.ok ? 0 : 2;
  },
};
