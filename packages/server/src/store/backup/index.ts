export { describeFiles, pack, unpack, manifestName, type BackupManifest } from './archive.ts';
