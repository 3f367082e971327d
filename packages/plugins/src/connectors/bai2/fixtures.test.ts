import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  collectParse,
  controlTotals,
  formatConformanceProblems,
  fromBuffer,
  fromFile,
  runConnectorConformance,
} from '@hexiao/plugins/sdk';
import bai2 from './index.ts';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const parse = (file: string) => collectParse(bai2, fromFile(`${fixtures}/${file}`));

describe('bai2 on fixtures written for real-bank quirks', () => {
  it('passes the conformance kit on every fixture', async () => {
    const report = await runConnectorConformance({ connector: bai2, samples: fixtures });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.notChecked).toEqual([]);
  });

  it('a group repeated in the file is the same statement: same id, its lines keep their keys', async () => {
    const r = await parse('repeated-group.bai2');
    expect(r.rejections).toEqual([]);
    expect(r.statements.map((s) => s.sourceKey)).toEqual([r.statements[0]!.sourceKey, r.statements[0]!.sourceKey]);
    expect(r.statements.every((s) => !s.warnings)).toBe(true);
    const keys = r.lines.map((l) => l.sourceKey);
    expect(keys).toHaveLength(8);
    expect(new Set(keys).size).toBe(4);
    expect(keys.slice(4)).toEqual(keys.slice(0, 4));
    expect(controlTotals(r.lines.slice(0, 4))).toEqual({ USD: { credits: '450.00', debits: '50.00', count: 4 } });
  });

  it('two sections of one account in one group (as a Canadian bank sends) stay two statements with distinct lines', async () => {
    const section = ['03,10200123456,CAD,040,0,,,045,0,,/', '16,409,2000,V,260316,,,,CHEQUE/', '49,2000,3/'];
    const text = ['01,0004,12345,260321,0829,001,80,1,2/', '02,12345,0004,1,260317,,CAD,/', ...section, ...section];
    const r = await collectParse(
      bai2,
      fromBuffer('two-sections.bai2', [...text, '98,4000,2,8/', '99,4000,1,10/'].join('\n')),
    );
    expect(new Set(r.statements.map((s) => s.sourceKey)).size).toBe(2);
    expect(new Set(r.lines.map((l) => l.sourceKey)).size).toBe(2);
  });
});

describe('bai2 given something else', () => {
  const mt940Fixture = fileURLToPath(new URL('../mt940/fixtures/repeated-statement.sta', import.meta.url));
  const camtFixture = fileURLToPath(new URL('../camt053/fixtures/repeated-statement.xml', import.meta.url));
  const other: [string, string, RegExp][] = [
    ['an MT940 statement', readFileSync(mt940Fixture, 'latin1'), /a SWIFT MT940 message/],
    ['camt XML', readFileSync(camtFixture, 'utf8'), /XML document <Document xmlns="urn:iso:std:iso:20022/],
    ['random text', 'Dear customer,\nplease find attached\n', /text starting "Dear customer,"/],
  ];
  it.each(other)('%s is one rejection naming what was expected and what was found', async (_, text, found) => {
    const r = await collectParse(bai2, fromBuffer('x.bai2', text));
    expect(r.records).toEqual([]);
    expect(r.rejections).toEqual([
      {
        position: { index: 0, line: 1 },
        field: 'file',
        reason: expect.stringMatching(/^no BAI2 record found: expected records 01, 02, 03, 16/),
      },
    ]);
    expect(r.rejections[0]!.reason).toMatch(found);
  });

  it('UTF-16 without a byte-order mark is read as UTF-16', async () => {
    const text = readFileSync(`${fixtures}/repeated-group.bai2`, 'latin1');
    const r = await collectParse(bai2, fromBuffer('x.bai2', new Uint8Array(Buffer.from(text, 'utf16le'))));
    expect([r.rejections.length, r.lines.length]).toEqual([0, 8]);
  });

  it('lines that are not BAI2 records are reported, not skipped silently', async () => {
    const text = readFileSync(`${fixtures}/repeated-group.bai2`, 'latin1');
    const r = await collectParse(bai2, fromBuffer('x.bai2', `${text}ZZ,garbage/\n`));
    expect(r.lines).toHaveLength(8);
    expect(r.warnings).toEqual(['1 line(s) that are not BAI2 records were not read: line 19 "ZZ,garbage/"']);
  });
});
