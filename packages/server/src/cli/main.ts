import { parseArgs } from 'node:util';
import type { Command } from './command.ts';
import { createOutput } from './output.ts';
import { serveCommand } from './commands/serve.ts';
import { migrateCommand } from './commands/migrate.ts';
import { seedCommand } from './commands/seed.ts';
import { auditCommand } from './commands/audit.ts';
import { benchCommand } from './commands/bench.ts';
import { conformanceCommand, pluginsCommand } from './commands/plugins.ts';
import { importCommand } from './commands/import.ts';
import { matchCommand } from './commands/match.ts';
import { agingCommand } from './commands/aging.ts';
import { remindCommand } from './commands/remind.ts';

export const commands: Command[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  auditCommand,
  benchCommand,
  pluginsCommand,
  conformanceCommand,
  importCommand,
  matchCommand,
  agingCommand,
  remindCommand,
];

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

function usage(): string {
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

/** Runs one CLI invocation; returns the exit code. Failures print one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  const json = rest.includes('--json');
  const out = createOutput(json);
  try {
    if (!command) throw new Error(`unknown command ${name}; run hexiao --help`);
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
    const message = (e as Error).message.split('\n')[0];
    process.stderr.write(`hexiao ${name}: ${message}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    return 1;
  }
}
