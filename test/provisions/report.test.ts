import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { invoice, publish } from '../aging/setup.ts';
import { byAge } from './plans.ts';
import { ledgerSetup } from '../ledger/setup.ts';
import { postDocument, postWriteOff, trialBalance } from '../../packages/server/src/domain/ledger/index.ts';
import { postRecovery } from '../../packages/server/src/domain/recoveries/index.ts';
import {
  provisionReport,
  provisionReportCsv,
  provisionReportXlsx,
  runProvisioning,
} from '../../packages/server/src/domain/provisions/index.ts';

describe('the provision report: movement reconciled to the allowance account, to the cent', () => {
  it('top-up, write-off, recovery and release over five months; the bad-debt ratio; CSV and XLSX', async () => {
    const s = await ledgerSetup(2);
    const [a, b] = s.customers as [string, string];
    await invoice(s, a, 'A-1', '1000000.00', '2025-03-01', '2025-03-31');
    const bInv = await invoice(s, b, 'B-1', '300000.00', '2025-03-01', '2025-03-31');
    await publish(s, 'provision-plan', 'default', byAge);
    // March: both in their second year, 50 %: 500,000 + 150,000
    const march = await runProvisioning(s.deps, s.ctx, { asOf: '2026-03-31' });
    expect(march.topUp).toBe('650000');
    // April: B's 300,000 written off; the allowance covers 150,000, the rest is expense
    const w = await postWriteOff(s.deps, s.ctx, {
      kind: 'bad-debt',
      items: [{ documentId: bInv }],
      reason: 'bankrupt',
      postingDate: '2026-04-15',
    });
    expect(w.items[0]!.allowanceUsed).toBe('150000');
    // May: 200,000 of it recovered (reinstated against the allowance), then the run releases it
    const cash = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: b,
      currency: 'CNY',
      amount: '200000.00',
      documentDate: '2026-05-20',
    });
    await postRecovery(s.deps, s.ctx, {
      writeOffId: w.items[0]!.document.id,
      receiptId: cash.document.id,
      postingDate: '2026-05-20',
      reason: 'liquidator dividend',
    });
    const may = await runProvisioning(s.deps, s.ctx, { asOf: '2026-05-31' });
    expect([may.topUp, may.released]).toEqual(['0', '200000']);

    const year = await provisionReport(s.database.db, s.ctx, {
      from: '2026-01-01',
      to: '2026-05-31',
      byCustomer: true,
    });
    expect(year.movement).toEqual({
      opening: '0.00',
      topUp: '650000.00',
      released: '200000.00',
      writtenOff: '150000.00',
      recovered: '200000.00',
      other: '0.00',
      closing: '500000.00',
    });
    expect([year.ledgerBalance, year.reconciles, year.account.code]).toEqual(['500000.00', true, '1231']);
    // the ledger's own trial balance agrees: the allowance account closes May with a 500,000 credit balance
    const tb = await trialBalance(s.database.db, s.tenant, '2026-05');
    expect(tb.accounts.find((x) => x.accountCode === '1231')?.closing).toBe('-500000.00');
    expect(year.byCustomer).toEqual([
      expect.objectContaining({ customerId: [a, b].sort()[0] }),
      expect.objectContaining({ customerId: [a, b].sort()[1] }),
    ]);
    expect(year.byCustomer!.find((l) => l.customerId === b)).toMatchObject({
      topUp: '150000.00',
      writtenOff: '150000.00',
      recovered: '200000.00',
      released: '200000.00',
      closing: '0.00',
    });
    expect(year.breakdown).toEqual({
      run: { id: may.id, asOf: '2026-05-31', plan: { key: 'default', version: 1 } },
      cells: [{ stage: 'age', bucket: 'y2', items: 1, openBase: '1000000.00', required: '500000.00' }],
    });
    expect(year.runs.map((r) => [r.asOf, r.topUp, r.released])).toEqual([
      ['2026-03-31', '650000.00', '0.00'],
      ['2026-05-31', '0.00', '200000.00'],
    ]);

    const may2 = await provisionReport(s.database.db, s.ctx, { from: '2026-05-01', to: '2026-05-31' });
    expect(may2.movement).toMatchObject({ opening: '500000.00', released: '200000.00', recovered: '200000.00' });
    expect(may2.byCustomer).toBeUndefined();

    // (300,000 written off − 200,000 recovered) ÷ 1,300,000 of credit sales
    const all = await provisionReport(s.database.db, s.ctx, { from: '2025-01-01', to: '2026-05-31' });
    expect(all.badDebt).toEqual({
      creditSales: '1300000.00',
      writtenOff: '300000.00',
      recovered: '200000.00',
      netLoss: '100000.00',
      ratio: '0.076923',
    });

    const csv = provisionReportCsv(year, 'zh');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv).toContain('期初,计提,转回,核销,收回,其他,期末');
    expect(csv).toContain('全部客户,0.00,650000.00,200000.00,150000.00,200000.00,0.00,500000.00');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await provisionReportXlsx(year, 'en')) as never);
    const sheet = wb.getWorksheet('Allowance movement')!;
    const last = sheet.getRow(sheet.rowCount);
    expect([last.getCell(1).value, last.getCell(8).value]).toEqual(['all customers', 500000]);
    expect(wb.worksheets.map((x) => x.name)).toEqual(['Allowance movement', 'By stage and bucket', 'bad-debt ratio']);
  });

  it('refuses a period that ends before it starts, and dates that are not dates', async () => {
    const s = await ledgerSetup(1);
    await expect(provisionReport(s.database.db, s.ctx, { from: '2026-05-01', to: '2026-04-30' })).rejects.toMatchObject(
      {
        errors: [{ pointer: '/from' }],
      },
    );
    await expect(provisionReport(s.database.db, s.ctx, { to: '2026-02-30' })).rejects.toMatchObject({
      errors: [{ pointer: '/to' }],
    });
  });
});
