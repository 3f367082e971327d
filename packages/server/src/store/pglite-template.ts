import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const pgliteVersion = (require('../../package.json') as { dependencies: Record<string, string> }).dependencies[
  '@electric-sql/pglite'
]!;

/**
 * PGlite's initdb costs 6-7 s; loading a dump of a fresh cluster costs about 1 s. A fresh, unmigrated
 * cluster is cached per PGlite version in the temp folder and used to create new data folders.
 */
const cacheFile = (dir = join(tmpdir(), 'hexiao-pglite-cache')) => join(dir, `initdb-${pgliteVersion}.tar.gz`);

export const isNewDataDir = (dir: string) =>
  !existsSync(join(dir, 'PG_VERSION')) && (!existsSync(dir) || readdirSync(dir).length === 0);

export function cachedInitdb(cacheDir?: string): Blob | undefined {
  const file = cacheFile(cacheDir);
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

export async function storeInitdb(dump: Blob, cacheDir?: string): Promise<void> {
  const file = cacheFile(cacheDir);
  mkdirSync(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, file); // atomic: concurrent writers never leave a half file
}
