import { describe, expect, it } from 'vitest';
import { ledgerSetup } from '../ledger/setup.ts';
import { postDocument, postWriteOff } from '../../packages/server/src/domain/ledger/index.ts';
import { listQueue, runMatching } from '../../packages/server/src/domain/matching/index.ts';
import { postRecovery } from '../../packages/server/src/domain/recoveries/index.ts';

const day = '2026-11-02';

describe('matching proposes the recovery of a written-off debt', { timeout: 120_000 }, () => {
  it('a receipt from a payer whose debt was written off is proposed as a recovery, not left unmatched', async () => {
    const s = await ledgerSetup(2);
    const [a, b] = s.customers as [string, string];
    const inv = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      number: 'INV-2026-0100',
      customerId: a,
      currency: 'CNY',
      amount: '8000.00',
      documentDate: '2026-03-02',
    });
    const w = await postWriteOff(s.deps, s.ctx, {
      kind: 'direct',
      items: [{ documentId: inv.document.id }],
      reason: 'debtor dissolved',
      postingDate: '2026-06-30',
    });
    const writeOff = w.items[0]!.document;
    const rct = (customerId: string, amount: string) =>
      postDocument(s.deps, s.ctx, {
        type: 'receipt',
        customerId,
        currency: 'CNY',
        amount,
        documentDate: day,
        reference: 'payment',
      });
    const fromA = await rct(a, '3000.00');
    const fromB = await rct(b, '3000.00');

    const report = await runMatching(s.deps, s.ctx, { dryRun: true });
    expect(report.recoveries).toEqual([
      expect.objectContaining({
        receipt: expect.objectContaining({ id: fromA.document.id }),
        recovery: {
          writeOffId: writeOff.id,
          writeOffNumber: writeOff.number,
          receivableId: inv.document.id,
          currency: 'CNY',
          left: '8000',
          amount: '3000',
          policy: 'reinstate',
        },
        reasons: expect.arrayContaining([expect.stringMatching(/was written off \(8000 CNY left to recover\)/)]),
      }),
    ]);
    expect(report.unmatched.map((e) => e.receipt.id)).toEqual([fromB.document.id]);

    const queue = await listQueue(s.database.db, s.tenant.id, { limit: 50 });
    const entry = (id: string) => queue.items.find((e) => e.receipt.id === id)!;
    expect(entry(fromA.document.id).recovery).toMatchObject({ writeOffId: writeOff.id, amount: '3000' });
    expect(entry(fromB.document.id).recovery).toBeNull();

    // the clerk confirms the proposal; the next run has nothing left to propose for that receipt
    const proposal = report.recoveries[0]!.recovery!;
    await postRecovery(s.deps, s.ctx, {
      writeOffId: proposal.writeOffId,
      receiptId: fromA.document.id,
      amount: proposal.amount!,
      postingDate: day,
      reason: 'proposed by matching',
    });
    const after = await runMatching(s.deps, s.ctx, { dryRun: true });
    expect(after.recoveries).toEqual([]);
    expect(after.counts.receipts).toBe(1);
  });
});
