import type { Executor } from '../deps.ts';
import { dec } from '../money/index.ts';
import { recoveryCandidates, recoveryPolicy } from '../recoveries/index.ts';

/** A receipt from a payer whose debt was written off: the recovery a clerk confirms with POST /recoveries. */
export interface RecoveryProposal {
  writeOffId: string;
  writeOffNumber: string;
  receivableId: string;
  currency: string;
  /** What is left to recover of the write-off. */
  left: string;
  /** What this receipt would recover: the smaller of what is left and the receipt's open amount (same currency). */
  amount: string | null;
  policy: 'reinstate' | 'income';
}

interface ReceiptFacts {
  id: string;
  customerId: string | null;
  currency: string;
  open: string;
}

/**
 * For receipts the engine could not match to an open item, the oldest written-off debt of their customer
 * with something left to recover (ENGINES.md §3.3: a receipt from a payer whose debt was written off is a
 * recovery, not an unidentified payment).
 */
export async function recoveryProposals(
  db: Executor,
  tenantId: string,
  receipts: ReceiptFacts[],
): Promise<Map<string, RecoveryProposal>> {
  const out = new Map<string, RecoveryProposal>();
  const customers = [...new Set(receipts.map((r) => r.customerId).filter((c): c is string => c !== null))];
  const candidates = await recoveryCandidates(db, tenantId, customers);
  if (candidates.length === 0) return out;
  const { policy } = await recoveryPolicy(db, tenantId);
  for (const r of receipts) {
    const mine = candidates.filter((w) => w.customerId === r.customerId);
    const w = mine.find((x) => x.currency === r.currency) ?? mine[0];
    if (!w) continue;
    const left = dec(w.left);
    const open = dec(r.open);
    out.set(r.id, {
      writeOffId: w.writeOffId,
      writeOffNumber: w.number,
      receivableId: w.receivableId,
      currency: w.currency,
      left: left.toFixed(),
      amount: w.currency === r.currency ? (open.lt(left) ? open : left).toFixed() : null,
      policy,
    });
  }
  return out;
}
