import { afterAll, expect, it } from 'vitest';
import { describeListed } from '../support/skip.ts';
import { ledgerSetup } from '../ledger/setup.ts';
import { createDb, type Database } from '../../packages/server/src/store/db.ts';
import { checkBooks, postDocument, type LedgerDeps } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../packages/server/src/domain/settlement/index.ts';
import { runMatching } from '../../packages/server/src/domain/matching/index.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { testAuditKey } from '../support/factories.ts';

const pools: Database[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describeListed('matching run and clerks at once on PostgreSQL', () => {
  it('a run and manual allocations at the same moment never allocate the same open amount twice', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers as [string];
    const pool = async () => {
      const p = await createDb({ url: process.env.DATABASE_URL, max: 2 });
      pools.push(p);
      return p;
    };
    const [runner, clerk] = [await pool(), await pool()];
    const depsOf = (d: Database): LedgerDeps => ({ db: d.db, auditKey: testAuditKey });
    const n = 40;
    const invoices = [];
    const receipts = [];
    const clerkReceipts = [];
    for (let i = 0; i < n; i++) {
      const number = `CC-${String(i).padStart(4, '0')}`;
      invoices.push(
        await postDocument(s.deps, s.ctx, {
          type: 'invoice',
          number,
          customerId: c,
          currency: 'CNY',
          amount: '100.00',
          documentDate: '2026-11-02',
        }),
      );
      receipts.push(
        await postDocument(s.deps, s.ctx, {
          type: 'receipt',
          customerId: c,
          currency: 'CNY',
          amount: '100.00',
          documentDate: '2026-11-02',
          reference: number,
        }),
      );
      clerkReceipts.push(
        await postDocument(s.deps, s.ctx, {
          type: 'receipt',
          customerId: c,
          currency: 'CNY',
          amount: '100.00',
          documentDate: '2026-11-02',
        }),
      );
    }
    // the run posts one settlement per receipt; the clerk settles the same invoices with other receipts
    const clerkWork = (async () => {
      let ok = 0;
      for (let i = n - 1; i >= 0; i--) {
        try {
          await allocate(depsOf(clerk), s.ctx, {
            lines: [
              {
                debitDocumentId: invoices[i]!.document.id,
                creditDocumentId: clerkReceipts[i]!.document.id,
                amount: '100.00',
              },
            ],
          });
          ok++;
        } catch (e) {
          expect(e).toMatchObject({ type: 'invalid_data' });
        }
      }
      return ok;
    })();
    const [report, clerkOk] = await Promise.all([runMatching(depsOf(runner), s.ctx, { batchSize: 5 }), clerkWork]);
    const posted = report.settlements.length;
    // every invoice was settled exactly once: by the run or by the clerk, never both
    expect(posted + clerkOk).toBe(n);
    expect(report.conflicts + posted).toBe(report.counts.auto);
    const open = await getOpenItems(
      s.database.db,
      s.tenant.id,
      invoices.map((x) => x.document.id),
    );
    for (const o of open.values()) expect(Number(o.openAmount)).toBe(0);
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  }, 180_000);
});
