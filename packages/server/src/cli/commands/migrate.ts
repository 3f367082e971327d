import type { Command } from '../command.ts';
import { openRuntime } from '../runtime.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply the committed SQL migrations (embedded data folder or DATABASE_URL)',
  usage: 'hexiao migrate [--json]',
  options: {},
  async run(_args, out) {
    const rt = await openRuntime('migrate');
    try {
      out.result(
        { database: rt.database.kind, applied: rt.migration.applied, alreadyApplied: rt.migration.alreadyApplied },
        (r) =>
          r.applied.length
            ? `applied ${r.applied.join(', ')} (${r.database})`
            : `up to date (${r.alreadyApplied} migrations, ${r.database})`,
      );
      return 0;
    } finally {
      await rt.close();
    }
  },
};
