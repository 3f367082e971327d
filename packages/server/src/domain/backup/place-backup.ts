import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../../store/db.ts';
import { unpack, type BackupManifest } from '../../store/backup/index.ts';
import { HexiaoError } from '../errors.ts';
import { databaseFile, fileFolders, keyFile } from './write-backup.ts';

/**
 * Unpacks a backup (every file checked against its manifest) into `target`, which must be empty or absent:
 * the embedded database, the stored files and the audit key. Returns the manifest and the key.
 */
export async function placeBackup(file: string, target: string): Promise<{ manifest: BackupManifest; key: Buffer }> {
  if (existsSync(target) && readdirSync(target).length)
    throw new HexiaoError('conflict', `${target} is not empty: restore into a new data folder`, {
      pointer: '/dataDir',
    });
  const staging = mkdtempSync(join(tmpdir(), 'hexiao-restore-'));
  try {
    const manifest = await unpack(file, staging);
    mkdirSync(target, { recursive: true, mode: 0o700 });
    const loaded = await createDb({
      dataDir: join(target, 'db'),
      loadDataDir: new Blob([readFileSync(join(staging, databaseFile))]),
    });
    await loaded.close();
    for (const folder of fileFolders)
      if (existsSync(join(staging, folder))) cpSync(join(staging, folder), join(target, folder), { recursive: true });
    cpSync(join(staging, 'secrets'), join(target, 'secrets'), { recursive: true });
    return { manifest, key: readFileSync(join(staging, keyFile)) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
