import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  formatConformanceProblems,
  runConnectorConformance,
  type CustomerRecord,
  type FxRateRecord,
  type OpenInvoiceRecord,
  type ParseOutput,
} from '@hexiao/plugins/sdk';
import customersCsv from '../customers-csv/index.ts';
import invoicesCsv from '../invoices-csv/index.ts';
import fxRatesCsv from '../fx-rates-csv/index.ts';
import { rejections, runConnector } from '../xml-dom/test-support.ts';

const samples = path.join(path.dirname(fileURLToPath(import.meta.url)), 'samples');
const file = (name: string) => path.join(samples, name);
const records = <T>(out: ParseOutput[]) => out.filter((o) => !('rejected' in o)) as T[];
const rejected = (out: ParseOutput[]) =>
  rejections(out).map((r) => [r.rejected.position.line, r.rejected.field, r.rejected.reason.replace(/^\S+ /, '')]);

describe('master-data CSV connectors pass the conformance kit on their samples', () => {
  for (const [connector, name] of [
    [customersCsv, 'customers.csv'],
    [invoicesCsv, 'invoices.csv'],
    [fxRatesCsv, 'fx-rates.csv'],
  ] as const)
    it(connector.id, async () => {
      const report = await runConnectorConformance({
        connector: connector as typeof customersCsv,
        samples: [file(name)],
      });
      expect(formatConformanceProblems(report)).toBe('');
      expect(report.notChecked).toEqual([]);
    });
});

describe('customers-csv', () => {
  it('reads the default headers, several payer accounts, groups; rejects bad rows with their lines', async () => {
    const { out } = await runConnector(customersCsv, file('customers.csv'));
    const got = records<CustomerRecord>(out);
    expect(got.map((c) => c.code)).toEqual(['GRP-HUAXIA', 'HX-SH', 'HX-BJ', 'ACME-DE', 'BRAVO-FR', 'FOX-CH']);
    const sh = got[1]!;
    expect(sh).toMatchObject({
      name: 'Huaxia Trading (Shanghai) Co. Ltd',
      taxId: '91310000MA1FL0002X',
      parentCode: 'GRP-HUAXIA',
      region: 'East',
      salesOwner: 'li.wei@example.com',
      currency: 'CNY',
      paymentTermsDays: 45,
      bankAccounts: [{ number: '6222021001000000002' }, { number: '6222021001000000003' }],
      position: { index: 1, line: 3 },
    });
    expect(got[3]!.bankAccounts).toEqual([{ iban: 'DE89370400440532013000' }, { iban: 'GB82WEST12345698765432' }]);
    expect(got[4]!.paymentTermsDays).toBeUndefined();
    expect(rejected(out)).toEqual([
      [7, 'code', 'line 7: customer code is missing'],
      [8, 'currency', 'line 8: "EURO" is not an ISO 4217 currency code'],
      [9, 'paymentTermsDays', 'line 9: "thirty" is not a whole number of days'],
      [10, 'code', 'line 10: customer HX-SH is already on line 3'],
    ]);
  });

  it('maps other headers through columns, keeps the other defaults, and refuses a configured column that is missing', async () => {
    const data = 'KUNNR;NAME1;iban\nC1;Kunde Eins;DE89 3704 0044 0532 0130 00\n';
    const { out } = await runConnector(
      customersCsv,
      { name: 'sap.csv', data },
      { delimiter: ';', columns: { code: 'KUNNR', name: 'NAME1' } },
    );
    expect(records<CustomerRecord>(out)).toEqual([
      {
        type: 'customer',
        sourceKey: 'C1',
        code: 'C1',
        name: 'Kunde Eins',
        bankAccounts: [{ iban: 'DE89370400440532013000' }],
        position: { index: 0, line: 2 },
      },
    ]);
    await expect(runConnector(customersCsv, { name: 'sap.csv', data }, { delimiter: ';' })).rejects.toThrow(
      /column "code" \(columns.code\) is not in the header \(KUNNR, NAME1, iban\)/,
    );
    await expect(
      runConnector(
        customersCsv,
        { name: 'sap.csv', data },
        { delimiter: ';', columns: { code: 'KUNNR', name: 'NAME1', region: 'REGIO' } },
      ),
    ).rejects.toThrow(/column "REGIO" \(columns.region\)/);
  });

  it('rejects an IBAN that is not IBAN-shaped and a customer that is its own parent', async () => {
    const data = 'code,name,iban,parent_code\nA,Alpha,not-an-iban,\nB,Beta,,B\n';
    const { out } = await runConnector(customersCsv, { name: 'c.csv', data });
    expect(rejected(out)).toEqual([
      [2, 'iban', 'line 2: "not-an-iban" is not an IBAN'],
      [3, 'parentCode', 'line 3: customer B cannot be its own parent'],
    ]);
  });
});

