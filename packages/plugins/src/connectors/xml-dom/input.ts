import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { ConnectorInput } from '@hexiao/plugins/sdk';

/** A ConnectorInput over bytes or a string (tests, generated benchmarks), delivered in chunks. */
export function bytesInput(name: string, data: Uint8Array | string, chunkSize = 64 * 1024): ConnectorInput {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return {
    name,
    size: bytes.byteLength,
    async *stream() {
      for (let i = 0; i < bytes.byteLength; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    },
  };
}

/** A ConnectorInput over a file on disk, streamed. */
export function fileInput(file: string): ConnectorInput {
  return {
    name: path.basename(file),
    size: statSync(file).size,
    stream: () => createReadStream(file) as AsyncIterable<Uint8Array>,
  };
}
