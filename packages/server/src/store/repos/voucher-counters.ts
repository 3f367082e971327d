import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';
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

/**
 * Numbers the vouchers this transaction inserted without a number (hexiao_number_vouchers, migration 0028):
 * takes each period's counter from here to commit. Returns how many it numbered.
 */
export async function numberPendingVouchers(tx: Executor, tenantId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`SELECT hexiao_number_vouchers(${tenantId}::uuid) AS n`);
  return Number(r!.n);
}

/**
 * Checks now the balance of every voucher this transaction inserted, which PostgreSQL would check at commit,
 * so that the commit that follows a bulk run's numbering is short: the counters stay taken until it ends.
 */
export async function checkVoucherBalancesNow(tx: Executor): Promise<void> {
  await tx.execute(sql`SET CONSTRAINTS vouchers_balanced, voucher_lines_balanced IMMEDIATE`);
  await tx.execute(sql`SET CONSTRAINTS vouchers_balanced, voucher_lines_balanced DEFERRED`);
}
