import { describe, expect, it } from 'vitest';
import { ledgerSetup } from '../ledger/setup.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { checkBooks, postDocument } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../packages/server/src/domain/settlement/index.ts';
import { loadSnapshot, matchReceipts, resolveRuleSetVersion } from '../../packages/server/src/domain/matching/index.ts';
import { postTogether } from '../../packages/server/src/domain/matching/post-decisions.ts';
import { sql } from '../../packages/server/src/store/db.ts';
import type { Db } from '../../packages/server/src/domain/deps.ts';

const day = '2026-11-02';

describe('posting a run’s decisions together', { timeout: 120_000 }, () => {
  it('rolls everything back and answers null when a decision that posts a bank fee is refused, leaving no adjustment behind', async () => {
    const s = await ledgerSetup(1);
    const a = s.customers[0]!;
    const inv = (number: string, amount: string) =>
      postDocument(s.deps, s.ctx, {
        type: 'invoice',
        number,
        customerId: a,
        currency: 'CNY',
        amount,
        documentDate: day,
      });
    const rct = (amount: string, reference: string) =>
      postDocument(s.deps, s.ctx, {
        type: 'receipt',
        customerId: a,
        currency: 'CNY',
        amount,
        documentDate: day,
        reference,
      });
    const i2 = await inv('INV-2026-0002', '500.00');
    await inv('INV-2026-0003', '500.00');
    await inv('INV-2026-0004', '300.00');
    await rct('995.00', 'INV-2026-0002/03');
    await rct('300.00', 'INV-2026-0004');
    const ruleSet = await resolveRuleSetVersion(s.deps, s.ctx);
    const snapshot = await loadSnapshot(s.database.db, s.tenant, {}, day);
    const { decisions } = matchReceipts(snapshot, { ...ruleSet, document: ruleSet.document }, { explain: false });
    const auto = decisions.filter((d) => d.outcome === 'auto');
    expect(auto.map((d) => d.adjustments.length).sort()).toEqual([0, 1]);
    const receipts = new Map(snapshot.receipts.map((r) => [r.id, r]));
    const batch = auto.map((d) => ({ d, receipt: receipts.get(d.receiptId)!, postingDate: day, reason: 'test' }));

    // a clerk settles part of INV-2026-0002 after the engine decided: the bank-fee decision no longer fits
    const other = await rct('10.00', 'by hand');
    await allocate(s.deps, s.ctx, {
      lines: [{ debitDocumentId: i2.document.id, creditDocumentId: other.document.id, amount: '10.00' }],
      postingDate: day,
    });
    const adjustments = async () => {
      const r = (await s.database.db.execute(
        sql`SELECT count(*)::int AS n FROM ledger_documents WHERE tenant_id = ${s.tenant.id} AND doc_type = 'adjustment'`,
      )) as unknown as { rows?: { n: number }[] } | { n: number }[];
      return (Array.isArray(r) ? r : r.rows!)[0]!.n;
    };
    const refused = await s.database.db.transaction((tx) => postTogether({ ...s.deps, db: tx as Db }, s.ctx, batch));
    expect(refused).toBeNull();
    expect(await adjustments()).toBe(0);

    // without the bank-fee decision, the rest posts together
    const plain = batch.filter((x) => x.d.adjustments.length === 0);
    const posted = await s.database.db.transaction((tx) => postTogether({ ...s.deps, db: tx as Db }, s.ctx, plain));
    expect(posted!.map((o) => [Boolean(o.settlementId), o.conflict])).toEqual([[true, undefined]]);
    const open = await getOpenItems(s.database.db, s.tenant.id, [plain[0]!.receipt.id]);
    expect(Number(open.get(plain[0]!.receipt.id)!.openAmount)).toBe(0);
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });
});
