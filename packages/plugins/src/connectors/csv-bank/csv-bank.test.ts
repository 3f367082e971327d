import iconv from 'iconv-lite';
import { Decimal } from '@hexiao/dsl';
import { describe, expect, it } from 'vitest';
import {
  collectParse,
  controlTotals,
  formatConformanceProblems,
  fromBuffer,
  fromFile,
  runConnectorConformance,
} from '@hexiao/plugins/sdk';
import { sharedFolder, sample } from '../../../../../test/support/samples.ts';
import { describeListed } from '../../../../../test/support/skip.ts';
import { sampleConfigs } from './sample-configs.ts';
import csvBank from './index.ts';

const parse = (file: string) => collectParse(csvBank, fromFile(sample('csv', file)), sampleConfigs[file]);
const sum = (values: string[]) => values.reduce((a, v) => a.plus(v), new Decimal(0)).toFixed(2);

describeListed('csv-bank on the shared samples', () => {
  it('has a config for every sample and passes the conformance kit with them', async () => {
    const report = await runConnectorConformance({
      connector: csvBank,
      samples: sharedFolder('csv'),
      config: (file) => sampleConfigs[file.split('/').pop()!]!,
    });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files.map((f) => f.file).sort()).toEqual(Object.keys(sampleConfigs).sort());
    expect(report.files.every((f) => f.rejections === 0)).toBe(true);
  });

  it('PayPal activity: 76 rows, gross receipts with the fee as charges, thousands separators, dd/mm/yyyy', async () => {
    const r = await parse('oca-paypal-activity_en.csv');
    expect(r.lines).toHaveLength(76);
    expect(controlTotals(r.lines)).toEqual({
      AUD: { credits: '100.00', debits: '100.00', count: 2 },
      EUR: { credits: '59427.02', debits: '59383.68', count: 29 },
      USD: { credits: '74408.02', debits: '71480.24', count: 45 },
    });
    expect(sum(r.lines.flatMap((l) => l.charges?.map((c) => c.amount) ?? []))).toBe('2925.88');
    expect(r.lines.find((l) => l.bankReference === 'TID4')).toMatchObject({
      bookingDate: '2016-06-09',
      amount: '1653.75',
      direction: 'credit',
      charges: [{ amount: '73.07', currency: 'USD' }],
      customerReference: '31',
      counterparty: { name: 'PARTNER2', id: 'paypal@partner2.com' },
    });
    const withdrawal = r.lines.find((l) => l.bankReference === 'TID11')!;
    expect(withdrawal).toMatchObject({ direction: 'debit', amount: '12431.37', currency: 'EUR', status: 'Pending' });
    expect(withdrawal.counterparty?.id).toBeUndefined(); // the payee column is empty; never our own e-mail
  });

  it('Adyen settlement detail: 228 rows; receipts − refunds − fees − charges = the payout', async () => {
    const r = await parse('oca-adyen-settlement_detail_report_batch_380.csv');
    expect(r.lines).toHaveLength(228);
    expect(controlTotals(r.lines)).toEqual({ USD: { credits: '56827.75', debits: '56438.12', count: 228 } });
    const charges = sum(r.lines.flatMap((l) => l.charges?.map((c) => c.amount) ?? []));
    expect(charges).toBe('389.63');
    const payout = r.lines.find((l) => l.transactionCode === 'MerchantPayout')!;
    expect(payout.amount).toBe('55308.07');
    const credits = sum(r.lines.filter((l) => l.direction === 'credit').map((l) => l.amount));
    const otherDebits = sum(r.lines.filter((l) => l.direction === 'debit' && l !== payout).map((l) => l.amount));
    expect(new Decimal(credits).minus(otherDebits).minus(charges).toFixed(2)).toBe('55308.07');
    expect(r.lines[0]).toMatchObject({
      bookingDate: '2021-01-06',
      amount: '31.45',
      charges: [{ amount: '0.30', currency: 'USD' }],
      customerReference: 'CM1000028854',
      endToEndId: '1829098024817852',
      bankReference: '7429098024927090',
    });
  });

  it('Stripe: lower-case currency, created and available dates, refund as a debit', async () => {
    const r = await parse('hledger-stripe.csv');
    expect(
      r.lines.map((l) => [l.bookingDate, l.valueDate, l.direction, l.amount, l.currency, l.transactionCode]),
    ).toEqual([
      ['2020-01-23', '2020-01-27', 'credit', '12.00', 'USD', 'charge'],
      ['2020-01-23', '2020-01-27', 'debit', '0.77', 'USD', 'refund'],
    ]);
    expect(r.lines[1]!.remittance).toEqual(['REFUND FOR PAYMENT']);
  });

  it('CSB43, cp1252, separate debit/credit with decimal comma, generic US layout', async () => {
    const csb = await parse('hledger-csb43.csv');
    expect(controlTotals(csb.lines)).toEqual({ EUR: { credits: '1500.00', debits: '500.00', count: 2 } });
    expect(csb.lines.map((l) => l.remittance?.[0])).toEqual(['MY_INCOME_LINE', 'MY_EXPENSE_LINE']);
    expect(new Set(csb.lines.map((l) => l.sourceKey)).size).toBe(2); // same document number twice: the second falls back
    const fr = await parse('hledger-sample.fr.cp1252.csv');
    expect(fr.lines.map((l) => [l.bookingDate, l.direction, l.amount, l.remittance?.[0]])).toEqual([
      ['2012-03-22', 'credit', '50.00', 'DÉPÔT'],
      ['2012-03-23', 'debit', '10.00', 'VIREMENT VERS ÉPARGNE'],
      ['2012-03-24', 'debit', '20.00', 'CAFÉ — €20 REÇU'],
    ]);
    const meta = await parse('oca-meta_data_separated_credit_debit.csv');
    expect(meta.lines.map((l) => [l.bookingDate, l.direction, l.amount, l.bankReference, l.position.line])).toEqual([
      ['2020-04-01', 'debit', '50.00', 'UNIQUE OP 1', 6],
      ['2020-04-01', 'debit', '100.00', 'UNIQUE OP 2', 7],
      ['2020-04-02', 'debit', '80.68', 'UNIQUE OP 3', 8],
      ['2020-04-02', 'credit', '1300.00', 'UNIQUE OP 4', 9],
    ]);
    const generic = await parse('oca-sample_statement_en.csv');
    expect(controlTotals(generic.lines)).toEqual({
      EUR: { credits: '1525.00', debits: '0.00', count: 1 },
      USD: { credits: '0.00', debits: '33.50', count: 1 },
    });
    expect(generic.lines[0]!.counterparty).toEqual({ name: 'John Doe', account: { number: '123456789' } });
  });
});

