import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { voucherCounters } from '../schema/index.ts';

/**
 * The next gapless voucher number of a tenant's period: the counter row is locked by the UPDATE until the
 * posting transaction ends, and a rollback gives the number back.
 */
export async function nextVoucherNumber(tx: Executor, tenantId: string, period: string): Promise<number> {
  await tx.insert(voucherCounters).values({ tenantId, period, lastNumber: 0 }).onConflictDoNothing();
  const [r] = await tx
    .update(voucherCounters)
    .set({ lastNumber: sql`${voucherCounters.lastNumber} + 1` })
    .where(and(eq(voucherCounters.tenantId, tenantId), eq(voucherCounters.period, period)))
    .returning({ n: voucherCounters.lastNumber });
  return r!.n;
}
