import { describe, expect, it } from 'vitest';
import { ledgerSetup, linesOf } from './setup.ts';
import {
  checkBooks,
  postDocument,
  postDocuments,
  reverseDocument,
} from '../../packages/server/src/domain/ledger/index.ts';
import { allocate, reverseSettlement } from '../../packages/server/src/domain/settlement/index.ts';
import { recordFxRates } from '../../packages/server/src/domain/fx/index.ts';
import { setPeriodStatus } from '../../packages/server/src/domain/periods/index.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { verifyAudit } from '../../packages/server/src/domain/audit/index.ts';
import { dec } from '../../packages/server/src/domain/money/index.ts';

const open = async (s: Awaited<ReturnType<typeof ledgerSetup>>, id: string) => {
  const o = (await getOpenItems(s.database.db, s.tenant.id, [id])).get(id)!;
  return { open: dec(o.openAmount).toFixed(2), base: dec(o.openBaseAmount).toFixed(2), status: o.status };
};

describe('ledger worked examples (to the cent)', () => {
  it('CNY invoice with VAT, partial receipt, allocation', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const inv = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      number: 'INV-1',
      customerId: c,
      currency: 'CNY',
      amount: '1130.00',
      taxAmount: '130.00',
      documentDate: '2026-11-02',
      dueDate: '2026-12-02',
    });
    expect(linesOf(inv.voucher)).toEqual([
      ['1122', '1130.00', ''],
      ['6001', '', '1000.00'],
      ['2221', '', '130.00'],
    ]);
    expect(inv.voucher.voucherNo).toBe('2026-11-000001');
    expect(inv.voucher.mappingVersion).toBe(0);
    const rct = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'CNY',
      amount: '1000.00',
      documentDate: '2026-11-05',
      valueDate: '2026-11-04',
    });
    expect(linesOf(rct.voucher)).toEqual([
      ['1002', '1000.00', ''],
      ['2241', '', '1000.00'],
    ]);
    const st = await allocate(s.deps, s.ctx, {
      postingDate: '2026-11-05',
      lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '1000.00' }],
    });
    expect(linesOf(st.voucher!)).toEqual([
      ['2241', '1000.00', ''],
      ['1122', '', '1000.00'],
    ]);
    expect(st.voucher!.voucherNo).toBe('2026-11-000003');
    expect(await open(s, inv.document.id)).toEqual({ open: '130.00', base: '130.00', status: 'partial' });
    expect(await open(s, rct.document.id)).toEqual({ open: '0.00', base: '0.00', status: 'settled' });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
    expect((await verifyAudit(s.deps, s.tenant.id)).ok).toBe(true);
  });

  it('USD invoice booked at 7.10 and settled by a USD receipt at 7.20 posts a realised FX gain of 100.00 CNY', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    await recordFxRates(s.deps, s.ctx, [
      { rateDate: '2026-11-01', fromCurrency: 'USD', toCurrency: 'CNY', rate: '7.1000' },
      { rateDate: '2026-11-20', fromCurrency: 'USD', toCurrency: 'CNY', rate: '7.2000' },
    ]);
    const inv = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: c,
      currency: 'USD',
      amount: '1000.00',
      documentDate: '2026-11-03',
    });
    expect(inv.document.fxRate).toBe('7.1');
    expect(linesOf(inv.voucher)).toEqual([
      ['1122', '7100.00', ''],
      ['6001', '', '7100.00'],
    ]);
    const rct = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'USD',
      amount: '1000.00',
      documentDate: '2026-11-21',
    });
    expect(linesOf(rct.voucher)).toEqual([
      ['1002', '7200.00', ''],
      ['2241', '', '7200.00'],
    ]);
    const st = await allocate(s.deps, s.ctx, {
      postingDate: '2026-11-21',
      lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '1000.00' }],
    });
    expect(linesOf(st.voucher!)).toEqual([
      ['2241', '7200.00', ''],
      ['1122', '', '7100.00'],
      ['6061', '', '100.00'],
    ]);
    expect(st.settlement.lines[0]!.fxDifference).toBe('100');
    // undoing the settlement posts its mirror and restores both open items
    const rev = await reverseSettlement(s.deps, s.ctx, {
      settlementId: st.settlement.id,
      reason: 'wrong customer',
      postingDate: '2026-11-22',
    });
    expect(linesOf(rev.voucher!)).toEqual([
      ['1122', '7100.00', ''],
      ['6061', '100.00', ''],
      ['2241', '', '7200.00'],
    ]);
    expect(await open(s, inv.document.id)).toEqual({ open: '1000.00', base: '7100.00', status: 'open' });
    await expect(
      reverseSettlement(s.deps, s.ctx, { settlementId: st.settlement.id, reason: 'again', postingDate: '2026-11-22' }),
    ).rejects.toMatchObject({ type: 'conflict' });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('USD invoice 333.33 at 7.1234 settled in two parts by a CNY-base rate of 7.00: losses 13.71 and 27.42, base cleared exactly', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const inv = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: c,
      currency: 'USD',
      amount: '333.33',
      fxRate: '7.1234',
      documentDate: '2026-11-03',
    });
    expect(dec(inv.document.baseAmount).toFixed(2)).toBe('2374.44');
    const r1 = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'USD',
      amount: '111.11',
      fxRate: '7',
      documentDate: '2026-11-10',
    });
    const r2 = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'USD',
      amount: '222.22',
      fxRate: '7',
      documentDate: '2026-11-11',
    });
    const s1 = await allocate(s.deps, s.ctx, {
      postingDate: '2026-11-10',
      lines: [{ debitDocumentId: inv.document.id, creditDocumentId: r1.document.id, amount: '111.11' }],
    });
    expect(linesOf(s1.voucher!)).toEqual([
      ['2241', '777.77', ''],
      ['6062', '13.71', ''],
      ['1122', '', '791.48'],
    ]);
    const s2 = await allocate(s.deps, s.ctx, {
      postingDate: '2026-11-11',
      lines: [{ debitDocumentId: inv.document.id, creditDocumentId: r2.document.id, amount: '222.22' }],
    });
    expect(linesOf(s2.voucher!)).toEqual([
      ['2241', '1555.54', ''],
      ['6062', '27.42', ''],
      ['1122', '', '1582.96'],
    ]);
    expect(await open(s, inv.document.id)).toEqual({ open: '0.00', base: '0.00', status: 'settled' });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('a CNY receipt settles a USD invoice across currencies with both amounts', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const inv = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: c,
      currency: 'USD',
      amount: '500.00',
      fxRate: '7.10',
      documentDate: '2026-11-03',
    });
    const rct = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'CNY',
      amount: '3600.00',
      documentDate: '2026-11-12',
    });
    await expect(
      allocate(s.deps, s.ctx, {
        postingDate: '2026-11-12',
        lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '500.00' }],
      }),
    ).rejects.toMatchObject({
      errors: [{ pointer: '/lines/0/creditAmount' }],
    });
    const st = await allocate(s.deps, s.ctx, {
      postingDate: '2026-11-12',
      lines: [
        {
          debitDocumentId: inv.document.id,
          creditDocumentId: rct.document.id,
          amount: '500.00',
          creditAmount: '3600.00',
        },
      ],
    });
    expect(linesOf(st.voucher!)).toEqual([
      ['2241', '3600.00', ''],
      ['1122', '', '3550.00'],
      ['6061', '', '50.00'],
    ]);
  });

  it('an invoice relieves its estimate partly in the same transaction', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const est = await postDocument(s.deps, s.ctx, {
      type: 'estimate',
      number: 'EST-9',
      customerId: c,
      currency: 'CNY',
      amount: '5000.00',
      documentDate: '2026-11-01',
      orderRef: 'SO-9',
    });
    expect(linesOf(est.voucher)).toEqual([
      ['1123', '5000.00', ''],
      ['2205', '', '5000.00'],
    ]);
    const inv = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      number: 'INV-9',
      customerId: c,
      currency: 'CNY',
      amount: '3390.00',
      taxAmount: '390.00',
      documentDate: '2026-11-15',
      orderRef: 'SO-9',
      relievesEstimates: [{ estimateId: est.document.id, amount: '3000.00' }],
    });
    expect(inv.reliefs).toHaveLength(1);
    expect(inv.reliefs[0]!.document).toMatchObject({
      reversesId: est.document.id,
      side: 'credit',
      number: 'R:EST-9:INV-9',
    });
    expect(linesOf(inv.reliefs[0]!.voucher)).toEqual([
      ['2205', '3000.00', ''],
      ['1123', '', '3000.00'],
    ]);
    expect(await open(s, est.document.id)).toEqual({ open: '2000.00', base: '2000.00', status: 'partial' });
    await expect(
      postDocument(s.deps, s.ctx, {
        type: 'invoice',
        customerId: c,
        currency: 'CNY',
        amount: '2500.00',
        documentDate: '2026-11-16',
        relievesEstimates: [{ estimateId: est.document.id, amount: '2500.00' }],
      }),
    ).rejects.toMatchObject({ type: 'invalid_data', errors: [{ pointer: '/amount' }] });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('reverses a document once, refuses twice, and refuses postings into a closed period', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const inv = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: c,
      currency: 'CNY',
      amount: '100.00',
      taxAmount: '11.50',
      documentDate: '2026-10-30',
    });
    const red = await reverseDocument(s.deps, s.ctx, {
      documentId: inv.document.id,
      reason: 'billed twice',
      postingDate: '2026-10-31',
    });
    expect(red.reversal).toMatchObject({ reversesId: inv.document.id, side: 'credit', amount: '100' });
    expect(linesOf(red.voucher)).toEqual([
      ['6001', '88.50', ''],
      ['2221', '11.50', ''],
      ['1122', '', '100.00'],
    ]);
    await expect(
      reverseDocument(s.deps, s.ctx, { documentId: inv.document.id, reason: 'again', postingDate: '2026-10-31' }),
    ).rejects.toMatchObject({ type: 'conflict' });
    await expect(
      reverseDocument(s.deps, s.ctx, { documentId: red.reversal.id, reason: 'undo', postingDate: '2026-10-31' }),
    ).rejects.toMatchObject({ type: 'conflict' });
    await setPeriodStatus(s.deps, s.ctx, '2026-10', 'closed');
    await expect(
      postDocument(s.deps, s.ctx, {
        type: 'invoice',
        customerId: c,
        currency: 'CNY',
        amount: '1.00',
        documentDate: '2026-10-31',
      }),
    ).rejects.toMatchObject({ type: 'period_closed' });
    const report = await checkBooks(s.database.db, s.tenant.id);
    expect(report.violations).toEqual([]);
    expect(report.documents).toBe(2);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const base = {
      type: 'invoice' as const,
      customerId: c,
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-11-02',
    };
    await expect(postDocument(s.deps, s.ctx, { ...base, currency: 'XYZ' })).rejects.toMatchObject({
      errors: [{ pointer: '/currency' }],
    });
    await expect(postDocument(s.deps, s.ctx, { ...base, amount: '0' })).rejects.toMatchObject({
      errors: [{ pointer: '/amount' }],
    });
    await expect(postDocument(s.deps, s.ctx, { ...base, amount: '-3.00' })).rejects.toMatchObject({
      errors: [{ pointer: '/amount' }],
    });
    await expect(
      postDocument(s.deps, s.ctx, { ...base, customerId: '0190a0a0-0000-7000-8000-000000000000' }),
    ).rejects.toMatchObject({ errors: [{ pointer: '/customerId' }] });
    await expect(postDocument(s.deps, s.ctx, { ...base, currency: 'USD' })).rejects.toMatchObject({
      errors: [{ pointer: '/fxRate' }],
    });
    await expect(postDocument(s.deps, s.ctx, { ...base, custom: { color: 'red' } })).rejects.toMatchObject({
      errors: [{ pointer: '/custom' }],
    });
    const inv = await postDocument(s.deps, s.ctx, base);
    const rct = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      currency: 'CNY',
      amount: '50.00',
      documentDate: '2026-11-02',
    });
    expect(rct.document.customerId).toBeNull();
    await expect(
      allocate(s.deps, s.ctx, {
        postingDate: '2026-11-03',
        lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '10.01' }],
      }),
    ).rejects.toMatchObject({
      type: 'invalid_data',
      errors: [{ pointer: '/lines/0/amount' }],
    });
    await expect(
      allocate(s.deps, s.ctx, {
        postingDate: '2026-11-03',
        lines: [{ debitDocumentId: rct.document.id, creditDocumentId: inv.document.id, amount: '1.00' }],
      }),
    ).rejects.toMatchObject({
      errors: [{ pointer: '/lines/0/debitDocumentId' }],
    });
    await expect(
      allocate(s.deps, s.ctx, {
        postingDate: '2026-11-01',
        lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '1.00' }],
      }),
    ).rejects.toMatchObject({
      errors: [{ pointer: '/postingDate' }],
    });
    const report = await checkBooks(s.database.db, s.tenant.id);
    expect(report).toMatchObject({ ok: true, documents: 2, vouchers: 2, settlements: 0 });
  });

  it('posts a batch of documents in one transaction, all or nothing, with errors pointing into the batch', async () => {
    const s = await ledgerSetup(2);
    const [a, b] = s.customers;
    const doc = (customerId: string | undefined, amount: string) => ({
      type: 'invoice' as const,
      customerId,
      currency: 'CNY',
      amount,
      documentDate: '2026-11-02',
    });
    await expect(postDocuments(s.deps, s.ctx, [doc(a, '1.00'), doc(b, '0')])).rejects.toMatchObject({
      errors: [{ pointer: '/documents/1/amount' }],
    });
    await expect(
      postDocuments(s.deps, s.ctx, [
        doc(a, '1.00'),
        doc(b, '2.00'),
        doc('0190a0a0-0000-7000-8000-000000000000', '3.00'),
      ]),
    ).rejects.toMatchObject({ errors: [{ pointer: '/documents/2/customerId' }] });
    expect((await checkBooks(s.database.db, s.tenant.id)).documents).toBe(0);
    await postDocument(s.deps, s.ctx, { ...doc(a, '9.00'), number: 'INV-TAKEN' });
    await expect(
      postDocuments(s.deps, s.ctx, [doc(a, '1.00'), { ...doc(b, '2.00'), number: 'INV-TAKEN' }]),
    ).rejects.toMatchObject({ type: 'conflict', errors: [{ pointer: '/documents/1/number' }] });
    await expect(
      postDocuments(s.deps, s.ctx, [
        { ...doc(a, '1.00'), number: 'X-1' },
        { ...doc(b, '2.00'), number: 'X-1' },
      ]),
    ).rejects.toMatchObject({ type: 'conflict', errors: [{ pointer: '/documents/1/number' }] });
    const posted = await postDocuments(
      s.deps,
      s.ctx,
      Array.from({ length: 25 }, (_, i) => doc(i % 2 ? a : b, `${i + 1}.00`)),
    );
    expect(posted.map((p) => p.voucher.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    const books = await checkBooks(s.database.db, s.tenant.id);
    expect(books).toMatchObject({ ok: true, documents: 26, vouchers: 26 });
    const audit = await verifyAudit(s.deps, s.tenant.id);
    expect(audit).toMatchObject({ ok: true, checked: 2 });
  });

  it('an invoice naming the order reference relieves that order’s open estimates up to its net amount', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers;
    const est = await postDocument(s.deps, s.ctx, {
      type: 'estimate',
      customerId: c,
      currency: 'CNY',
      amount: '1000.00',
      documentDate: '2026-11-01',
      orderRef: 'SO-7',
    });
    const first = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: c,
      currency: 'CNY',
      amount: '678.00',
      taxAmount: '78.00',
      documentDate: '2026-11-10',
      orderRef: 'SO-7',
    });
    expect(first.reliefs.map((r) => r.document.amount)).toEqual(['600']);
    expect(await open(s, est.document.id)).toEqual({ open: '400.00', base: '400.00', status: 'partial' });
    const none = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: c,
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-11-11',
      orderRef: 'SO-7',
      relievesEstimates: [],
    });
    expect(none.reliefs).toEqual([]);
    const second = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: c,
      currency: 'CNY',
      amount: '565.00',
      taxAmount: '65.00',
      documentDate: '2026-11-12',
      orderRef: 'SO-7',
    });
    expect(second.reliefs.map((r) => r.document.amount)).toEqual(['400']);
    expect(await open(s, est.document.id)).toEqual({ open: '0.00', base: '0.00', status: 'settled' });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('a batch relieving one order’s estimate twice sees its own earlier relief', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers;
    const est = await postDocument(s.deps, s.ctx, {
      type: 'estimate',
      customerId: c,
      currency: 'CNY',
      amount: '1000.00',
      documentDate: '2026-11-01',
      orderRef: 'SO-8',
    });
    const inv = (amount: string) => ({
      type: 'invoice' as const,
      customerId: c,
      currency: 'CNY',
      amount,
      documentDate: '2026-11-10',
      orderRef: 'SO-8',
    });
    const posted = await postDocuments(s.deps, s.ctx, [inv('700.00'), inv('500.00')]);
    expect(posted.map((p) => p.reliefs.map((r) => r.document.amount))).toEqual([['700'], ['300']]);
    expect(await open(s, est.document.id)).toEqual({ open: '0.00', base: '0.00', status: 'settled' });
    await expect(
      postDocuments(s.deps, s.ctx, [
        { ...inv('10.00'), relievesEstimates: [{ estimateId: est.document.id, amount: '1.00' }] },
      ]),
    ).rejects.toMatchObject({ type: 'invalid_data' });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });
  it('a batch reads its invoices’ estimates at once and relieves each customer’s own, by order or by delivery', async () => {
    const s = await ledgerSetup(2);
    const [a, b] = s.customers;
    const estimate = (customerId: string, refs: { orderRef?: string; deliveryRef?: string }) =>
      postDocument(s.deps, s.ctx, {
        type: 'estimate',
        customerId: customerId!,
        currency: 'CNY',
        amount: '100.00',
        documentDate: '2026-11-01',
        ...refs,
      });
    const aOrder = await estimate(a!, { orderRef: 'SO-1' });
    const bOrder = await estimate(b!, { orderRef: 'SO-1' });
    const aDelivery = await estimate(a!, { deliveryRef: 'DL-1' });
    const inv = (customerId: string, amount: string, refs: { orderRef?: string; deliveryRef?: string }) => ({
      type: 'invoice' as const,
      customerId,
      currency: 'CNY',
      amount,
      documentDate: '2026-11-10',
      ...refs,
    });
    const posted = await postDocuments(s.deps, s.ctx, [
      inv(a!, '30.00', { orderRef: 'SO-1' }),
      inv(b!, '45.00', { orderRef: 'SO-1' }),
      inv(a!, '20.00', { deliveryRef: 'DL-1' }),
      inv(b!, '5.00', { deliveryRef: 'DL-1' }),
    ]);
    expect(posted.map((p) => p.reliefs.map((r) => r.document.amount))).toEqual([['30'], ['45'], ['20'], []]);
    expect(await open(s, aOrder.document.id)).toMatchObject({ open: '70.00' });
    expect(await open(s, bOrder.document.id)).toMatchObject({ open: '55.00' });
    expect(await open(s, aDelivery.document.id)).toMatchObject({ open: '80.00' });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });
});
