import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from '../command.ts';
import { openRuntime } from '../runtime.ts';
import { runAuditBench } from '../../bench/audit-append.ts';
import { runImportBench } from '../../bench/import.ts';
import { runAgingBench } from '../../bench/aging.ts';
import { runMatchBench } from '../../bench/match.ts';
import { runProvisionBench } from '../../bench/provision.ts';
import { runJobsBench } from '../../bench/jobs.ts';
import { runLedgerBench } from '../../bench/ledger.ts';
import { formatApiBench, runApiBench, type ApiBenchResult } from '../../bench/api.ts';
import { createDb } from '../../store/db.ts';
import { migrate } from '../../store/migrate.ts';
import { databaseUrlFromEnv } from '../../config/config.ts';

type Suite = (o: { quick: boolean; connections?: number; seconds?: number }) => Promise<unknown>;

const packageBench =
  (rel: string, fn: string, arg: (quick: boolean) => unknown): Suite =>
  async ({ quick }) => {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (!existsSync(path)) return { skipped: `${rel} does not exist yet` };
    const mod = (await import(path)) as Record<string, (a: unknown) => Promise<unknown>>;
    return mod[fn]!(arg(quick));
  };

/** Text rendering of a package benchmark's result by one of its exports (JSON for a skipped one). */
const packageFormat =
  (rel: string, fn: string) =>
  async (value: unknown): Promise<string> => {
    if (typeof value === 'object' && value !== null && 'skipped' in value) return JSON.stringify(value, null, 2);
    const mod = (await import(fileURLToPath(new URL(rel, import.meta.url)))) as Record<string, (v: unknown) => string>;
    return mod[fn]!(value);
  };

const dslBench = '../../../../dsl/bench/run.ts';

const suites: Record<string, Suite> = {
  import: ({ quick }) => runImportBench({ quick }),
  aging: ({ quick }) => runAgingBench({ quick }),
  match: ({ quick }) => runMatchBench({ quick }),
  provision: ({ quick }) => runProvisionBench({ quick }),
  jobs: ({ quick }) => runJobsBench({ quick }),
  ledger: ({ quick }) => runLedgerBench({ quick }),
  api: (o) => runApiBench(o),
  dsl: packageBench(dslBench, 'runDslBench', (quick) => ({
    records: quick ? 100_000 : 1_000_000,
  })),
  audit: async ({ quick }) => {
    const events = quick ? 20_000 : 100_000;
    const results = [];
    const mem = await createDb({});
    await migrate(mem);
    results.push(await runAuditBench(mem, Buffer.from('bench-key'), events));
    await mem.close();
    if (databaseUrlFromEnv()) {
      const rt = await openRuntime('bench');
      try {
        results.push(await runAuditBench(rt.database, rt.config.auditKey, events));
      } finally {
        await rt.close();
      }
    }
    return results;
  },
};

/** Suites printed as text without --json (the others print their JSON either way). */
const formats: Record<string, (value: unknown) => Promise<string>> = {
  dsl: packageFormat(dslBench, 'formatDslBench'),
  api: async (value) => formatApiBench(value as ApiBenchResult),
};

function positive(value: unknown, name: 'connections' | 'seconds') {
  if (value === undefined) return {};
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error(`--${name} must be a whole number from 1 to 10000`);
  return { [name]: n };
}

export const benchCommand: Command = {
  name: 'bench',
  summary: `Run benchmarks and print their figures: ${Object.keys(suites).join(', ')} (default: all)`,
  usage: 'hexiao bench [dsl|audit|…] [--quick] [--json] [--connections 50] [--seconds 30] (the last two: api)',
  options: { quick: { type: 'boolean' }, connections: { type: 'string' }, seconds: { type: 'string' } },
  async run(args, out) {
    const names = args.positionals.length ? args.positionals : Object.keys(suites);
    const results: Record<string, unknown> = {};
    for (const name of names) {
      const suite = suites[name];
      if (!suite) throw new Error(`unknown benchmark ${name}; choose from ${Object.keys(suites).join(', ')}`);
      out.info(`running ${name}…`);
      results[name] = await suite({
        quick: Boolean(args.values.quick),
        ...positive(args.values.connections, 'connections'),
        ...positive(args.values.seconds, 'seconds'),
      });
    }
    const texts: string[] = [];
    if (!out.json) {
      for (const name of names) {
        const format = formats[name];
        texts.push(format ? await format(results[name]) : JSON.stringify({ [name]: results[name] }, null, 2));
      }
    }
    out.result(results, () => texts.join('\n\n'));
    return 0;
  },
};
