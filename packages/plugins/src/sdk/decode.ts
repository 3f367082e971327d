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

/**
 * UTF-16 without a byte-order mark: text whose characters are mostly ASCII has a zero byte in every other
 * position (after each character in little-endian, before it in big-endian). UTF-8 text has no zero bytes.
 */
export function sniffUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(head.byteLength, 64) >> 1;
  if (pairs < 2) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < pairs; i++) {
    const a = head[2 * i]!;
    const b = head[2 * i + 1]!;
    if (a !== 0 && b === 0) le++;
    else if (a === 0 && b !== 0) be++;
  }
  if (le * 4 >= pairs * 3) return 'utf-16le';
  if (be * 4 >= pairs * 3) return 'utf-16be';
  return undefined;
}

/** The encoding to decode with: a BOM wins; 'auto' also recognises UTF-16 without a BOM. */
function chooseEncoding(head: Uint8Array, encoding: string): { encoding: string; skip: number } {
  const bom = sniffBom(head);
  if (bom) return { encoding: bom.encoding, skip: bom.length };
  if (encoding.trim().toLowerCase() === 'auto') return { encoding: sniffUtf16(head) ?? 'utf-8', skip: 0 };
  return { encoding, skip: 0 };
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

/** Bytes looked at before choosing the decoder. */
const sniffLength = 16;

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
 * dropped; 'auto' is UTF-8, or UTF-16 when the first bytes are UTF-16 without a BOM; GBK, GB18030, cp1252 and other single/multi-byte encodings go through iconv-lite, and a
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
      // Need a few bytes to sniff a BOM (or UTF-16 without one); keep very short first chunks until then.
      if (pending) {
        const joined = new Uint8Array(pending.byteLength + chunk.byteLength);
        joined.set(pending);
        joined.set(chunk, pending.byteLength);
        chunk = joined;
        pending = undefined;
      }
      if (chunk.byteLength < sniffLength) {
        pending = chunk;
        continue;
      }
      const chosen = chooseEncoding(chunk, encoding);
      decoder = decoderFor(chosen.encoding);
      chunk = chunk.subarray(chosen.skip);
    }
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  if (!decoder) {
    const chosen = chooseEncoding(pending ?? new Uint8Array(0), encoding);
    decoder = decoderFor(chosen.encoding);
    if (pending) {
      const text = decoder.write(pending.subarray(chosen.skip));
      if (text) yield text;
    }
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/** Decodes a whole small byte array (a header, a sample) with the same rules as decodeStream. */
export function decodeBytes(bytes: Uint8Array, encoding: TextEncoding = 'auto'): string {
  const chosen = chooseEncoding(bytes, encoding);
  const d = decoderFor(chosen.encoding);
  return d.write(bytes.subarray(chosen.skip)) + d.end();
}
