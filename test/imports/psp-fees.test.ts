import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDeps, importFiles, importTenant } from './support.ts';
import { createCustomers } from '../../packages/server/src/domain/customers/index.ts';
import { listDocuments } from '../../packages/server/src/store/repos/documents.ts';

const csv = `Date,Value Date,Amount,Currency,Counterparty,Counterparty Account,Reference,Description,Fee
2026-11-02,2026-11-02,100.00,EUR,Payer GmbH,DE89370400440532013000,REF-1,Invoice INV-1,2.50
2026-11-03,2026-11-03,50.00,EUR,Someone,DE02120300000000202051,REF-2,unknown payer,1.00
`;

describe('payment-service fees', () => {
  it('post the net receipt and, for a known payer, a bank-fee adjustment for the fee', async () => {
    const ctx = await importTenant();
    const deps = await importDeps();
    await createCustomers(deps, ctx, [
      { code: 'PAYER', name: 'Payer GmbH', bankAccounts: [{ iban: 'DE89370400440532013000' }] },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'hexiao-psp-'));
    const file = join(dir, 'psp.csv');
    writeFileSync(file, csv);
    const config = { preset: 'generic', account: { iban: 'DE44500105175407324931' }, columns: { fee: 'Fee' } };
    const report = await importFiles(ctx, 'csv-bank', [file], {
      inline: { connector: 'csv-bank', config, options: { unknownBankAccount: 'register' } },
    });
    expect(report.rejections).toEqual([]);
    expect(report.receipts).toMatchObject({ posted: 2, unidentified: 1, feeAdjustments: 1, feesPending: 1 });
    const docs = await listDocuments(deps.db, ctx.tenant.id, { limit: 10 });
    const amounts = docs.map((d) => `${d.docType}${d.adjustmentKind ? `:${d.adjustmentKind}` : ''} ${d.amount}`).sort();
    expect(amounts).toEqual(['adjustment:bank-fee 2.5000', 'receipt 49.0000', 'receipt 97.5000']);
  });
});
