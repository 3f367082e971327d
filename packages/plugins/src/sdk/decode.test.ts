import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeStream, decodeBytes } from './decode.ts';
import { fromBuffer } from './input.ts';
import { readLines } from './lines.ts';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const decodeAll = async (bytes: Uint8Array, enc: string, chunkSize: number) =>
  (await collect(decodeStream(fromBuffer('x', bytes, { chunkSize }).stream(), enc))).join('');

describe('decodeStream', () => {
  it("'auto' reads UTF-16 without a byte-order mark, split anywhere; an explicit encoding does not guess", async () => {
    const t = ':20:STMT1\r\n:86:Überweisung 核销\r\n';
    for (const enc of ['utf16le', 'utf16be'] as const) {
      const bytes =
        enc === 'utf16le'
          ? new Uint8Array(Buffer.from(t, 'utf16le'))
          : new Uint8Array(Buffer.from(t, 'utf16le').swap16());
      for (const size of [1, 3, 16, 64]) expect(await decodeAll(bytes, 'auto', size)).toBe(t);
      expect(decodeBytes(bytes)).toBe(t);
    }
    const le = new Uint8Array(Buffer.from(t, 'utf16le'));
    expect(await decodeAll(le, 'utf-8', 8)).not.toBe(t);
    expect(await decodeAll(new TextEncoder().encode(t), 'auto', 2)).toBe(t);
  });
  const text = '核销 应收账款 GB18030 收款单 ✓';
  it('decodes GBK and GB18030 split at every byte', async () => {
    for (const enc of ['gbk', 'gb18030']) {
      const bytes = iconv.encode(enc === 'gbk' ? '核销 应收账款 收款单' : text, enc);
      for (const size of [1, 2, 3, 7])
        expect(await decodeAll(bytes, enc, size)).toBe(enc === 'gbk' ? '核销 应收账款 收款单' : text);
    }
  });
  it('decodes cp1252 and strips a UTF-8 BOM whatever the declared encoding', async () => {
    expect(await decodeAll(iconv.encode('DÉPÔT € Ç', 'cp1252'), 'cp1252', 3)).toBe('DÉPÔT € Ç');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Ünïcode')]);
    expect(await decodeAll(bom, 'cp1252', 1)).toBe('Ünïcode');
    expect(decodeBytes(bom)).toBe('Ünïcode');
  });
  it('decodes UTF-16 by its BOM', async () => {
    expect(await decodeAll(iconv.encode('abc€', 'utf-16le', { addBOM: true }), 'auto', 1)).toBe('abc€');
  });
  it('decodes any UTF-8 text split anywhere (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 1, max: 5 }), async (s, n) => {
        expect(await decodeAll(new TextEncoder().encode(s), 'utf-8', n)).toBe(s);
      }),
    );
  });
});

describe('readLines', () => {
  async function lines(chunks: string[]) {
    return (
      await collect(
        readLines(
          (async function* () {
            yield* chunks;
          })(),
        ),
      )
    ).map((l) => `${l.line}:${l.text}`);
  }
  it('handles LF, CRLF split across chunks, CR only and a last line without terminator', async () => {
    expect(await lines(['a\r', '\nb\rc\n', '\nd'])).toEqual(['1:a', '2:b', '3:c', '4:', '5:d']);
    expect(await lines([''])).toEqual([]);
    expect(await lines(['x\r\n'])).toEqual(['1:x']);
  });
  it('gives the same lines whatever the chunking (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'b', '\r', '\n', '\r\n')),
        fc.integer({ min: 1, max: 4 }),
        async (parts, n) => {
          const s = parts.join('');
          const chunks: string[] = [];
          for (let i = 0; i < s.length; i += n) chunks.push(s.slice(i, i + n));
          expect(await lines(chunks)).toEqual(await lines([s]));
        },
      ),
    );
  });
});
