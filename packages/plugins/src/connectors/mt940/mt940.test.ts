import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collectParse,
  controlTotals,
  formatConformanceProblems,
  fromBuffer,
  fromFile,
  runConnectorConformance,
} from '@hexiao/plugins/sdk';
import { fixtureFolder, sample, sharedFolder } from '../../../../../test/support/samples.ts';
import { describeListed } from '../../../../../test/support/skip.ts';
import mt940 from './index.ts';

const config = (file: string) => ({ encoding: file.includes('raiffeisen') ? 'cp852' : 'auto' });
const parse = (file: string) => collectParse(mt940, fromFile(sample('mt940', file)), config(file));

type Totals = Record<string, [number, Record<string, { credits: string; debits: string; count: number }>]>;
async function expectTotals(expected: Totals) {
  for (const [file, [statements, totals]] of Object.entries(expected)) {
    const r = await parse(file);
    expect(r.rejections, file).toEqual([]);
    expect(r.statements, file).toHaveLength(statements);
    expect(controlTotals(r.lines), file).toEqual(totals);
  }
}

describe('mt940 on the real samples', () => {
  it('passes the conformance kit on every sample in the repository', async () => {
    const report = await runConnectorConformance({ connector: mt940, samples: fixtureFolder('mt940'), config });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(5);
    expect(report.notChecked).toEqual([]);
  });

  it('control totals per file match the :61: lines', async () => {
    await expectTotals({
      'wolph-betterplace-sepa_snippet.sta': [2, { EUR: { credits: '1430745.72', debits: '3574069.11', count: 11 } }],
      'wolph-citi-mt940.txt': [1, { USD: { credits: '0.00', debits: '1142.75', count: 5 } }],
      'wolph-jejik-abnamro.sta': [2, { EUR: { credits: '0.00', debits: '345.93', count: 10 } }],
      'wolph-mbank-mt940.sta': [1, { PLN: { credits: '0.03', debits: '0.00', count: 3 } }],
      'wolph-raiffeisen-cmi.sta': [1, { HUF: { credits: '2066637.00', debits: '3078850.50', count: 7 } }],
    });
  });

  it('German SEPA: ?20 sub-fields, EREF+/SVWZ+, RETOURE returns, :64: balance, non-reconciling snippet warned', async () => {
    const r = await parse('wolph-betterplace-sepa_snippet.sta');
    expect(r.lines[0]).toMatchObject({
      bookingDate: '2007-09-04',
      valueDate: '2007-09-07',
      amount: '50990.05',
      bankReference: '0724710333343453',
      endToEndId: 'EndToEndId TFNR 22 004 00001',
      counterparty: { name: 'KARL KAUFMANN', account: { iban: 'DE14508800500194785000', bic: 'DRESDEFF508' } },
    });
    expect(r.lines.filter((l) => l.reversal).map((l) => l.returnInfo?.reason?.slice(0, 3))).toEqual([
      '914',
      '914',
      '914',
      '901',
    ]);
    expect(r.statements[0]!.balances).toEqual([
      { amount: '559614.51', currency: 'EUR', date: '2007-09-04', code: '64' },
    ]);
    expect(r.statements[1]!.warnings?.[0]).toMatch(/do not reconcile/);
  });

  it('Citi, mBank (SOH byte), Raiffeisen (DOS Latin-2, cp852) and ABN AMRO (:60M:/:62M:)', async () => {
    const citi = await parse('wolph-citi-mt940.txt');
    expect(citi.lines.map((l) => l.amount)).toEqual(['212.39', '369.28', '0.00', '0.00', '561.08']);
    expect(citi.statements[0]!.warnings).toBeUndefined();
    const mbank = await parse('wolph-mbank-mt940.sta');
    expect(mbank.lines.map((l) => l.bankReference)).toEqual(['MB170119012058', 'MB170119012085', 'MB170119012121']);
    expect(mbank.statements[0]!.account.iban).toBe('PL29114010810000267002001002');
    const rf = await parse('wolph-raiffeisen-cmi.sta');
    expect(rf.lines[0]!.remittance?.[0]).toBe('Csoportos átutalás jóváírása');
    expect(rf.statements[0]!.account).toEqual({ bic: 'UBRTHUHB', number: '123456789150ABCDEF002', currency: 'HUF' });
    const abn = await parse('wolph-jejik-abnamro.sta');
    expect(abn.statements.map((s) => s.sequence)).toEqual(['19321/1', '19322/1']);
    expect(abn.statements[1]).toMatchObject({
      openingBalance: { code: '60M', amount: '2876.84' },
      closingBalance: { code: '62M', amount: '1849.75' },
    });
    expect(abn.lines[0]!.remittance?.join(' ')).toMatch(/BETREFT FACTUUR D\.D\. 20-05-2011/);
  });
});

