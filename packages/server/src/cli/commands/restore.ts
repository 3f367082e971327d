import { resolve } from 'node:path';
import type { Command } from '../command.ts';
import { openRuntime } from '../runtime.ts';
import { loadConfig } from '../../config/config.ts';
import { placeBackup, recordRestore, type RestoredTenant } from '../../domain/backup/index.ts';

const line = (c: RestoredTenant) =>
  `  ${c.tenant}: anchor epoch ${c.epoch} recorded; audit chain ${c.auditOk ? `verified (${c.auditEntries} entries)` : 'BROKEN'}; books ${c.booksOk ? `check out (${c.documents} documents)` : 'do NOT check out'}${c.problems.length ? `\n    ${c.problems.join('\n    ')}` : ''}`;

export const restoreCommand: Command = {
  name: 'restore',
  summary:
    "Restore a backup from `hexiao backup` into an empty data folder, record the restore in each tenant's audit log (a new anchor epoch), then verify every audit chain and the books",
  usage: 'hexiao restore --from <file.tar.gz> [--reason "…"] [--json]   (into HEXIAO_DATA_DIR, which must be empty)',
  options: { from: { type: 'string' }, reason: { type: 'string' } },
  async run(args, out) {
    if (!args.values.from) throw new Error('usage: hexiao restore --from <file.tar.gz> [--reason "…"]');
    const file = resolve(String(args.values.from));
    // where to restore to, without the key an embedded folder would otherwise make for itself on first use
    const config = loadConfig(undefined, { auditKey: Buffer.alloc(0) });
    if (config.databaseUrl)
      throw new Error('hexiao restore fills an embedded data folder; on PostgreSQL use pg_restore (README, "Backups")');
    const { manifest, key } = await placeBackup(file, config.dataDir);
    const rt = await openRuntime('restore');
    try {
      if (!rt.config.auditKey.equals(key))
        throw new Error(
          'the audit key configured (HEXIAO_AUDIT_KEY or _FILE) is not the one in the backup: unset it to use the restored key, or the audit chains cannot verify',
        );
      const r = await recordRestore(rt.database.db, {
        auditKey: key,
        anchorFile: rt.config.auditAnchorFile,
        reason: String(args.values.reason ?? '').trim() || `restored from ${file} (backup of ${manifest.createdAt})`,
      });
      out.result(
        { dataDir: rt.config.dataDir, backupOf: manifest.createdAt, backupFrom: manifest.dataDir, ...r },
        (x) =>
          [
            `restored the backup of ${x.backupOf} (taken from ${x.backupFrom}) into ${x.dataDir}`,
            ...x.tenants.map(line),
          ].join('\n'),
      );
      return r.ok ? 0 : 2;
    } finally {
      await rt.close();
    }
  },
};
