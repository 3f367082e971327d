import { describe, expect, it } from 'vitest';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { ledgerSetup, linesOf } from '../ledger/setup.ts';
import {
  checkBooks,
  postDebtTransfer,
  postDocument,
  postWriteOff,
} from '../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../packages/server/src/domain/settlement/index.ts';
import { setPeriodStatus } from '../../packages/server/src/domain/periods/index.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { getDocument } from '../../packages/server/src/store/repos/documents.ts';
import { insertDefinition } from '../../packages/server/src/store/repos/definitions.ts';
import { newId } from '../../packages/server/src/domain/identity/secrets.ts';
import { dec } from '../../packages/server/src/domain/money/index.ts';

import { invoice, provide, type Setup } from './setup.ts';

const open = async (s: Setup, id: string) => {
  const o = (await getOpenItems(s.database.db, s.tenant.id, [id])).get(id)!;
  return { open: dec(o.openAmount).toFixed(2), base: dec(o.openBaseAmount).toFixed(2), status: o.status };
};

const documentCount = async (s: Setup) =>
  Number(
    (
      await rows<{ n: string }>(
        s.database.db,
        sql`SELECT count(*) AS n FROM ledger_documents WHERE tenant_id = ${s.tenant.id}`,
      )
    )[0]!.n,
  );