describeListed('mt940 on the shared samples that are not in the repository', () => {
  it('passes the conformance kit on every shared sample', async () => {
    const report = await runConnectorConformance({ connector: mt940, samples: sharedFolder('mt940'), config });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(8);
    expect(report.notChecked).toEqual([]);
  });

  it('control totals per file match the :61: lines', async () => {
    await expectTotals({
      'oca-test-ing.940': [1, { EUR: { credits: '36.58', debits: '134.46', count: 8 } }],
      'oca-test-rabo.swi': [4, { EUR: { credits: '400.00', debits: '34.61', count: 2 } }],
      'oca-test-sns.940': [3, { EUR: { credits: '0.00', debits: '1715.68', count: 8 } }],
    });
  });

  it('ING: SWIFT blocks, wrapped references, /RTRN/ returns, structured creditor reference', async () => {
    const r = await parse('oca-test-ing.940');
    expect(r.statements[0]).toMatchObject({
      account: { iban: 'NL77INGB0574908765', currency: 'EUR' },
      statementId: 'P140220000000001',
      openingBalance: { amount: '662.23', date: '2014-02-19' },
      closingBalance: { amount: '564.35', date: '2014-02-20' },
    });
    expect(r.statements[0]!.warnings).toBeUndefined();
    expect(r.lines[0]).toMatchObject({
      bankReference: '00000000001005',
      endToEndId: 'EV12341REP1231456T1234',
      transactionCode: '00100',
      counterparty: { name: 'ING BANK NV INZAKE WEB', account: { iban: 'NL32INGB0000012345', bic: 'INGBNL2A' } },
      remittance: ['EV10001REP1000000T1000'],
    });
    const returns = r.lines.filter((l) => l.reversal);
    expect(returns.map((l) => [l.amount, l.direction, l.returnInfo?.reason])).toEqual([
      ['1.57', 'credit', 'MS03'],
      ['12.75', 'debit', 'MS03'],
    ]);
    expect(r.lines.find((l) => l.amount === '32.00')?.creditorReference).toBe('9001123412341234');
    expect(r.lines[0]!.customerReference).toBeUndefined(); // ING writes the literal "EREF" there
    expect(r.lines[1]!.customerReference).toBe('M000000003333333'); // from /PREF/
    expect(r.lines.find((l) => l.amount === '12.75')?.remittance).toEqual(['CONTRIBUTIE FEB 2014']);
  });

  it('Rabobank: four statements, two empty, leading zeros, /ORDP//NAME/ parties', async () => {
    const r = await parse('oca-test-rabo.swi');
    expect(r.statements.map((s) => [s.statementId, s.openingBalance?.amount, s.closingBalance?.amount])).toEqual([
      ['940S140102', '4433.52', '4833.52'],
      ['940S140103', '4833.52', '4833.52'],
      ['940S140106', '4833.52', '4798.91'],
      ['940S140107', '4798.91', '4798.91'],
    ]);
    expect(r.lines[0]).toMatchObject({
      amount: '400.00',
      direction: 'credit',
      counterparty: { name: 'R. SMITH', account: { iban: 'NL66RABO0160878799' } },
    });
    expect(r.statements.every((s) => !s.warnings)).toBe(true);
  });
});

