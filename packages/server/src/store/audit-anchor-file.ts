import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The audit anchor log is a plain append-only file outside the database: one JSON line per anchor. Whoever can
 * rewrite the database cannot rewrite it, which is the whole point.
 */
export async function appendAnchorLines(file: string, lines: readonly string[]): Promise<void> {
  if (!lines.length) return;
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
}

/** Every line of the anchor log; none when the file does not exist yet. */
export async function readAnchorLines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