describe('write-offs (to the cent)', () => {
  it('a 300,000 bankruptcy loss written off against a sufficient allowance: Dr 1231 / Cr 1122', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const inv = await invoice(s, c!, '300000.00');
    await provide(s, c!, '500000.00');
    const r = await postWriteOff(s.deps, s.ctx, {
      kind: 'bad-debt',
      items: [{ documentId: inv.document.id }],
      reason: 'customer bankrupt: court ruling (2026) 沪01破12号',
      postingDate: '2026-06-15',
      number: 'WO-REQ-1',
    });
    const w = r.items[0]!;
    expect(linesOf(w.voucher)).toEqual([
      ['1231', '300000.00', ''],
      ['1122', '', '300000.00'],
    ]);
    expect([w.document.number, w.document.writeOffKind, w.document.relatedId]).toEqual([
      'WO-REQ-1',
      'bad-debt',
      inv.document.id,
    ]);
    expect(await open(s, inv.document.id)).toEqual({ open: '0.00', base: '0.00', status: 'settled' });
    expect((await getDocument(s.database.db, s.tenant.id, w.document.id))!.relatedId).toBe(inv.document.id);
    expect(r.policy.source).toEqual({ kind: 'default' });
    await expect(
      postWriteOff(s.deps, s.ctx, {
        kind: 'bad-debt',
        items: [{ documentId: inv.document.id }],
        reason: 'again',
        postingDate: '2026-06-15',
      }),
    ).rejects.toMatchObject({
      type: 'invalid_data',
      errors: [{ pointer: '/items/0/documentId', reason: expect.stringMatching(/is settled/) }],
    });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('an allowance short by 200,000: expense policy (default) charges 6702, debit-balance policy runs 1231', async () => {
    const s = await ledgerSetup(2);
    const [a, b] = s.customers;
    const ia = await invoice(s, a!, '300000.00');
    const ib = await invoice(s, b!, '300000.00');
    await provide(s, a!, '100000.00');
    await provide(s, b!, '100000.00');
    const ra = await postWriteOff(s.deps, s.ctx, {
      kind: 'bad-debt',
      items: [{ documentId: ia.document.id }],
      reason: 'bankrupt',
      postingDate: '2026-06-15',
    });
    expect(linesOf(ra.items[0]!.voucher)).toEqual([
      ['1231', '100000.00', ''],
      ['6702', '200000.00', ''],
      ['1122', '', '300000.00'],
    ]);
    expect([ra.items[0]!.allowanceUsed, ra.items[0]!.shortfallCharged]).toEqual(['100000', '200000']);
    // a published provision plan says: let the allowance run a debit balance until the next run
    await insertDefinition(s.database.db, {
      tenantId: s.tenant.id,
      id: newId(),
      kind: 'provision-plan',
      key: 'cas-aging-default',
      version: 4,
      status: 'published',
      document: { mode: 'allowance', writeOff: { shortfall: 'allowance-debit-balance' } },
      contentHash: 'x'.repeat(64),
      publishedAt: new Date().toISOString(),
    } as never);
    const rb = await postWriteOff(s.deps, s.ctx, {
      kind: 'bad-debt',
      items: [{ documentId: ib.document.id }],
      reason: 'bankrupt',
      postingDate: '2026-06-15',
    });
    expect(linesOf(rb.items[0]!.voucher)).toEqual([
      ['1231', '300000.00', ''],
      ['1122', '', '300000.00'],
    ]);
    expect(rb.policy.source).toEqual({ kind: 'provision-plan', key: 'cas-aging-default', version: 4 });
  });

  it('a partial USD write-off relieves the frozen base: 400.00 of 1,000.00 at 7.1', async () => {
    const s = await ledgerSetup();
    const inv = await invoice(s, s.customers[0]!, '1000.00', { currency: 'USD', fxRate: '7.1' });
    const r = await postWriteOff(s.deps, s.ctx, {
      kind: 'direct',
      items: [{ documentId: inv.document.id, amount: '400.00' }],
      reason: 'debt restructuring',
      postingDate: '2026-06-15',
    });
    expect(linesOf(r.items[0]!.voucher)).toEqual([
      ['6711', '2840.00', ''],
      ['1122', '', '2840.00'],
    ]);
    expect(r.items[0]!.voucher.lines[1]).toMatchObject({ currency: 'USD', amountCurrency: '400' });
    expect(await open(s, inv.document.id)).toEqual({ open: '600.00', base: '4260.00', status: 'partial' });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('small balances: 0.93 left on an invoice goes to expense, 0.93 left on a receipt to income', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const inv = await invoice(s, c!, '100000.93');
    const rct = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'CNY',
      amount: '100000.00',
      documentDate: '2026-05-20',
    });
    await allocate(s.deps, s.ctx, {
      postingDate: '2026-05-20',
      lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '100000.00' }],
    });
    const r = await postWriteOff(s.deps, s.ctx, {
      kind: 'small-balance',
      items: [{ documentId: inv.document.id }],
      reason: 'month-end clearing',
      postingDate: '2026-05-31',
    });
    expect(linesOf(r.items[0]!.voucher)).toEqual([
      ['6711', '0.93', ''],
      ['1122', '', '0.93'],
    ]);
    const over = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'CNY',
      amount: '0.93',
      documentDate: '2026-05-21',
    });
    const r2 = await postWriteOff(s.deps, s.ctx, {
      kind: 'small-balance',
      items: [{ documentId: over.document.id }],
      reason: 'overpayment',
      postingDate: '2026-05-31',
    });
    expect(linesOf(r2.items[0]!.voucher)).toEqual([
      ['2241', '0.93', ''],
      ['6301', '', '0.93'],
    ]);
    expect(await open(s, over.document.id)).toMatchObject({ status: 'settled' });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('refuses, writing nothing: more than is open, a credit item as bad debt, an estimate, a closed period, a number twice', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const inv = await invoice(s, c!, '500.00');
    const rct = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-05-20',
    });
    const est = await postDocument(s.deps, s.ctx, {
      type: 'estimate',
      customerId: c,
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-05-20',
    });
    const before = await documentCount(s);
    const w = (items: { documentId: string; amount?: string }[], o: { postingDate?: string; number?: string } = {}) =>
      postWriteOff(s.deps, s.ctx, { kind: 'bad-debt', items, reason: 'x', postingDate: '2026-06-15', ...o });
    await expect(w([{ documentId: inv.document.id, amount: '500.01' }])).rejects.toMatchObject({
      errors: [{ pointer: '/items/0/amount', reason: expect.stringMatching(/larger than the open amount/) }],
    });
    await expect(w([{ documentId: rct.document.id }])).rejects.toMatchObject({
      errors: [{ pointer: '/items/0/documentId' }],
    });
    await expect(w([{ documentId: est.document.id }])).rejects.toMatchObject({
      errors: [{ pointer: '/items/0/documentId' }],
    });
    await expect(w([{ documentId: newId() }])).rejects.toMatchObject({ type: 'not_found' });
    await expect(w([{ documentId: inv.document.id }, { documentId: inv.document.id }])).rejects.toMatchObject({
      type: 'invalid_data',
    });
    await setPeriodStatus(s.deps, s.ctx, '2026-04', 'closed');
    await expect(w([{ documentId: inv.document.id }], { postingDate: '2026-04-30' })).rejects.toMatchObject({
      type: 'period_closed',
    });
    expect(await documentCount(s)).toBe(before);
    await w([{ documentId: inv.document.id, amount: '100.00' }], { number: 'WO-REQ-9' });
    await expect(w([{ documentId: inv.document.id, amount: '100.00' }], { number: 'WO-REQ-9' })).rejects.toMatchObject({
      type: 'conflict',
    });
    expect(await open(s, inv.document.id)).toMatchObject({ open: '400.00' });
  });
});