describe('mt940 bad input', () => {
  // four statements, the second and fourth without lines
  const good = [
    ':940:',
    ':20:940S240102',
    ':25:NL91ABNA0417164300 EUR',
    ':28C:0',
    ':60F:C231231EUR000000001000,00',
    ':61:240102C000000000400,00N541NONREF',
    'NL02ABNA0123456789',
    ':86:/ORDP//NAME/A. CUSTOMER/ADDR/Main street 1 1000AA Amsterdam Ne',
    'derland NL/REMI/Invoice 2024-0001:',
    '/ISDT/2024-01-02',
    ':62F:C240102EUR000000001400,00',
    ':20:940S240103',
    ':25:NL91ABNA0417164300 EUR',
    ':28C:0',
    ':60F:C240102EUR000000001400,00',
    ':62F:C240103EUR000000001400,00',
    ':20:940S240106',
    ':25:NL91ABNA0417164300 EUR',
    ':28C:0',
    ':60F:C240103EUR000000001400,00',
    ':61:240101D000000000034,61N093NONREF',
    ':86:/BENM//NAME/Kosten/REMI/Periode 01-10-2023 t/m 31-12-2023/ISDT/20',
    '24-01-01',
    ':62F:C240106EUR000000001365,39',
    ':20:940S240107',
    ':25:NL91ABNA0417164300 EUR',
    ':28C:0',
    ':60F:C240106EUR000000001365,39',
    ':62F:C240107EUR000000001365,39',
    '',
  ].join('\r\n');
  it('a broken :61: is rejected with its line; the other lines are kept', async () => {
    const bad = good.replace(':61:240101D000000000034,61N093NONREF', ':61:2401X1D000000000034,61N093NONREF');
    const r = await collectParse(mt940, fromBuffer('bad.swi', bad));
    expect(r.lines).toHaveLength(1);
    expect(r.rejections).toEqual([
      { position: { index: 1, line: 21 }, reason: expect.stringMatching(/is not a statement line/), field: '61' },
    ]);
  });
  it('an unknown currency is rejected with its line and reason', async () => {
    const bad = good
      .replace(':60F:C231231EUR000000001000,00', ':60F:C231231XYZ000000001000,00')
      .replace(':25:NL91ABNA0417164300 EUR', ':25:NL91ABNA0417164300');
    const r = await collectParse(mt940, fromBuffer('bad.swi', bad));
    expect(r.rejections).toEqual([
      { position: { index: 0, line: 5 }, reason: expect.stringMatching(/unknown currency "XYZ"/), field: '60F' },
      { position: { index: 0, line: 6 }, reason: expect.stringMatching(/currency is unknown/), field: '60F' },
    ]);
    expect(r.lines.map((l) => l.amount)).toEqual(['34.61']); // the other statements are still read
  });
  it('a file that is not MT940 is one rejection, no crash', async () => {
    const r = await collectParse(mt940, fromBuffer('x.940', '<xml/>\nhello\n'));
    expect(r.records).toEqual([]);
    expect(r.rejections.map((x) => x.reason)).toEqual([expect.stringMatching(/no MT940 statement found.*<xml>/)]);
  });
});

describe('mt942 interim reports', () => {
  // a German bank's intraday report in SWIFT blocks, then the day's MT940 statement in the same file
  const report = [
    '{1:F01COBADEFFAXXX0000000000}{2:O9421030240604COBADEFFAXXX00000000002406041030N}{4:',
    ':20:STARTUMS',
    ':25:DE89370400440532013000',
    ':28C:00123/001',
    ':34F:EURD0,',
    ':13D:2406041030+0200',
    ':61:2406040604CR1000,00NTRFNONREF//0604-REF-1',
    ':86:166?00SEPA-GUTSCHRIFT?20EREF+E2E-4711?21SVWZ+RE 2024-0012?32MUSTER GMBH',
    ':61:2406040604DR12,50NMSCNONREF',
    ':86:805?00ENTGELT?20Kontofuehrung',
    ':90D:1EUR12,50',
    ':90C:1EUR1000,00',
    '-}',
  ];
  const statement = [
    '{1:F01COBADEFFAXXX0000000000}{2:O9401800240604COBADEFFAXXX00000000002406041800N}{4:',
    ':20:STARTUMS',
    ':25:DE89370400440532013000',
    ':28C:00124/001',
    ':60F:C240603EUR5000,00',
    ':61:2406040604CR1000,00NTRFNONREF//0604-REF-1',
    ':86:166?00SEPA-GUTSCHRIFT?20EREF+E2E-4711?21SVWZ+RE 2024-0012?32MUSTER GMBH',
    ':62F:C240604EUR6000,00',
    '-}',
  ];

  it('refuses each line of an interim report saying why, and still reads the statement after it', async () => {
    const r = await collectParse(mt940, fromBuffer('day.sta', [...report, ...statement, ''].join('\r\n')));
    expect(r.rejections).toEqual([
      {
        position: { index: 0, line: 7 },
        reason: expect.stringMatching(/^MT942 interim reports are not imported: .*end-of-day MT940/),
        field: '34F',
      },
      {
        position: { index: 1, line: 9 },
        reason: expect.stringMatching(/^MT942 interim reports are not imported/),
        field: '34F',
      },
    ]);
    expect(r.lines.map((l) => [l.direction, l.amount, l.currency, l.endToEndId])).toEqual([
      ['credit', '1000.00', 'EUR', 'E2E-4711'],
    ]);
    expect(r.statements).toHaveLength(1);
    expect(r.statements[0]).toMatchObject({ statementId: 'STARTUMS', sequence: '00124/001' });
    expect(r.statements[0]!.warnings).toBeUndefined();
  });

  it('passes the conformance kit: every :61: of the report is accounted for by its rejection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mt942-'));
    try {
      writeFileSync(join(dir, 'intraday.942'), [...report, ''].join('\r\n'));
      const kit = await runConnectorConformance({ connector: mt940, samples: dir });
      expect(formatConformanceProblems(kit)).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
