import { describe, expect, it } from 'vitest';
import { ledgerSetup } from '../ledger/setup.ts';
import { insertCustomers } from '../../packages/server/src/store/repos/customers.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { decisionsOfRun } from '../../packages/server/src/store/repos/matching.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import { checkBooks, postDocument } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate, reverseSettlement } from '../../packages/server/src/domain/settlement/index.ts';
import { runMatching } from '../../packages/server/src/domain/matching/index.ts';
import { createTenant } from '../../packages/server/src/domain/identity/index.ts';
import { getDefinition } from '../../packages/server/src/domain/definitions/index.ts';
import { testAuditKey } from '../support/factories.ts';
import { testDatabase } from '../support/test-db.ts';
import { randomBytes } from 'node:crypto';

const day = '2026-11-02';
const openOf = async (s: Awaited<ReturnType<typeof ledgerSetup>>, id: string) =>
  Number((await getOpenItems(s.database.db, s.tenant.id, [id])).get(id)!.openAmount);

describe('matching runs', { timeout: 120_000 }, () => {
  it('posts what the engine decides, reports it, stores every decision; a second run posts nothing new', async () => {
    const s = await ledgerSetup(2);
    const [a, b] = s.customers as [string, string];
    const inv = (number: string, customerId: string, amount: string) =>
      postDocument(s.deps, s.ctx, { type: 'invoice', number, customerId, currency: 'CNY', amount, documentDate: day });
    const rct = (amount: string, reference: string, customerId: string | null = null) =>
      postDocument(s.deps, s.ctx, {
        type: 'receipt',
        customerId,
        currency: 'CNY',
        amount,
        documentDate: day,
        reference,
      });
    const i1 = await inv('INV-2026-0001', a, '1130.00');
    const i2 = await inv('INV-2026-0002', a, '500.00');
    const i3 = await inv('INV-2026-0003', a, '500.00');
    await inv('INV-2026-0009', b, '77.00');
    const r1 = await rct('1130.00', 'ＩＮＶ－２０２６－０００１');
    const r2 = await rct('995.00', 'INV-2026-0002/03', a);
    const r3 = await rct('42.00', 'no idea');

    const dry = await runMatching(s.deps, s.ctx, { dryRun: true });
    expect(dry.counts).toEqual({ receipts: 3, auto: 2, suggested: 0, unmatched: 1, held: 0 });
    expect(await openOf(s, i1.document.id)).toBe(1130);

    const report = await runMatching(s.deps, s.ctx);
    expect(report.counts).toEqual({ receipts: 3, auto: 2, suggested: 0, unmatched: 1, held: 0 });
    const first = report.settlements.find((e) => e.receipt.id === r1.document.id)!;
    expect(first).toMatchObject({
      receipt: { id: r1.document.id, number: r1.document.number, amount: '1130.00', currency: 'CNY' },
      allocations: [{ receivable: 'INV-2026-0001', amount: '1130.00' }],
      adjustments: [],
      rule: 'document-reference',
      stage: 'document-reference',
      score: 70,
    });
    expect(first.settlementId).toBeTruthy();
    const second = report.settlements.find((e) => e.receipt.id === r2.document.id)!;
    expect(second.allocations!.map((x) => [x.receivable, x.amount])).toEqual([
      ['INV-2026-0002', '500.00'],
      ['INV-2026-0003', '500.00'],
    ]);
    expect(second.adjustments).toEqual([{ kind: 'bank-fee', amount: '5.00' }]);
    expect(report.unmatched.map((e) => e.receipt.id)).toEqual([r3.document.id]);
    for (const id of [i1, i2, i3].map((x) => x.document.id)) expect(await openOf(s, id)).toBe(0);
    expect(await openOf(s, r2.document.id)).toBe(0);

    const stored = await decisionsOfRun(s.database.db, s.tenant.id, report.runId);
    expect(stored.map((d) => [d.outcome, d.status, d.ruleSetKey, d.ruleSetVersion]).sort()).toEqual([
      ['auto', 'posted', 'default', 1],
      ['auto', 'posted', 'default', 1],
      ['unmatched', 'none', 'default', 1],
    ]);
    expect((stored[0]!.detail as { evidence: unknown[] }).evidence.length).toBeGreaterThan(0);

    const again = await runMatching(s.deps, s.ctx);
    expect(again.counts).toMatchObject({ receipts: 1, auto: 0 });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('a parent’s receipt settles its subsidiary’s invoice; nothing outside the group', async () => {
    const s = await ledgerSetup(1);
    const [parent] = s.customers as [string];
    const [sub, stranger] = await insertCustomers(s.database.db, [
      {
        tenantId: s.tenant.id,
        id: newId(),
        code: `SUB-${randomBytes(3).toString('hex')}`,
        name: 'Sub',
        parentId: parent,
        custom: {},
        status: 'active',
      },
      {
        tenantId: s.tenant.id,
        id: newId(),
        code: `X-${randomBytes(3).toString('hex')}`,
        name: 'Stranger',
        custom: {},
        status: 'active',
      },
    ]);
    const inv = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      number: 'SUB-INV-1',
      customerId: sub!.id,
      currency: 'CNY',
      amount: '300.00',
      documentDate: day,
    });
    const rct = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: parent,
      currency: 'CNY',
      amount: '300.00',
      documentDate: day,
      reference: 'SUB-INV-1',
    });
    const report = await runMatching(s.deps, s.ctx);
    expect(report.settlements).toHaveLength(1);
    expect(await openOf(s, inv.document.id)).toBe(0);
    expect(await openOf(s, rct.document.id)).toBe(0);

    const other = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      number: 'X-INV-1',
      customerId: stranger!.id,
      currency: 'CNY',
      amount: '50.00',
      documentDate: day,
    });
    const rct2 = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: parent,
      currency: 'CNY',
      amount: '50.00',
      documentDate: day,
    });
    await expect(
      allocate(s.deps, s.ctx, {
        customerId: parent,
        postingDate: day,
        lines: [{ debitDocumentId: other.document.id, creditDocumentId: rct2.document.id, amount: '50.00' }],
      }),
    ).rejects.toMatchObject({ type: 'invalid_data', errors: [{ pointer: '/lines/0/debitDocumentId' }] });
    const suggested = await runMatching(s.deps, s.ctx, { scope: { receiptIds: [rct2.document.id] } });
    expect(suggested.counts.auto).toBe(0);
    expect(await openOf(s, other.document.id)).toBe(50);
  });

  it('reversing a run’s settlements restores every open amount exactly', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers as [string];
    const docs = [];
    for (let i = 0; i < 6; i++)
      docs.push(
        await postDocument(s.deps, s.ctx, {
          type: 'invoice',
          number: `RV-00${i}`,
          customerId: c,
          currency: 'CNY',
          amount: `${100 + i}.10`,
          documentDate: day,
        }),
      );
    await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'CNY',
      amount: '201.20',
      documentDate: day,
      reference: 'RV-000, RV-001',
    });
    await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'CNY',
      amount: '50.00',
      documentDate: day,
      reference: 'RV-002 part',
    });
    await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c,
      currency: 'CNY',
      amount: '110.30',
      documentDate: day,
      reference: 'RV-005 and more',
    });
    const ids = docs.map((d) => d.document.id);
    const before = await getOpenItems(s.database.db, s.tenant.id, ids);
    const report = await runMatching(s.deps, s.ctx);
    expect(report.counts.auto).toBe(3);
    for (const e of report.settlements)
      await reverseSettlement(s.deps, s.ctx, { settlementId: e.settlementId!, reason: 'test' });
    const after = await getOpenItems(s.database.db, s.tenant.id, ids);
    for (const id of ids)
      expect(after.get(id)).toMatchObject({
        openAmount: before.get(id)!.openAmount,
        openBaseAmount: before.get(id)!.openBaseAmount,
      });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('a new tenant starts from the published default rule set', async () => {
    const database = await testDatabase();
    const tenant = await createTenant(
      { db: database.db, auditKey: testAuditKey },
      { slug: `m-${randomBytes(4).toString('hex')}`, name: 'M' },
    );
    const v = await getDefinition(database.db, tenant.id, 'rule-set', 'default');
    expect(v).toMatchObject({ status: 'published', version: 1 });
  });
});
