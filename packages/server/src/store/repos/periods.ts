import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { accountingPeriods } from '../schema/index.ts';

export type PeriodRow = typeof accountingPeriods.$inferSelect;

const bounds = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { startsOn: `${period}-01`, endsOn: `${period}-${String(last).padStart(2, '0')}` };
};

/** Creates the monthly period (open) when missing. */
export async function ensurePeriod(tx: Executor, tenantId: string, period: string): Promise<void> {
  await tx
    .insert(accountingPeriods)
    .values({ tenantId, period, ...bounds(period), status: 'open' })
    .onConflictDoNothing();
}

/** Reads the period under a share lock: a close (FOR UPDATE) waits for postings in flight, and they for it. */
export async function lockPeriodShared(
  tx: Executor,
  tenantId: string,
  period: string,
  create = true,
): Promise<PeriodRow | undefined> {
  const read = () =>
    tx
      .select()
      .from(accountingPeriods)
      .where(and(eq(accountingPeriods.tenantId, tenantId), eq(accountingPeriods.period, period)))
      .for('share');
  const [found] = await read();
  if (found || !create) return found;
  await ensurePeriod(tx, tenantId, period);
  const [r] = await read();
  return r!;
}

export async function lockPeriodForUpdate(tx: Executor, tenantId: string, period: string): Promise<PeriodRow> {
  await ensurePeriod(tx, tenantId, period);
  const [r] = await tx
    .select()
    .from(accountingPeriods)
    .where(and(eq(accountingPeriods.tenantId, tenantId), eq(accountingPeriods.period, period)))
    .for('update');
  return r!;
}

export async function setPeriodStatus(
  tx: Executor,
  tenantId: string,
  period: string,
  status: 'open' | 'closed',
  actor: string,
): Promise<PeriodRow> {
  const [r] = await tx
    .update(accountingPeriods)
    .set(
      status === 'closed'
        ? { status, closedAt: new Date().toISOString(), closedBy: actor }
        : { status, closedAt: null, closedBy: null },
    )
    .where(and(eq(accountingPeriods.tenantId, tenantId), eq(accountingPeriods.period, period)))
    .returning();
  return r!;
}

export async function listPeriods(db: Executor, tenantId: string): Promise<PeriodRow[]> {
  return db
    .select()
    .from(accountingPeriods)
    .where(eq(accountingPeriods.tenantId, tenantId))
    .orderBy(asc(accountingPeriods.period));
}
