import { resolve } from 'node:path';
import type { Command } from '../command.ts';
import { openRuntime } from '../runtime.ts';
import { loadConfig } from '../../config/config.ts';
import { writeBackup } from '../../domain/backup/index.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary:
    'Write a consistent backup of the embedded data folder (database, stored import files, attachments, audit key) to one new file; on PostgreSQL use pg_dump (README)',
  usage: 'hexiao backup --out <file.tar.gz> [--json]',
  options: { out: { type: 'string' } },
  async run(args, out) {
    if (!args.values.out) throw new Error('usage: hexiao backup --out <file.tar.gz>');
    if (loadConfig().databaseUrl)
      throw new Error(
        'hexiao backup copies the embedded data folder; on PostgreSQL use pg_dump --format=custom (README, "Backups")',
      );
    // the folder lock: no server or other command writes while the copy is taken
    const rt = await openRuntime('backup');
    try {
      const r = await writeBackup(rt.database, {
        dataDir: rt.config.dataDir,
        auditKey: rt.config.auditKey,
        file: resolve(String(args.values.out)),
      });
      out.result(r, (x) =>
        [
          `backup written to ${x.file}: ${x.files} files, ${(x.bytes / 1e6).toFixed(1)} MB before compression`,
          '  it holds the audit key: keep it as safe as the data; restore with `hexiao restore --from <file>`',
        ].join('\n'),
      );
      return 0;
    } finally {
      await rt.close();
    }
  },
};
