import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles, importTenant, repoRoot } from './support.ts';

const fixture = (connector: string, file: string) =>
  join(repoRoot, 'packages/plugins/src/connectors', connector, 'fixtures', file);
const dir = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'hexiao-refusals-'));
const write = (name: string, content: string | Uint8Array) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};

describe('a file the connector does not recognise is a rejection that says what was expected', () => {
  it('mt940 given camt XML, bai2 given MT940: one rejection each, nothing created', async () => {
    const ctx = await importTenant();
    const a = await importFiles(ctx, 'mt940', [fixture('camt053', 'repeated-statement.xml')]);
    expect([a.read, a.created, a.rejected]).toEqual([1, 0, 1]);
    expect(a.rejections[0]).toMatchObject({
      file: 'repeated-statement.xml',
      field: 'file',
      reason: expect.stringMatching(/^no MT940 statement found: .*an XML document <Document xmlns=/),
    });
    const b = await importFiles(ctx, 'bai2', [fixture('mt940', 'repeated-statement.sta')]);
    expect([b.read, b.created, b.rejected]).toEqual([1, 0, 1]);
    expect(b.rejections[0]!.reason).toMatch(/^no BAI2 record found: .*a SWIFT MT940 message/);
  });

  it('an MT940 in UTF-16 without a byte-order mark imports', async () => {
    const ctx = await importTenant();
    const text = readFileSync(fixture('mt940', 'repeated-statement.sta'), 'latin1');
    const r = await importFiles(ctx, 'mt940', [write('utf16.sta', Buffer.from(text, 'utf16le'))]);
    expect([r.read, r.created, r.rejected]).toEqual([10, 6, 0]);
  });
});

describe('a file that cannot be read is named with what is wrong, and nothing is imported', () => {
  const refused = (name: string, why: RegExp) =>
    expect.objectContaining({
      type: 'invalid_data',
      message: expect.stringMatching(new RegExp(`^${name}: ${why.source}`)),
    });
  it('missing, a folder, empty, a broken .gz', async () => {
    const ctx = await importTenant();
    await expect(importFiles(ctx, 'camt053', [join(dir, 'missing.xml')])).rejects.toEqual(
      refused('missing.xml', /the file does not exist/),
    );
    mkdirSync(join(dir, 'folder.xml'));
    await expect(importFiles(ctx, 'camt053', [join(dir, 'folder.xml')])).rejects.toEqual(
      refused('folder.xml', /is a folder, not a file/),
    );
    await expect(importFiles(ctx, 'camt053', [write('empty.xml', '')])).rejects.toEqual(
      refused('empty.xml', /the file is empty \(0 bytes\)/),
    );
    await expect(importFiles(ctx, 'camt053', [write('broken.xml.gz', 'not gzip at all')])).rejects.toEqual(
      refused('broken.xml.gz', /is not a readable \.gz or \.zip file/),
    );
  });
});

describe('a camt cut short before any currency', () => {
  it('says the statement gives no currency instead of failing the import', async () => {
    const ctx = await importTenant();
    const r = await importFiles(ctx, 'camt053', [fixture('camt053', 'truncated-no-currency.xml')]);
    expect([r.created, r.rejected]).toEqual([0, 1]);
    expect(r.rejections[0]!.reason).toMatch(/ends early/);
    expect(r.statements[0]!.statementId).toBe('STMT-CUT');
    expect(r.statements[0]!.warnings.join('\n')).toMatch(/the file ends in this statement|gives no currency/);
  });
});
