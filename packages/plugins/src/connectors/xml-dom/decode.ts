import iconv from 'iconv-lite';
import { XmlInputError } from './errors.ts';

export interface TextDecoderLike {
  write(chunk: Uint8Array): string;
  end(): string;
}

const latin1 = new TextDecoder('latin1');

/** Picks the decoder from the BOM or the XML declaration of the first chunk (UTF-8 when neither says). */
export function xmlDecoderFor(head: Uint8Array): TextDecoderLike {
  let encoding = 'utf-8';
  if (head[0] === 0xfe && head[1] === 0xff) encoding = 'utf-16be';
  else if (head[0] === 0xff && head[1] === 0xfe) encoding = 'utf-16le';
  else if (!(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)) {
    const start = latin1.decode(head.subarray(0, 512));
    const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(start)?.[1];
    if (declared) encoding = declared.toLowerCase();
  }
  if (!iconv.encodingExists(encoding)) throw new XmlInputError(`unsupported XML encoding "${encoding}"`);
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  return {
    write: (chunk) => decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
    end: () => decoder.end() ?? '',
  };
}
