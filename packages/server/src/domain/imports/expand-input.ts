import { createHash } from 'node:crypto';
import { accessSync, constants, createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import yauzl from 'yauzl';
import { fromFile, type ConnectorInput } from '@hexiao/plugins/sdk';
import { HexiaoError } from '../errors.ts';

export interface SourceFile {
  /** The name as uploaded or given on the command line. */
  name: string;
  path: string;
}

export interface ExpandedInput {
  input: ConnectorInput;
  /** The kept (original) file this input came from. */
  source: SourceFile;
  sha256: string;
  size: number;
}

const tooBig = (name: string, cap: number) =>
  new HexiaoError(
    'limit_exceeded',
    `${name} expands beyond the ${Math.round(cap / 1e6)} MB expansion cap (a compression bomb?)`,
    { pointer: '/file' },
  );

/** Counts bytes through a stream and fails once more than `cap` passed. */
function capped(name: string, cap: number, counter: { n: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      counter.n += chunk.length;
      if (counter.n > cap) done(tooBig(name, cap));
      else done(null, chunk);
    },
  });
}

export async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    h.update(chunk);
    size += chunk.length;
  }
  return { sha256: h.digest('hex'), size };
}

/** Refuses, naming the file, one that does not exist, is a folder, cannot be read or is empty. */
function checkReadable(source: SourceFile): void {
  const refuse = (why: string) =>
    new HexiaoError('invalid_data', `${source.name}: ${why}; nothing was imported`, { pointer: '/file' });
  let size: number;
  try {
    const st = statSync(source.path);
    if (st.isDirectory()) throw refuse('is a folder, not a file (give the files in it)');
    if (!st.isFile()) throw refuse('is not a regular file');
    size = st.size;
    accessSync(source.path, constants.R_OK);
  } catch (e) {
    if (e instanceof HexiaoError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw refuse(`the file does not exist (${source.path})`);
    if (code === 'EACCES' || code === 'EPERM') throw refuse('the file cannot be read (permission denied)');
    throw refuse(`the file cannot be read (${(e as Error).message})`);
  }
  if (size === 0) throw refuse('the file is empty (0 bytes)');
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (e, z) => (e ? reject(e) : resolve(z!))),
  );
}

async function unzipTo(source: SourceFile, dir: string, cap: number): Promise<{ name: string; path: string }[]> {
  const zip = await openZip(source.path);
  const out: { name: string; path: string }[] = [];
  const counter = { n: 0 };
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      if (counter.n + entry.uncompressedSize > cap) return reject(tooBig(source.name, cap));
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const name = basename(entry.fileName);
        const path = join(dir, `${out.length}-${name.replace(/[^\w.-]/g, '_')}`);
        pipeline(stream as Readable, capped(source.name, cap, counter), createWriteStream(path))
          .then(() => {
            out.push({ name, path });
            zip.readEntry();
          })
          .catch(reject);
      });
    });
    zip.readEntry();
  });
  return out;
}

/**
 * Turns the given files into connector inputs (each checked first: it exists, is a readable file, is not empty): plain files as they are, `.gz` and `.zip` expanded into a
 * temporary folder under a byte cap (refused with limit_exceeded beyond it). `cleanup()` removes the folder.
 */
export async function expandInputs(
  files: SourceFile[],
  maxExpandedBytes: number,
): Promise<{ inputs: ExpandedInput[]; cleanup(): void }> {
  let dir: string | undefined;
  const tmp = () => (dir ??= mkdtempSync(join(tmpdir(), 'hexiao-import-')));
  const cleanup = () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  let current: SourceFile | undefined;
  try {
    const inputs: ExpandedInput[] = [];
    for (const source of files) checkReadable(source);
    for (const source of files) {
      current = source;
      const { sha256, size } = await sha256File(source.path);
      const lower = source.name.toLowerCase();
      if (lower.endsWith('.gz')) {
        const name = source.name.slice(0, -3);
        const path = join(tmp(), `${inputs.length}-${basename(name).replace(/[^\w.-]/g, '_')}`);
        await pipeline(
          createReadStream(source.path),
          createGunzip(),
          capped(source.name, maxExpandedBytes, { n: 0 }),
          createWriteStream(path),
        );
        inputs.push({ input: fromFile(path, { name }), source, sha256, size });
      } else if (lower.endsWith('.zip')) {
        for (const entry of await unzipTo(source, tmp(), maxExpandedBytes))
          inputs.push({ input: fromFile(entry.path, { name: entry.name }), source, sha256, size });
      } else inputs.push({ input: fromFile(source.path, { name: source.name }), source, sha256, size });
    }
    return { inputs, cleanup };
  } catch (e) {
    cleanup();
    if (e instanceof HexiaoError) throw e;
    const name = current?.name ?? 'the upload';
    const what = /\.(gz|zip)$/i.test(name) ? 'is not a readable .gz or .zip file' : 'cannot be read';
    throw new HexiaoError('invalid_data', `${name}: ${what} (${(e as Error).message}); nothing was imported`, {
      pointer: '/file',
      cause: e,
    });
  }
}
