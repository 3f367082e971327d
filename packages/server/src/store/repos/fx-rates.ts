import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { fxRates } from '../schema/index.ts';

export type FxRateRow = typeof fxRates.$inferSelect;

export async function insertFxRates(tx: Executor, rows: (typeof fxRates.$inferInsert)[]): Promise<FxRateRow[]> {
  return tx.insert(fxRates).values(rows).returning();
}

/** The latest rate of the pair and type dated on or before `date`. */
export async function findFxRate(
  db: Executor,
  tenantId: string,
  from: string,
  to: string,
  rateType: string,
  date: string,
): Promise<FxRateRow | undefined> {
  const [r] = await db
    .select()
    .from(fxRates)
    .where(
      and(
        eq(fxRates.tenantId, tenantId),
        eq(fxRates.fromCurrency, from),
        eq(fxRates.toCurrency, to),
        eq(fxRates.rateType, rateType),
        lte(fxRates.rateDate, date),
      ),
    )
    .orderBy(desc(fxRates.rateDate))
    .limit(1);
  return r;
}

export async function listFxRates(
  db: Executor,
  tenantId: string,
  f: { from?: string; to?: string; limit: number },
): Promise<FxRateRow[]> {
  const conds = [eq(fxRates.tenantId, tenantId)];
  if (f.from) conds.push(eq(fxRates.fromCurrency, f.from));
  if (f.to) conds.push(eq(fxRates.toCurrency, f.to));
  return db
    .select()
    .from(fxRates)
    .where(and(...conds))
    .orderBy(desc(fxRates.rateDate), asc(fxRates.fromCurrency))
    .limit(f.limit);
}
