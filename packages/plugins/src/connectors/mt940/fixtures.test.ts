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
import mt940 from './index.ts';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const bai2Fixture = fileURLToPath(new URL('../bai2/fixtures/repeated-group.bai2', import.meta.url));
const camtFixture = fileURLToPath(new URL('../camt053/fixtures/repeated-statement.xml', import.meta.url));
const parse = (file: string) => collectParse(mt940, fromFile(`${fixtures}/${file}`));

describe('mt940 on fixtures written for real-bank quirks', () => {
  it('passes the conformance kit on every fixture', async () => {
    const report = await runConnectorConformance({ connector: mt940, samples: fixtures });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.notChecked).toEqual([]);
  });

  it('a statement repeated in the file gives its lines the keys they had the first time', async () => {
    const r = await parse('repeated-statement.sta');
    expect(r.rejections).toEqual([]);
    expect(r.statements.map((s) => s.statementId)).toEqual(['STMT260105', 'STMT260106', 'STMT260105']);
    expect(r.lines).toHaveLength(10);
    const keys = r.lines.map((l) => l.sourceKey);
    expect(new Set(keys).size).toBe(6);
    expect(keys.slice(6)).toEqual(keys.slice(0, 4));
    // the two identical NONREF credits of the first day keep two distinct keys
    expect(keys[1]).not.toBe(keys[2]);
    expect(controlTotals(r.lines.slice(0, 6))).toEqual({ EUR: { credits: '475.50', debits: '40.00', count: 6 } });
  });
});

describe('mt940 given something else', () => {
  const statement = readFileSync(`${fixtures}/repeated-statement.sta`, 'latin1');
  const ubl =
    '<?xml version="1.0"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>1</ID></Invoice>\n';
  const other: [string, string | Uint8Array, RegExp][] = [
    ['a BAI2 file', readFileSync(bai2Fixture, 'latin1'), /a BAI2 file/],
    [
      'camt XML',
      readFileSync(camtFixture, 'utf8'),
      /XML document <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt\.053/,
    ],
    ['a UBL invoice', ubl, /<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">/],
    ['random text', 'Dear customer,\nplease find attached\n', /text starting "Dear customer,"/],
    [
      'UTF-16 text that is not MT940',
      new Uint8Array(Buffer.from('hello world\nnothing here\n', 'utf16le')),
      /text starting "hello world"/,
    ],
  ];
  it.each(other)('%s is one rejection naming what was expected and what was found', async (_, bytes, found) => {
    const r = await collectParse(mt940, fromBuffer('x.sta', bytes));
    expect(r.records).toEqual([]);
    expect(r.rejections).toEqual([
      {
        position: { index: 0, line: 1 },
        field: 'file',
        reason: expect.stringMatching(/^no MT940 statement found: expected SWIFT fields such as :20:/),
      },
    ]);
    expect(r.rejections[0]!.reason).toMatch(found);
  });

  it('UTF-16 without a byte-order mark is read as UTF-16', async () => {
    const r = await collectParse(mt940, fromBuffer('x.sta', new Uint8Array(Buffer.from(statement, 'utf16le'))));
    expect([r.rejections.length, r.lines.length]).toEqual([0, 10]);
  });

  it('text outside the fields is reported, not skipped silently', async () => {
    const r = await collectParse(
      mt940,
      fromBuffer('x.sta', `ABNANL2A\n940\nExported by HomeBank 3.1\n${statement}\n#end\n`),
    );
    expect(r.lines).toHaveLength(10);
    expect(r.warnings).toEqual([
      '2 line(s) outside any MT940 field were not read: line 3 "Exported by HomeBank 3.1", line 43 "#end"',
    ]);
  });
});

describe('mt940 bank quirks', () => {
  it('a type code padded with a space is read, warned on the statement and the line, raw line kept', async () => {
    const r = await parse('padded-type-code.sta');
    expect(r.rejections).toEqual([]);
    expect(r.lines.map((l) => [l.direction, l.amount, l.transactionCode])).toEqual([
      ['debit', '10.00', 'NIT'],
      ['credit', '250.00', 'NIT'],
    ]);
    expect(r.lines[1]).toMatchObject({
      bankReference: '1212300001',
      raw: ':61:1211231123C250,00NIT NONREF//1212300001',
      warnings: [':61: type code "NIT " is padded with a space; read as NIT'],
    });
    expect(r.statements[0]!.warnings).toEqual([
      'line 5: :61: type code "NIT " is padded with a space; read as NIT',
      'line 7: :61: type code "NIT " is padded with a space; read as NIT',
    ]);
  });

  it('no type code at all is read as NMSC with a warning; the bank reference is kept', async () => {
    const r = await parse('no-type-code.sta');
    expect(r.rejections).toEqual([]);
    expect(r.lines.map((l) => [l.direction, l.amount, l.transactionCode, l.bankReference])).toEqual([
      ['credit', '220000.00', 'NMSC', 'FT22005ABC01'],
      ['debit', '1250.50', 'NMSC', 'FT22005ABC02'],
    ]);
    expect(r.lines[0]!.raw).toBe(':61:2201050105CN220000,00//FT22005ABC01');
    expect(r.statements[0]!.warnings).toHaveLength(2);
    expect(r.statements[0]!.warnings![0]).toMatch(/no transaction type code/);
  });

  it('a statement cut before its closing balance keeps its lines and is warned', async () => {
    const r = await parse('truncated.sta');
    expect(r.lines.map((l) => l.amount)).toEqual(['20.00', '5.00']);
    expect(r.statements[0]!.warnings).toEqual([
      'no closing balance (:62F:): the statement may be cut short, so its lines may be incomplete',
    ]);
    expect(r.warnings.join('\n')).toMatch(/no closing balance/);
  });
});
