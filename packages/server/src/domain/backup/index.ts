export { writeBackup, type BackupWritten } from './write-backup.ts';
export { placeBackup } from './place-backup.ts';
export { recordRestore, type RestoredTenant } from './check-restore.ts';
export type { BackupManifest } from '../../store/backup/index.ts';
