import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importFiles, importTenant, sample } from './support.ts';

/** A minimal zip writer (deflate entries, optional lie about the uncompressed size) for the tests. */
function zip(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const dir = mkdtempSync(join(tmpdir(), 'hexiao-zip-'));
const camt = readFileSync(sample('camt053', 'iso20022-business-sample-camt053-v04.xml'));
const write = (name: string, bytes: Buffer) => {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};

describe('compressed uploads (.gz, .zip) are expanded under a cap', () => {
  it('a .zip and a .gz of a statement import like the statement; the kept file is the compressed one', async () => {
    const ctx = await importTenant();
    const z = await importFiles(ctx, 'camt053', [write('s.zip', zip([{ name: 'statement.xml', data: camt }]))]);
    expect(z.created).toBeGreaterThan(0);
    expect(z.files[0]!.name).toBe('s.zip');
    const g = await importFiles(ctx, 'camt053', [write('s.xml.gz', gzipSync(camt))]);
    expect([g.created, g.duplicates]).toEqual([0, z.created]);
  });

  it('refuses a zip bomb (declared or actual size beyond the cap) and a gzip bomb, writing nothing', async () => {
    const ctx = await importTenant();
    const zeros = Buffer.alloc(30_000_000, 48);
    for (const bomb of [
      write('honest.zip', zip([{ name: 'a.xml', data: zeros }])),
      write('liar.zip', zip([{ name: 'a.xml', data: zeros, declaredSize: 100 }])),
      write('b.xml.gz', gzipSync(zeros)),
    ])
      await expect(importFiles(ctx, 'camt053', [bomb], {}, { maxExpandedBytes: 5_000_000 })).rejects.toMatchObject({
        type: expect.stringMatching(/limit_exceeded|invalid_data/),
      });
  });
});
