import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import camt053 from './index.ts';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const parse = (file: string) => collectParse(camt053, fromFile(`${fixtures}/${file}`));

describe('camt053 on fixtures written for real-bank quirks', () => {
  it('passes the conformance kit on every fixture', async () => {
    const report = await runConnectorConformance({ connector: camt053, samples: fixtures });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.notChecked).toEqual([]);
  });

  it('a statement repeated in the file, entries reordered, gives its lines the keys they had the first time', async () => {
    const r = await parse('repeated-statement.xml');
    expect(r.rejections).toEqual([]);
    expect(r.statements.map((s) => s.statementId)).toEqual(['STMT-0105', 'STMT-0106', 'STMT-0105']);
    const keys = r.lines.map((l) => l.sourceKey);
    expect(keys).toHaveLength(7);
    expect(new Set(keys).size).toBe(4);
    expect(keys.slice(4)).toEqual([keys[2], keys[0], keys[1]]);
    expect(controlTotals(r.lines.slice(0, 4))).toEqual({ EUR: { credits: '360.00', debits: '40.00', count: 4 } });
  });

  it('books entries with neither booking nor value date on the statement period end, with a warning', async () => {
    const r = await parse('undated-entries.xml');
    expect(r.rejections).toEqual([]);
    expect(r.lines.map((l) => [l.amount, l.direction, l.bookingDate, l.valueDate])).toEqual([
      ['420.00', 'credit', '2026-02-28', undefined],
      ['200.25', 'credit', '2026-02-28', undefined],
      ['25.00', 'debit', '2026-02-27', '2026-02-27'],
    ]);
    expect(r.statements[0]!.warnings).toEqual([
      "2 entries have neither a booking nor a value date: booked on 2026-02-28, the statement's period end (FrToDt)",
    ]);
    expect(r.warnings.join('\n')).toMatch(/LT-STMT-0228: 2 entries have neither/);
  });

  it('reads camt.053.001.02 content in a national wrapper namespace, saying so', async () => {
    const r = await parse('stuzza-wrapper.xml');
    expect(r.rejections).toEqual([]);
    expect(r.lines.map((l) => [l.amount, l.bookingDate, l.counterparty?.name, l.remittance])).toEqual([
      ['1230.40', '2026-03-12', 'Alpen Handels GmbH', ['Rechnung RE-2026-0311']],
    ]);
    expect(r.statements[0]!.warnings).toBeUndefined();
    expect(r.warnings).toEqual([
      'stuzza-wrapper.xml: namespace "ISO:camt.053.001.02:APC:STUZZA:payments:003" is a national variant, read as ISO 20022 camt.053.001.02',
    ]);
  });

  it('reads camt.053.001.10 and .001.13', async () => {
    for (const v of ['10', '13']) {
      const r = await parse(`version-${v}.xml`);
      expect(r.rejections, v).toEqual([]);
      expect(r.lines.map((l) => [l.amount, l.endToEndId, l.counterparty?.name, l.remittance])).toEqual([
        ['1500.00', `E2E-V${v}`, 'Polder Trading BV', [`INV-V${v}-1`]],
      ]);
    }
  });

  it('refuses a camt.052 intraday report in one rejection saying why', async () => {
    const r = await parse('intraday-camt052.xml');
    expect(r.lines).toEqual([]);
    expect(r.rejections.map((x) => x.reason)).toEqual([
      expect.stringMatching(/^camt\.052 intraday reports are not imported: .*end-of-day camt\.053/),
    ]);
  });

  it('a camt document without its statement element is one rejection, not an empty import', async () => {
    const xml =
      '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><Other/></Document>';
    const r = await collectParse(camt053, fromBuffer('empty.xml', xml));
    expect(r.rejections.map((x) => x.reason)).toEqual(['the document has no BkToCstmrStmt/Stmt: no Stmt to read']);
  });

  it('the conformance kit counts a refused document as the one item its rejection covers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'camt-refused-'));
    try {
      const xml = readFileSync(`${fixtures}/version-10.xml`, 'utf8').replace(
        'xsd:camt.053.001.10',
        'xsd:camt.053.001.14',
      );
      writeFileSync(
        join(dir, 'v14.xml'),
        xml.replace('</Ntry>', '</Ntry>' + xml.slice(xml.indexOf('<Ntry>'), xml.indexOf('</Ntry>') + 7)),
      );
      const report = await runConnectorConformance({ connector: camt053, samples: dir });
      expect(formatConformanceProblems(report)).toBe('');
      expect((await parse('intraday-camt052.xml')).rejections).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
