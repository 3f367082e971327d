import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ConnectorInput } from './define-connector.ts';

/** A ConnectorInput over a file on disk, streamed in chunks (64 KiB) each time `stream()` is called. */
export function fromFile(path: string, options: { name?: string; chunkSize?: number } = {}): ConnectorInput {
  const size = statSync(path).size;
  return {
    name: options.name ?? basename(path),
    size,
    async *stream() {
      const rs = createReadStream(path, { highWaterMark: options.chunkSize ?? 64 * 1024 });
      for await (const chunk of rs) yield chunk as Uint8Array;
    },
  };
}

/** A ConnectorInput over bytes (or a string, UTF-8 encoded) in memory; `chunkSize` splits it for tests. */
export function fromBuffer(
  name: string,
  bytes: Uint8Array | string,
  options: { chunkSize?: number } = {},
): ConnectorInput {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const chunkSize = options.chunkSize ?? 64 * 1024;
  return {
    name,
    size: data.byteLength,
    async *stream() {
      for (let i = 0; i < data.byteLength; i += chunkSize) yield data.subarray(i, i + chunkSize);
    },
  };
}

/** A ConnectorInput over a generator of chunks (e.g. a generated benchmark file). */
export function fromChunks(name: string, size: number, chunks: () => AsyncIterable<Uint8Array>): ConnectorInput {
  return { name, size, stream: chunks };
}
