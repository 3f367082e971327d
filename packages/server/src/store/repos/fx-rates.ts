import { and, asc, desc, eq, lte } from 'drizzle-orm';
import { rows, sql, type Executor } from '../db.ts';
import { pgArray } from './imports-bulk.ts';
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

/** The stored rates of the given (date, from, to) keys and type, one query per 5,000 keys. */
export async function findFxRatesOn(
  db: Executor,
  tenantId: string,
  rateType: string,
  keys: { date: string; from: string; to: string }[],
): Promise<{ rate_date: string; from_currency: string; to_currency: string; rate: string }[]> {
  const out: { rate_date: string; from_currency: string; to_currency: string; rate: string }[] = [];
  for (let i = 0; i < keys.length; i += 5000) {
    const part = keys.slice(i, i + 5000);
    out.push(
      ...(await rows<{ rate_date: string; from_currency: string; to_currency: string; rate: string }>(
        db,
        sql`SELECT r.rate_date::text AS rate_date, r.from_currency, r.to_currency, r.rate::text AS rate FROM fx_rates r
            JOIN unnest(${pgArray(part.map((k) => k.date))}::date[], ${pgArray(part.map((k) => k.from))}::text[], ${pgArray(part.map((k) => k.to))}::text[]) AS k(d, f, t)
              ON r.rate_date = k.d AND r.from_currency = k.f AND r.to_currency = k.t
            WHERE r.tenant_id = ${tenantId} AND r.rate_type = ${rateType}`,
      )),
    );
  }
  return out;
}
