import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../store/db.ts';
import { describeFiles, manifestName, pack, type BackupManifest } from '../../store/backup/index.ts';
import { HexiaoError } from '../errors.ts';

export const databaseFile = 'database.tar.gz';
export const keyFile = 'secrets/audit.key';

/** The folders of an embedded data folder a backup carries beside the database. */
export const fileFolders = ['imports', 'attachments'] as const;

export interface BackupWritten {
  file: string;
  createdAt: string;
  files: number;
  bytes: number;
}

/**
 * Writes a backup of an embedded data folder to `file` (a new file, readable by its owner alone: it holds the
 * audit key): the database as PGlite dumps it after a checkpoint, the stored import files, the attachments and
 * the audit key, with a manifest of every file's size and sha-256. The caller holds the folder's lock, so
 * nothing writes while the copy is taken.
 */
export async function writeBackup(
  database: Database,
  o: { dataDir: string; auditKey: Buffer; file: string },
): Promise<BackupWritten> {
  if (database.kind !== 'pglite' || !database.dumpDataDir)
    throw new HexiaoError('not_allowed', 'a backup copies the embedded data folder; on PostgreSQL use pg_dump');
  closeSync(openSync(o.file, 'wx', 0o600));
  const staging = mkdtempSync(join(tmpdir(), 'hexiao-backup-'));
  try {
    await database.execScript('CHECKPOINT');
    const dump = await database.dumpDataDir();
    writeFileSync(join(staging, databaseFile), Buffer.from(await dump.arrayBuffer()));
    for (const folder of fileFolders) {
      const from = join(o.dataDir, folder);
      if (existsSync(from)) cpSync(from, join(staging, folder), { recursive: true });
    }
    mkdirSync(join(staging, 'secrets'), { mode: 0o700 });
    writeFileSync(join(staging, keyFile), o.auditKey, { mode: 0o600 });
    const manifest: BackupManifest = {
      format: 'hexiao-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      dataDir: o.dataDir,
      files: await describeFiles(staging),
    };
    writeFileSync(join(staging, manifestName), JSON.stringify(manifest, null, 2));
    await pack(staging, o.file);
    return {
      file: o.file,
      createdAt: manifest.createdAt,
      files: manifest.files.length,
      bytes: manifest.files.reduce((n, f) => n + f.bytes, 0),
    };
  } catch (e) {
    rmSync(o.file, { force: true });
    throw e;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
