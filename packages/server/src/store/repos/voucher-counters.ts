import { sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { voucherCounters } from '../schema/index.ts';

/**
 * The next gapless voucher number of a tenant's period, in one statement: the upsert locks the counter
 * row until the posting transaction ends, and a rollback gives the number back.
 */
export async function nextVoucherNumber(tx: Executor, tenantId: string, period: string): Promise<number> {
  const [r] = await tx
    .insert(voucherCounters)
    .values({ tenantId, period, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [voucherCounters.tenantId, voucherCounters.period],
      set: { lastNumber: sql`${voucherCounters.lastNumber} + 1` },
    })
    .returning({ n: voucherCounters.lastNumber });
  return r!.n;
}

/** Takes `count` numbers at once; returns the last one (the first is last - count + 1). */
export async function takeVoucherNumbers(
  tx: Executor,
  tenantId: string,
  period: string,
  count: number,
): Promise<number> {
  const [r] = await tx
    .insert(voucherCounters)
    .values({ tenantId, period, lastNumber: count })
    .onConflictDoUpdate({
      target: [voucherCounters.tenantId, voucherCounters.period],
      set: { lastNumber: sql`${voucherCounters.lastNumber} + ${count}` },
    })
    .returning({ n: voucherCounters.lastNumber });
  return r!.n;
}