describe('debt transfer', () => {
  it('moves 4,000 of a 10,000 invoice to another payer as a linked pair with one voucher, once per request', async () => {
    const s = await ledgerSetup(2);
    const [a, b] = s.customers;
    const inv = await invoice(s, a!, '10000.00');
    const request = { id: newId(), number: 'REQ-7' };
    const t = await postDebtTransfer(s.deps, s.ctx, {
      documentId: inv.document.id,
      amount: '4000.00',
      toCustomerId: b!,
      reason: 'triangular debt agreement of 2026-06-01',
      postingDate: '2026-06-02',
      dueDate: '2026-07-31',
      request,
    });
    expect([t.out.number, t.in.number, t.out.relatedId, t.in.relatedId]).toEqual([
      'REQ-7-OUT',
      'REQ-7-IN',
      t.in.id,
      t.out.id,
    ]);
    expect([t.out.customerId, t.in.customerId, t.in.dueDate, t.out.voucherId]).toEqual([
      a,
      b,
      '2026-07-31',
      t.in.voucherId,
    ]);
    expect(linesOf(t.voucher)).toEqual([
      ['1122', '4000.00', ''],
      ['1122', '', '4000.00'],
    ]);
    expect(t.voucher.lines.map((l) => l.customerId)).toEqual([b, a]);
    expect(await open(s, inv.document.id)).toEqual({ open: '6000.00', base: '6000.00', status: 'partial' });
    expect(await open(s, t.in.id)).toEqual({ open: '4000.00', base: '4000.00', status: 'open' });
    expect(await open(s, t.out.id)).toMatchObject({ status: 'settled' });
    await expect(
      postDebtTransfer(s.deps, s.ctx, {
        documentId: inv.document.id,
        toCustomerId: b!,
        reason: 'again',
        postingDate: '2026-06-02',
        request,
      }),
    ).rejects.toMatchObject({ type: 'conflict' });
    await expect(
      postDebtTransfer(s.deps, s.ctx, {
        documentId: inv.document.id,
        amount: '6000.01',
        toCustomerId: b!,
        reason: 'x',
        postingDate: '2026-06-02',
        request: { id: newId(), number: 'REQ-8' },
      }),
    ).rejects.toMatchObject({ errors: [{ pointer: '/amount' }] });
    await expect(
      postDebtTransfer(s.deps, s.ctx, {
        documentId: inv.document.id,
        reason: 'x',
        postingDate: '2026-06-02',
        request: { id: newId(), number: 'REQ-9' },
      }),
    ).rejects.toMatchObject({ errors: [{ pointer: '/toCustomerId' }] });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });
});
