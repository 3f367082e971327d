import { postDocument, saveVoucher } from '../../packages/server/src/domain/ledger/index.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import type { ledgerSetup } from '../ledger/setup.ts';

export type Setup = Awaited<ReturnType<typeof ledgerSetup>>;

/** An invoice of 4 May 2026, due 3 June, in CNY unless said otherwise. */
export const invoice = (s: Setup, customerId: string, amount: string, o: { currency?: string; fxRate?: string } = {}) =>
  postDocument(s.deps, s.ctx, {
    type: 'invoice',
    customerId,
    currency: o.currency ?? 'CNY',
    amount,
    fxRate: o.fxRate,
    documentDate: '2026-05-04',
    dueDate: '2026-06-03',
  });

/** What a provisioning run posts at the end of May: Dr 6702 / Cr 1231 on the customer. */
export const provide = (s: Setup, customerId: string, amount: string) =>
  s.database.db.transaction((tx) =>
    saveVoucher(tx, s.ctx, {
      voucherDate: '2026-05-31',
      sourceType: 'document',
      sourceId: newId(),
      description: 'test provision',
      currency: 'CNY',
      total: amount,
      mappingKey: 'test',
      mappingVersion: 0,
      lines: [
        { accountCode: '6702', accountName: 'Bad debt expense', debit: amount, credit: '0', customerId },
        { accountCode: '1231', accountName: 'Allowance', debit: '0', credit: amount, customerId },
      ].map((l) => ({ ...l, currency: null, amountCurrency: null, documentId: null, memo: null })),
    }),
  );
