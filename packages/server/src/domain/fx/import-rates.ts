import type { Executor } from '../../store/db.ts';
import * as repo from '../../store/repos/fx-rates.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { newId } from '../ids.ts';
import { dec, isCurrency } from '../money/index.ts';

export interface RateRow {
  date: string;
  from: string;
  to: string;
  rate: string;
  source?: string;
}

export type RateOutcome = { stored: true } | { unchanged: true } | { refused: string };

/**
 * Stores published rates (insert-only): a pair's rate for a date already stored with the same value is left as
 * it is; with another value it is refused, naming the stored rate. One audit entry for what was stored.
 */
export async function storeFxRates(
  deps: DomainDeps,
  ctx: ActionCtx,
  tx: Executor,
  input: RateRow[],
): Promise<RateOutcome[]> {
  const stored = new Map(
    (await repo.findFxRatesOn(tx, ctx.tenant.id, 'spot', input)).map((r) => [
      `${r.rate_date}|${r.from_currency.trim()}|${r.to_currency.trim()}`,
      dec(r.rate),
    ]),
  );
  const fresh: RateRow[] = [];
  const outcomes = input.map((r): RateOutcome => {
    if (!isCurrency(r.from) || !isCurrency(r.to) || r.from === r.to)
      return { refused: `${r.from}→${r.to} is not a pair of two ISO 4217 currencies` };
    if (!/^\d{1,12}(\.\d{1,12})?$/.test(r.rate) || dec(r.rate).lte(0))
      return { refused: `rate ${r.rate} must be positive, at most 12 digits before and after the point` };
    const key = `${r.date}|${r.from}|${r.to}`;
    const before = stored.get(key);
    if (before)
      return before.eq(r.rate)
        ? { unchanged: true }
        : {
            refused: `the ${r.from}→${r.to} rate for ${r.date} is already ${before.toFixed()} (rates are never changed)`,
          };
    stored.set(key, dec(r.rate));
    fresh.push(r);
    return { stored: true };
  });
  for (let i = 0; i < fresh.length; i += 1000) {
    const rows = await repo.insertFxRates(
      tx,
      fresh.slice(i, i + 1000).map((r) => ({
        tenantId: ctx.tenant.id,
        id: newId(),
        rateDate: r.date,
        fromCurrency: r.from,
        toCurrency: r.to,
        rateType: 'spot',
        rate: r.rate,
        source: r.source ?? null,
        createdBy: ctx.actor.name,
      })),
    );
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'fx-rate.record',
      entityType: 'fx-rate',
      recordCount: rows.length,
      after: rows.map((x) => ({
        rateDate: x.rateDate,
        from: x.fromCurrency,
        to: x.toCurrency,
        rate: dec(x.rate).toFixed(),
      })),
    });
  }
  return outcomes;
}
