import { readFileSync } from 'node:fs';
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
import camt053 from './index.ts';

const parse = (file: string) => collectParse(camt053, fromFile(sample('camt053', file)));

describe('camt053 on the real samples', () => {
  it('passes the conformance kit on every sample in the repository', async () => {
    const report = await runConnectorConformance({ connector: camt053, samples: fixtureFolder('camt053') });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(6);
    expect(report.notChecked).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('FFFS v02: 10 entries, batch split into transactions, FX credit, RF reference, totals', async () => {
    const r = await parse('fffs-finland-camt053-v02-sample.xml');
    expect(r.rejections).toEqual([]);
    expect(new Set(r.lines.map((l) => l.position.index)).size).toBe(10);
    expect(r.lines).toHaveLength(13); // entry 3 (3 TxDtls) and entry 10 (2 TxDtls) are split
    expect(controlTotals(r.lines)).toEqual({ EUR: { credits: '23075.00', debits: '9430.17', count: 13 } });
    const fx = r.lines.find((l) => l.bankReference === '091029ACCTSTMTARCH06')!;
    expect(fx).toMatchObject({
      amount: '2120.00',
      currency: 'EUR',
      direction: 'credit',
      valueDate: '2009-10-30',
      instructedAmount: { amount: '3200.00', currency: 'USD' },
    });
    expect(fx.charges).toEqual([{ amount: '20.00', currency: 'EUR' }]);
    expect(r.lines.find((l) => l.endToEndId === 'EndToEndIdSCT01')?.creditorReference).toBe('RF98123456789012');
    expect(r.lines.find((l) => l.remittance?.includes('217827182718'))?.amount).toBe('1230.02');
    const [stmt] = r.statements;
    expect(stmt).toMatchObject({
      statementId: 'BANKSTMTID0972009',
      sequence: '120',
      account: { iban: 'FI7433010001222090' },
      openingBalance: { amount: '10000.00', code: 'OPBD' },
      closingBalance: { amount: '23644.83', code: 'CLBD' },
    });
    expect(stmt!.warnings).toBeUndefined();
    expect(r.lines.every((l) => l.statementKey === stmt!.sourceKey)).toBe(true);
  });

  it('ISO business sample v04: DtTm booking dates, batch without TxDtls stays one line', async () => {
    const r = await parse('iso20022-business-sample-camt053-v04.xml');
    expect(r.lines.map((l) => [l.bookingDate, l.amount, l.direction])).toEqual([
      ['2010-10-18', '105678.50', 'credit'],
      ['2010-10-18', '200000', 'debit'],
      ['2010-10-18', '30000', 'credit'],
    ]);
    expect(controlTotals(r.lines)).toEqual({ SEK: { credits: '135678.50', debits: '200000.00', count: 3 } });
    expect(r.lines[0]).toMatchObject({
      endToEndId: 'MUELL/FINP/RA12345',
      bankReference: 'AAAASESS-FP-CN_98765/01',
      counterparty: { name: 'MUELLER' },
    });
    expect(r.statements[0]!.warnings).toBeUndefined();
  });

  it('PostFinance 2016: ISR batch, returns (RtrInf) and reversals (RvslInd), balances reconcile', async () => {
    const r = await parse('postfinance-camt053-v04-2016.xml');
    expect(new Set(r.lines.map((l) => l.position.index)).size).toBe(13);
    expect(controlTotals(r.lines).CHF).toMatchObject({ credits: '1810.56', debits: '1272.95' });
    const isr = r.lines.filter((l) => l.creditorReference === '000000000002015110002913192');
    expect(isr).toHaveLength(1);
    expect(isr[0]).toMatchObject({
      amount: '100.00',
      bankReference: '160527CH00T3L0GE',
      bookingDate: '2016-05-27',
      valueDate: '2016-05-30',
    });
    const returns = r.lines.filter((l) => l.returnInfo?.reason?.startsWith('NARR'));
    expect(returns.map((l) => l.amount)).toEqual(['20.00', '40.00', '50.00']);
    expect(returns.every((l) => l.reversal && l.direction === 'credit')).toBe(true);
    const reversals = r.lines.filter((l) => l.reversal && l.direction === 'debit');
    expect(reversals.map((l) => l.amount)).toEqual(['6.00', '15.53']);
    expect(r.statements[0]).toMatchObject({
      openingBalance: { amount: '322152.16' },
      closingBalance: { amount: '322689.77' },
    });
    expect(r.statements[0]!.warnings).toBeUndefined();
    expect(r.lines.find((l) => l.remittance?.some((t) => t.includes('FÜR KONTOAUSZUG')))?.amount).toBe('24.00');
  });

  it('PostFinance 2020: balances that do not reconcile give a warning, not a refusal', async () => {
    const r = await parse('postfinance-camt053-v04-2020.xml');
    expect(r.lines).toHaveLength(5);
    expect(controlTotals(r.lines)).toEqual({ CHF: { credits: '4733.72', debits: '77.70', count: 5 } });
    expect(r.statements[0]!.warnings?.[0]).toMatch(/do not reconcile.*215112\.21/);
    expect(r.warnings).toHaveLength(1);
    // entry 2 is DBIT although its TxDtls says CRDT: the entry wins
    expect(r.lines[1]).toMatchObject({ amount: '77.70', direction: 'debit' });
    // two entries share one AcctSvcrRef: the second gets the fallback key, keys stay unique
    expect(new Set(r.lines.map((l) => l.sourceKey)).size).toBe(5);
  });

  it('genkgo v08 and multi-statement v02', async () => {
    const v8 = await parse('genkgo-camt053-v08.xml');
    expect(v8.lines).toHaveLength(1);
    expect(v8.lines[0]).toMatchObject({
      amount: '8.85',
      currency: 'EUR',
      bookingDate: '2014-12-31',
      creditorReference: '4654654654654654',
      counterparty: { name: 'NAME NAME' },
    });
    expect(v8.statements[0]!.warnings?.[0]).toMatch(/EUR.*SEK/);
    const multi = await parse('genkgo-camt053-v02-multi-statement.xml');
    expect(multi.statements.map((s) => s.statementId)).toEqual([
      '253EURNL26VAYB8060476890',
      '254EURNL26VAYB8060476890',
    ]);
    expect(multi.lines.map((l) => [l.direction, l.amount, l.statementKey])).toEqual([
      ['credit', '8.85', multi.statements[0]!.sourceKey],
      ['debit', '7.00', multi.statements[1]!.sourceKey],
    ]);
    expect(multi.statements.every((s) => !s.warnings)).toBe(true);
  });
});

describeListed('camt053 on the shared samples that are not in the repository', () => {
  it('passes the conformance kit on every shared sample', async () => {
    const report = await runConnectorConformance({ connector: camt053, samples: sharedFolder('camt053') });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(7);
    expect(report.ok).toBe(true);
  });

  it('OCA v02: reversed direct-debit batch with AC06 and an unreconciled fixture', async () => {
    const r = await parse('oca-test-camt053-v02.xml');
    expect(controlTotals(r.lines)).toEqual({ EUR: { credits: '1405.31', debits: '1418.30', count: 4 } });
    const rev = r.lines.filter((l) => l.reversal);
    expect(rev.map((l) => [l.amount, l.returnInfo?.reason, l.returnInfo?.originalEndToEndId])).toEqual([
      ['564.05', 'AC06', 'TESTBANK/NL/20141229/01206408'],
      ['100.00', 'AC06', 'TESTBANK/NL/20141229/01206407'],
    ]);
    expect(r.statements[0]!.warnings?.[0]).toMatch(/do not reconcile/);
  });
});

describe('camt053 namespace prefixes', () => {
  it('reads a document whose elements carry a namespace prefix', async () => {
    const good = readFileSync(sample('camt053', 'postfinance-camt053-v04-2020.xml'), 'utf8');
    const prefixed = good.replace(/<(\/?)([A-Za-z])/g, '<$1c:$2').replace('xmlns="urn:', 'xmlns:c="urn:');
    const a = await collectParse(camt053, fromBuffer('p.xml', prefixed));
    const b = await collectParse(camt053, fromBuffer('p.xml', good));
    expect(a.rejections).toEqual([]);
    expect(a.lines.map((l) => l.sourceKey)).toEqual(b.lines.map((l) => l.sourceKey));
    expect(a.lines).toHaveLength(5);
  });
});

describe('camt053 bad input', () => {
  const good = readFileSync(sample('camt053', 'postfinance-camt053-v04-2016.xml'), 'utf8');
  it('not XML', async () => {
    const r = await collectParse(camt053, fromBuffer('x.xml', 'Date;Amount\n2020-01-01;5\n'));
    expect(r.records).toEqual([]);
    expect(r.rejections[0]).toMatchObject({
      position: { index: 0, line: 1 },
      reason: expect.stringMatching(/not XML/),
    });
  });
  it('wrong namespace: a camt.054 or a pain file is refused with the reason', async () => {
    const r = await collectParse(camt053, fromFile(sample('camt054', 'genkgo-camt054-v08.xml')));
    expect(r.records).toEqual([]);
    expect(r.rejections[0]?.reason).toMatch(/camt\.054.*reads camt\.053 only/);
    const pain = good.replace('camt.053.001.04', 'pain.001.001.03');
    expect((await collectParse(camt053, fromBuffer('p.xml', pain))).rejections[0]?.reason).toMatch(/pain\.001/);
    const v14 = good.replace('camt.053.001.04', 'camt.053.001.14');
    expect((await collectParse(camt053, fromBuffer('p.xml', v14))).rejections[0]?.reason).toMatch(
      /001\.14 is not supported/,
    );
  });
  it('truncated file: entries before the cut are kept, the rest is rejected with its position', async () => {
    const cut = good.slice(0, good.indexOf('<AcctSvcrRef>20160430001025080060699000010012'));
    const r = await collectParse(camt053, fromBuffer('cut.xml', cut, { chunkSize: 1000 }));
    expect(r.lines.map((l) => l.amount)).toEqual(['24.00', '328.75', '200.80', '638.15', '24.00']);
    expect(r.rejections).toHaveLength(1);
    expect(r.rejections[0]).toMatchObject({ position: { index: 5 }, reason: expect.stringMatching(/ends early/) });
    expect(r.rejections[0]!.position.line).toBeGreaterThan(150);
    expect(r.statements[0]!.warnings?.[0]).toMatch(/file ends in this statement/);
  });
  it('DOCTYPE / entity bomb is refused before anything is read', async () => {
    const bomb = good.replace(
      '<Document',
      '<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<Document',
    );
    const r = await collectParse(camt053, fromBuffer('bomb.xml', bomb));
    expect(r.records).toEqual([]);
    expect(r.rejections).toEqual([
      { position: { index: 0, line: 2 }, reason: expect.stringMatching(/DOCTYPE.*refused/), field: 'DOCTYPE' },
    ]);
  });
  it('unknown currency and missing amount: that entry is rejected, the others are kept', async () => {
    const bad = good
      .replace('<Amt Ccy="CHF">328.75</Amt>', '<Amt Ccy="XYZ">328.75</Amt>')
      .replace('<Amt Ccy="CHF">200.80</Amt>', '<Amt Ccy="CHF">2OO.80</Amt>');
    const r = await collectParse(camt053, fromBuffer('bad.xml', bad));
    expect(r.rejections).toEqual([
      {
        position: { index: 1, line: expect.any(Number), xpath: '/Document[1]/BkToCstmrStmt[1]/Stmt[1]/Ntry[2]' },
        reason: expect.stringMatching(/unknown currency "XYZ"/),
        field: 'Ntry/Amt/@Ccy',
      },
      {
        position: { index: 2, line: expect.any(Number), xpath: '/Document[1]/BkToCstmrStmt[1]/Stmt[1]/Ntry[3]' },
        reason: expect.stringMatching(/"2OO\.80" is not a decimal/),
        field: 'Ntry/Amt',
      },
    ]);
    expect(new Set(r.lines.map((l) => l.position.index)).size).toBe(11);
  });
});
