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
import { fixtureFolder, sample } from '../../../../../test/support/samples.ts';
import bai2 from './index.ts';

const parse = (file: string) => collectParse(bai2, fromFile(sample('bai2', file)));

describe('bai2 on the shared samples', () => {
  it('passes the conformance kit on every sample', async () => {
    const report = await runConnectorConformance({ connector: bai2, samples: fixtureFolder('bai2') });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(6);
    expect(report.notChecked).toEqual([]);
  });

  it('control totals and account sections per file', async () => {
    const expected: Record<string, [number, Record<string, { credits: string; debits: string; count: number }>]> = {
      'moj-citi_example.bai2': [1, { GBP: { credits: '0.01', debits: '0.00', count: 1 } }],
      'moj-nwb_example.bai2': [1, { GBP: { credits: '0.89', debits: '27.65', count: 5 } }],
      'moj-svb_us_example.bai2': [2, { USD: { credits: '13959.96', debits: '0.00', count: 2 } }],
      'moov-sample1-cad.bai2': [2, { CAD: { credits: '3200.00', debits: '3200.00', count: 17 } }],
      'moov-sample2-bai-spec-multigroup.bai2': [5, { USD: { credits: '309500.00', debits: '0.00', count: 4 } }],
      'moov-sample4-continuations.bai2': [5, { USD: { credits: '6007.31', debits: '313490.55', count: 17 } }],
    };
    for (const [file, [statements, totals]] of Object.entries(expected)) {
      const r = await parse(file);
      expect(r.rejections, file).toEqual([]);
      expect(r.statements, file).toHaveLength(statements);
      expect(controlTotals(r.lines), file).toEqual(totals);
    }
  });

  it('multi-group spec sample: funds types S/V, 88 text continuation, signed balances, default USD', async () => {
    const r = await parse('moov-sample2-bai-spec-multigroup.bai2');
    expect(r.lines.find((l) => l.bankReference === 'SP4738')).toMatchObject({
      amount: '200000.00',
      valueDate: '2004-06-22',
      customerReference: 'YRC065321',
      transactionCode: '218',
      remittance: ['PROCEEDS OF LETTER OF CREDIT FROM THE ARAMCO OIL CO'],
    });
    expect(r.statements[1]).toMatchObject({
      account: { number: '9876543210', currency: 'USD' },
      openingBalance: { amount: '-5000.00', code: '010' },
    });
    expect(r.lines[1]!.remittance).toEqual(['LOCK BOX NO.68751']);
  });

  it('continuations sample: key/value remittance, ACH and wire returns with reason', async () => {
    const r = await parse('moov-sample4-continuations.bai2');
    const returns = r.lines.filter((l) => l.reversal);
    expect(returns.map((l) => [l.transactionCode, l.direction, l.amount, l.returnInfo?.reason])).toEqual([
      ['261', 'credit', '1435.00', 'Individual Rejected Credit'],
      ['557', 'debit', '2000.00', 'R02: Individual ACH Return Item'],
      ['266', 'credit', '19.12', 'Return Item'],
      ['257', 'credit', '600.00', 'R02: Individual ACH Return Item'],
      ['255', 'credit', '9.31', 'Check Posted and Returned'],
    ]);
    expect(r.lines[0]).toMatchObject({
      bankReference: 'SPB2322984714570',
      endToEndId: '1111',
      direction: 'debit',
      amount: '600.00',
    });
    expect(r.statements[2]!.warnings?.some((w) => /do not reconcile/.test(w))).toBe(true);
  });

  it('NatWest, Citi UK and SVB files', async () => {
    const nwb = await parse('moj-nwb_example.bai2');
    expect(nwb.statements[0]).toMatchObject({
      account: { number: '88888888 600004', currency: 'GBP' },
      openingBalance: { amount: '365.21' },
      declared: { credits: '0.89', debits: '27.65', count: 5 },
    });
    expect(nwb.statements[0]!.warnings).toBeUndefined();
    expect(nwb.lines[4]!.remittance).toEqual([
      'TFR XBANKGO24007680SJ CAT JPY 2 GBPXBANKGO24007680BGC INTERNATIONAL-5373 CLIE',
      'NT SECCY AC TFR',
    ]);
    const citi = await parse('moj-citi_example.bai2');
    expect(citi.lines[0]).toMatchObject({
      amount: '0.01',
      currency: 'GBP',
      bookingDate: '2015-07-15',
      valueDate: '2015-07-15',
      bankReference: '1234567890',
      customerReference: 'RP12312312312312',
    });
    expect(citi.lines[0]!.remittance).toHaveLength(7);
    const svb = await parse('moj-svb_us_example.bai2');
    expect(svb.lines.map((l) => [l.bookingDate, l.amount, l.bankReference])).toEqual([
      ['2022-02-01', '4901.96', '172629'],
      ['2022-02-02', '9058.00', '150675'],
    ]);
    expect(svb.statements.every((s) => !s.warnings)).toBe(true);
  });
});

describe('bai2 bad input', () => {
  const good = readFileSync(sample('bai2', 'moov-sample1-cad.bai2'), 'utf8');
  it('a bad amount or type code rejects that detail with its line; the rest is kept', async () => {
    const bad = good
      .replace('16,409,000000000090000,V,060316', '16,409,0000000000X0000,V,060316')
      .replace('16,108,000000000203500', '16,ABC,000000000203500');
    const r = await collectParse(bai2, fromBuffer('bad.bai2', bad));
    expect(r.rejections).toEqual([
      {
        position: { index: 1, line: 6 },
        reason: expect.stringMatching(/"0000000000X0000" is not a whole number/),
        field: '16/amount',
      },
      { position: { index: 3, line: 8 }, reason: expect.stringMatching(/type code "ABC"/), field: '16/type' },
    ]);
    expect(r.lines).toHaveLength(15);
  });
  it('an unknown currency rejects the account section with a reason', async () => {
    const bad = good.replace('03,10200123456,CAD,040', '03,10200123456,XYZ,040');
    const r = await collectParse(bai2, fromBuffer('bad.bai2', bad));
    expect(r.rejections[0]).toMatchObject({
      position: { line: 3 },
      reason: expect.stringMatching(/unknown currency "XYZ"/),
    });
    expect(r.rejections.filter((x) => /outside an account section/.test(x.reason))).toHaveLength(11);
    expect(r.lines).toHaveLength(6); // the second day's section is read
  });
  it('a truncated file still yields its details and warns on the open section', async () => {
    const cut = good.slice(0, good.indexOf('49,+00000000000834000'));
    const r = await collectParse(bai2, fromBuffer('cut.bai2', cut));
    expect(r.lines).toHaveLength(11);
    expect(r.statements[0]!.warnings).toEqual(['the file ends inside this account section (no 49 trailer)']);
  });
});