describe('invoices-csv', () => {
  it('reads open items with terms, open amounts, rates and references; rejects the bad rows with their lines', async () => {
    const { out } = await runConnector(invoicesCsv, file('invoices.csv'));
    const got = records<OpenInvoiceRecord>(out);
    expect(got.map((i) => i.number)).toEqual([
      'INV-2024-0001',
      'INV-2024-0002',
      'INV-2024-0003',
      'INV-2024-0004',
      'INV-2024-0005',
      'INV-2024-0009',
    ]);
    expect(got[0]).toEqual({
      type: 'open-invoice',
      sourceKey: 'INV-2024-0001',
      number: 'INV-2024-0001',
      customerCode: 'HX-SH',
      currency: 'CNY',
      amount: '11300',
      issueDate: '2024-05-06',
      dueDate: '2024-06-20',
      orderReference: 'SO-88001',
      position: { index: 0, line: 2 },
    });
    expect(got[1]).toMatchObject({ paymentTermsDays: 45, openAmount: '2650', reference: 'RF18539007547034' });
    expect(got[4]).toMatchObject({ amount: '2380.5', openAmount: '1000', fxRate: '7.75' });
    expect(rejected(out)).toEqual([
      [7, 'amount', 'line 7: "12.3.4" is not an amount'],
      [8, 'customerCode', 'line 8: customer code is missing'],
      [9, 'currency', 'line 9: "XYZ" is not an ISO 4217 currency code'],
      [10, 'number', 'line 10: invoice INV-2024-0003 is already on line 4 with amount 22600, here 22000'],
    ]);
  });

  it('takes the currency from the config, a European number format, and refuses impossible amounts and dates', async () => {
    const data = [
      'invoice_no;customer_code;amount;issue_date;due_date;open_amount',
      'R-1;K1;1.234,50;01.03.2024;31.03.2024;234,50',
      'R-2;K1;100,00;01.03.2024;01.02.2024;',
      'R-3;K1;100,00;01.03.2024;;150,00',
      'R-4;K1;0,00;01.03.2024;;',
      'R-5;K1;10,00;31.02.2024;;',
    ].join('\n');
    const { out } = await runConnector(
      invoicesCsv,
      { name: 'de.csv', data },
      { delimiter: ';', currency: 'EUR', decimalSeparator: ',', thousandsSeparator: '.', dateFormat: 'DD.MM.YYYY' },
    );
    expect(records<OpenInvoiceRecord>(out)).toMatchObject([
      {
        number: 'R-1',
        currency: 'EUR',
        amount: '1234.5',
        openAmount: '234.5',
        issueDate: '2024-03-01',
        dueDate: '2024-03-31',
      },
    ]);
    expect(rejected(out)).toEqual([
      [3, 'dueDate', 'line 3: due date 2024-02-01 is before the issue date 2024-03-01'],
      [4, 'openAmount', 'line 4: open amount 150 is more than the invoice amount 100'],
      [5, 'amount', 'line 5: amount is zero'],
      [6, 'issueDate', 'line 6: "31.02.2024" is not a valid date'],
    ]);
  });
});

describe('fx-rates-csv', () => {
  it('reads published rates; rejects a repeated pair and date, a pair of one currency and a negative rate', async () => {
    const { out } = await runConnector(fxRatesCsv, file('fx-rates.csv'));
    expect(records<FxRateRecord>(out).map((r) => [r.sourceKey, r.rate])).toEqual([
      ['2024-05-01|EUR|CNY', '7.821'],
      ['2024-05-01|USD|CNY', '7.237'],
      ['2024-06-03|EUR|CNY', '7.748'],
      ['2024-06-03|CHF|CNY', '7.9512'],
      ['2024-06-03|GBP|CNY', '9.14'],
    ]);
    expect(rejected(out)).toEqual([
      [7, 'rate', 'line 7: the GBP→CNY rate for 2024-06-03 is already on line 6 (9.14, here 9.15)'],
      [8, 'to', 'line 8: from and to are both EUR'],
      [9, 'rate', 'line 9: "-7.7" is negative'],
    ]);
  });

  it('takes the quote currency from the config when the file has no to column', async () => {
    const { out } = await runConnector(
      fxRatesCsv,
      { name: 'ecb.csv', data: 'date,from,rate\n2024-06-03,USD,0.9213\n' },
      { to: 'EUR' },
    );
    expect(records<FxRateRecord>(out)).toEqual([
      {
        type: 'fx-rate',
        sourceKey: '2024-06-03|USD|EUR',
        date: '2024-06-03',
        from: 'USD',
        to: 'EUR',
        rate: '0.9213',
        position: { index: 0, line: 2 },
      },
    ]);
  });
});
