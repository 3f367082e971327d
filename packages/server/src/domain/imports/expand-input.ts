import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
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
 * Turns the given files into connector inputs: plain files as they are, `.gz` and `.zip` expanded into a
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
  try {
    const inputs: ExpandedInput[] = [];
    for (const source of files) {
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
    throw new HexiaoError('invalid_data', `the compressed upload cannot be read: ${(e as Error).message}`, {
      pointer: '/file',
      cause: e,
    });
  }
}
