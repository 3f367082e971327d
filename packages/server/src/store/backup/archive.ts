import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as tar from 'tar';

/** What a backup holds: every file with its size and sha-256, checked on restore. */
export interface BackupManifest {
  format: 'hexiao-backup';
  version: 1;
  createdAt: string;
  /** The data folder it was taken from (stored files' rows name paths in it). */
  dataDir: string;
  files: { path: string; bytes: number; sha256: string }[];
}

export const manifestName = 'manifest.json';

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => hash.update(d))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** Every file under `dir`, as paths relative to it with '/' separators, sorted. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export async function describeFiles(dir: string): Promise<BackupManifest['files']> {
  const files = [];
  for (const path of filesUnder(dir).filter((p) => p !== manifestName))
    files.push({ path, bytes: statSync(join(dir, path)).size, sha256: await sha256Of(join(dir, path)) });
  return files;
}

/** Packs the staging folder (manifest first) into a gzip'd tar file. */
export async function pack(dir: string, file: string): Promise<void> {
  await tar.create({ gzip: true, file, cwd: dir, portable: true }, [
    manifestName,
    ...filesUnder(dir).filter((p) => p !== manifestName),
  ]);
}

/**
 * Unpacks a backup into an empty folder and checks it: the manifest must be one this version reads, and every
 * file it names must be there with its size and sha-256 (a truncated or altered backup is refused).
 */
export async function unpack(file: string, dir: string): Promise<BackupManifest> {
  mkdirSync(dir, { recursive: true });
  // absolute paths and '..' are refused by tar's defaults (strict: any other oddity throws)
  await tar.extract({ file, cwd: dir, strict: true });
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await import('node:fs/promises').then((f) => f.readFile(join(dir, manifestName), 'utf8')));
  } catch {
    throw new Error(`${file} is not a hexiao backup: it has no readable ${manifestName}`);
  }
  if (manifest.format !== 'hexiao-backup' || manifest.version !== 1)
    throw new Error(
      `${file} is not a hexiao backup this version reads (format ${manifest.format}, version ${manifest.version})`,
    );
  for (const f of manifest.files) {
    const path = join(dir, f.path);
    if (!existsSync(path)) throw new Error(`the backup is incomplete: ${f.path} is missing`);
    if (statSync(path).size !== f.bytes || (await sha256Of(path)) !== f.sha256)
      throw new Error(`the backup is damaged: ${f.path} does not match its checksum`);
  }
  const extra = filesUnder(dir).filter((p) => p !== manifestName && !manifest.files.some((f) => f.path === p));
  if (extra.length)
    throw new Error(`the backup holds files its manifest does not name: ${extra.slice(0, 3).join(', ')}`);
  return manifest;
}
