import iconv from 'iconv-lite';
import { InputError } from './input-error.ts';

/**
 * Encodings a connector may ask for. Any label iconv-lite knows works too ('windows-1250', 'latin2'…);
 * 'auto' sniffs a BOM and otherwise decodes UTF-8.
 */
export type TextEncoding =
  'auto' | 'utf-8' | 'utf8' | 'gbk' | 'gb18030' | 'cp1252' | 'windows-1252' | 'latin1' | (string & {});

/** Looks at the first bytes for a byte-order mark. */
export function sniffBom(
  head: Uint8Array,
): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

export class EncodingError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'EncodingError';
  }
}

function normalise(encoding: string): string {
  const e = encoding.trim().toLowerCase();
  if (e === 'utf8' || e === 'auto') return 'utf-8';
  if (e === 'cp1252') return 'windows-1252';
  return e;
}

/** True when iconv-lite (or the built-in UTF-8 decoder) can decode this label. */
export function isKnownEncoding(encoding: string): boolean {
  const e = normalise(encoding);
  return e === 'utf-8' || iconv.encodingExists(e);
}

interface ChunkDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

function decoderFor(encoding: string): ChunkDecoder {
  const e = normalise(encoding);
  if (e === 'utf-8' || e === 'utf-16le' || e === 'utf-16be') {
    const td = new TextDecoder(e, { ignoreBOM: true });
    return { write: (c) => td.decode(c, { stream: true }), end: () => td.decode() };
  }
  if (!iconv.encodingExists(e)) throw new EncodingError(`unknown text encoding "${encoding}"`);
  const d = iconv.getDecoder(e, { stripBOM: false });
  return { write: (c) => d.write(Buffer.from(c.buffer, c.byteOffset, c.byteLength)), end: () => d.end() ?? '' };
}

/**
 * Decodes a byte stream into text chunks. A BOM (UTF-8, UTF-16) always wins over `encoding` and is
 * dropped; GBK, GB18030, cp1252 and other single/multi-byte encodings go through iconv-lite, and a
 * character split across two chunks is decoded correctly.
 */
export async function* decodeStream(
  stream: AsyncIterable<Uint8Array>,
  encoding: TextEncoding = 'auto',
): AsyncGenerator<string> {
  let decoder: ChunkDecoder | undefined;
  let pending: Uint8Array | undefined;
  for await (const raw of stream) {
    let chunk = raw;
    if (!decoder) {
      // Need three bytes to sniff a BOM; keep very short first chunks until then.
      if (pending) {
        const joined = new Uint8Array(pending.byteLength + chunk.byteLength);
        joined.set(pending);
        joined.set(chunk, pending.byteLength);
        chunk = joined;
        pending = undefined;
      }
      if (chunk.byteLength < 3) {
        pending = chunk;
        continue;
      }
      const bom = sniffBom(chunk);
      decoder = decoderFor(bom?.encoding ?? encoding);
      if (bom) chunk = chunk.subarray(bom.length);
    }
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  if (!decoder) {
    const bom = pending ? sniffBom(pending) : undefined;
    decoder = decoderFor(bom?.encoding ?? encoding);
    if (pending) {
      const text = decoder.write(bom ? pending.subarray(bom.length) : pending);
      if (text) yield text;
    }
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/** Decodes a whole small byte array (a header, a sample) with the same rules as decodeStream. */
export function decodeBytes(bytes: Uint8Array, encoding: TextEncoding = 'auto'): string {
  const bom = sniffBom(bytes);
  const d = decoderFor(bom?.encoding ?? encoding);
  return d.write(bom ? bytes.subarray(bom.length) : bytes) + d.end();
}