describe('csv-bank encodings, sign conventions and bad rows', () => {
  const cfg = {
    currency: 'CNY',
    dateFormat: 'YYYY-MM-DD',
    columns: { bookingDate: '日期', amount: '金额', sign: '借贷', remittance: ['摘要'] },
    creditValues: ['贷'],
    debitValues: ['借'],
  };
  const text = '日期,金额,借贷,摘要\n2024-03-01,1200.00,贷,收到货款 应收账款\n2024-03-02,35.5,借,手续费\n';
  it('reads GBK and GB18030 with a sign column', async () => {
    for (const encoding of ['gbk', 'gb18030']) {
      const r = await collectParse(csvBank, fromBuffer('cn.csv', iconv.encode(text, encoding), { chunkSize: 7 }), {
        ...cfg,
        encoding,
      });
      expect(r.lines.map((l) => [l.direction, l.amount, l.remittance?.[0]])).toEqual([
        ['credit', '1200.00', '收到货款 应收账款'],
        ['debit', '35.50', '手续费'],
      ]);
    }
  });
  it('semicolons, decimal comma with dot thousands, inverted sign', async () => {
    const csv = 'Datum;Betrag;Waehrung\n31.12.2023;1.234,56;EUR\n02.01.2024;-7,00;EUR\n';
    const r = await collectParse(csvBank, fromBuffer('de.csv', csv), {
      delimiter: ';',
      dateFormat: 'DD.MM.YYYY',
      decimalSeparator: ',',
      thousandsSeparator: '.',
      signConvention: 'negative-is-credit',
      columns: { bookingDate: 'Datum', amount: 'Betrag', currency: 'Waehrung' },
    });
    expect(r.lines.map((l) => [l.bookingDate, l.direction, l.amount])).toEqual([
      ['2023-12-31', 'debit', '1234.56'],
      ['2024-01-02', 'credit', '7.00'],
    ]);
  });
  it('bad rows are rejected one by one with row, line, column and reason; good rows are kept', async () => {
    const csv =
      'Date,Amount,Currency\n2024-01-01,10.00,EUR\n2024-02-30,5.00,EUR\n2024-01-03,12.3.4,EUR\n2024-01-04,1.00,XYZ\n2024-01-05,-2.00,usd\n';
    const r = await collectParse(csvBank, fromBuffer('bad.csv', csv), {
      columns: { bookingDate: 'Date', amount: 'Amount', currency: 'Currency' },
    });
    expect(r.lines.map((l) => [l.amount, l.currency, l.direction])).toEqual([
      ['10.00', 'EUR', 'credit'],
      ['2.00', 'USD', 'debit'],
    ]);
    expect(r.rejections).toEqual([
      {
        position: { index: 1, line: 3 },
        reason: expect.stringMatching(/row 2 \(line 3\): "2024-02-30" is not a date/),
        field: 'Date',
      },
      {
        position: { index: 2, line: 4 },
        reason: expect.stringMatching(/Amount "12\.3\.4" is not an amount/),
        field: 'Amount',
      },
      { position: { index: 3, line: 5 }, reason: expect.stringMatching(/unknown currency "XYZ"/), field: 'Currency' },
    ]);
  });
  it('a file without header row, mapped by column index, with value dates and a fixed account', async () => {
    const csv = '20240105|20240106|99.95|C|INV-1 RF18539007547034\n20240107||0.05|D|fee\n';
    const r = await collectParse(csvBank, fromBuffer('noheader.csv', csv), {
      header: false,
      delimiter: '|',
      currency: 'CHF',
      dateFormat: 'YYYYMMDD',
      account: { iban: 'CH93 0076 2011 6238 5295 7' },
      columns: { bookingDate: 0, valueDate: 1, amount: 2, sign: 3, remittance: [4] },
    });
    expect(
      r.lines.map((l) => [
        l.bookingDate,
        l.valueDate,
        l.direction,
        l.amount,
        l.creditorReference,
        l.account.iban,
        l.position,
      ]),
    ).toEqual([
      [
        '2024-01-05',
        '2024-01-06',
        'credit',
        '99.95',
        'RF18539007547034',
        'CH9300762011623852957',
        { index: 0, line: 1 },
      ],
      ['2024-01-07', undefined, 'debit', '0.05', undefined, 'CH9300762011623852957', { index: 1, line: 2 }],
    ]);
  });
  it('a header without the mapped columns is one clear rejection', async () => {
    const r = await collectParse(csvBank, fromBuffer('x.csv', 'a,b\n1,2\n'), { preset: 'stripe' });
    expect(r.lines).toEqual([]);
    expect(r.rejections[0]?.reason).toMatch(/the header has no column for bookingDate.*amount/);
  });
});
