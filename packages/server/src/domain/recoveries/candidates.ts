import { recoverableWriteOffs, type RecoverableWriteOff } from '../../store/repos/recoveries.ts';
import type { Executor } from '../deps.ts';
import { dec } from '../money/index.ts';

export interface RecoveryCandidate extends RecoverableWriteOff {
  /** What is left to recover, in the write-off's currency. */
  left: string;
}

/** The customers' written-off debts with something left to recover, oldest first. */
export async function recoveryCandidates(
  db: Executor,
  tenantId: string,
  customerIds: string[],
): Promise<RecoveryCandidate[]> {
  return (await recoverableWriteOffs(db, tenantId, customerIds)).map((w) => ({
    ...w,
    writtenOff: dec(w.writtenOff).toFixed(),
    recovered: dec(w.recovered).toFixed(),
    left: dec(w.writtenOff).minus(w.recovered).toFixed(),
  }));
}
