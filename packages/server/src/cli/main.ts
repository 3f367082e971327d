import { parseArgs } from 'node:util';
import type { Command } from './command.ts';
import { createOutput } from './output.ts';

// Each command is imported only when it runs: `hexiao migrate` need not load the HTTP API (seconds under tsx).
const loaders: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  migrate: async () => (await import('./commands/migrate.ts')).migrateCommand,
  seed: async () => (await import('./commands/seed.ts')).seedCommand,
  audit: async () => (await import('./commands/audit.ts')).auditCommand,
  bench: async () => (await import('./commands/bench.ts')).benchCommand,
  plugins: async () => (await import('./commands/plugins.ts')).pluginsCommand,
  conformance: async () => (await import('./commands/plugins.ts')).conformanceCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
  match: async () => (await import('./commands/match.ts')).matchCommand,
  worker: async () => (await import('./commands/worker.ts')).workerCommand,
  aging: async () => (await import('./commands/aging.ts')).agingCommand,
  remind: async () => (await import('./commands/remind.ts')).remindCommand,
  backup: async () => (await import('./commands/backup.ts')).backupCommand,
  restore: async () => (await import('./commands/restore.ts')).restoreCommand,
};

const commandNames = Object.keys(loaders);

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

async function usage(): Promise<string> {
  const commands = await Promise.all(commandNames.map((n) => loaders[n]!()));
  return [
    'hexiao — accounts receivable, low-code',
    '',
    'usage: hexiao <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`),
    '',
    'Every command takes --help and --json (one JSON document on stdout; logs go to stderr).',
    'HEXIAO_DATA_DIR picks the embedded database folder (default ./.hexiao); DATABASE_URL a PostgreSQL server instead.',
  ].join('\n');
}

/**
 * A failure in one readable line: a failed query names the database's reason rather than the statement (which
 * can be megabytes), and nothing is longer than a screen line or two.
 */
function oneLine(e: Error): string {
  const cause = e.cause instanceof Error ? e.cause.message : undefined;
  const first = e.message.startsWith('Failed query:') && cause ? `a query failed: ${cause}` : e.message;
  const line = first.split('\n')[0]!;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** Runs one CLI invocation; returns the exit code. Failures print one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${await usage()}\n`);
    return name ? 0 : 1;
  }
  const json = rest.includes('--json');
  const out = createOutput(json);
  try {
    const load = Object.hasOwn(loaders, name) ? loaders[name] : undefined;
    if (!load) throw new Error(`unknown command ${name}; run hexiao --help`);
    const command = await load();
    const args = parseArgs({
      args: rest,
      options: { ...common, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (args.values.help) {
      process.stdout.write(`${command.summary}\n\nusage: ${command.usage}\n`);
      return 0;
    }
    return await command.run(args, out);
  } catch (e) {
    const message = oneLine(e as Error);
    process.stderr.write(`hexiao ${name}: ${message}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    return 1;
  }
}
