import type { FromSchema } from 'json-schema-to-ts';
import type { Executor } from '../../store/db.ts';
import * as repo from '../../store/repos/fx-rates.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError, invalid, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import { dec, isCurrency, isRateText } from '../money/index.ts';

/** An FX rate as the API returns it; `FxRateView` is derived from this schema. */
export const fxRateViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'rateDate', 'fromCurrency', 'toCurrency', 'rateType', 'rate', 'source'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    rateDate: { type: 'string', format: 'date' },
    fromCurrency: { type: 'string', format: 'currency' },
    toCurrency: { type: 'string', format: 'currency', description: 'one fromCurrency is rate toCurrency' },
    rateType: { type: 'string' },
    rate: { type: 'string', format: 'decimal' },
    source: { type: ['string', 'null'] },
  },
} as const;
export type FxRateView = FromSchema<typeof fxRateViewSchema>;

export const fxRateListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: { items: { type: 'array', items: fxRateViewSchema } },
} as const;

const view = (r: repo.FxRateRow): FxRateView => ({
  id: r.id,
  rateDate: r.rateDate,
  fromCurrency: r.fromCurrency,
  toCurrency: r.toCurrency,
  rateType: r.rateType,
  rate: dec(r.rate).toFixed(),
  source: r.source,
});

/** A rate to the base currency and the quote it came from. */
export interface QuotedRate {
  rate: string;
  /** The quote's date; null for the base currency itself. */
  rateDate: string | null;
  /** Days between the quote and the date it was asked for. */
  ageDays: number;
  /** Whether the quote was of the inverse pair (base → currency). */
  inverse: boolean;
}

/** Past this many days a quote still converts, but the posting and its audit entry say how old it was. */
export const staleRateDays = 31;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The rate that converts one unit of `currency` into the base currency on `date`: the newest quote of
 * either direction dated on or before it (the direct pair on the same date wins); 1 for the base currency.
 */
export async function quoteToBase(
  db: Executor,
  tenantId: string,
  currency: string,
  base: string,
  date: string,
  rateType = 'spot',
): Promise<QuotedRate> {
  if (currency === base) return { rate: '1', rateDate: null, ageDays: 0, inverse: false };
  const direct = await repo.findFxRate(db, tenantId, currency, base, rateType, date);
  const inverse = await repo.findFxRate(db, tenantId, base, currency, rateType, date);
  if (!direct && !inverse)
    throw invalid('/fxRate', `is required: no ${rateType} rate ${currency}→${base} on or before ${date}`);
  if (direct && (!inverse || direct.rateDate >= inverse.rateDate))
    return {
      rate: dec(direct.rate).toFixed(),
      rateDate: direct.rateDate,
      ageDays: daysBetween(direct.rateDate, date),
      inverse: false,
    };
  const rate = dec('1').div(inverse!.rate).toDecimalPlaces(12);
  if (!isRateText(rate.toFixed()) || rate.isZero())
    throw invalid(
      '/fxRate',
      `is required: the inverse of the ${base}→${currency} rate ${inverse!.rate} is out of range`,
    );
  return {
    rate: rate.toFixed(),
    rateDate: inverse!.rateDate,
    ageDays: daysBetween(inverse!.rateDate, date),
    inverse: true,
  };
}

/** The rate of quoteToBase alone. */
export async function rateToBase(
  db: Executor,
  tenantId: string,
  currency: string,
  base: string,
  date: string,
  rateType = 'spot',
): Promise<string> {
  return (await quoteToBase(db, tenantId, currency, base, date, rateType)).rate;
}

export interface FxRateInput {
  rateDate: string;
  fromCurrency: string;
  toCurrency: string;
  rateType?: string;
  rate: string;
  source?: string;
}

/** Records rates (insert-only: a date's rate for a pair and type is fixed once set). */
export async function recordFxRates(deps: DomainDeps, ctx: ActionCtx, input: FxRateInput[]): Promise<FxRateView[]> {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  input.forEach((r, i) => {
    if (!isCurrency(r.fromCurrency))
      errors.push({ pointer: `/rates/${i}/fromCurrency`, reason: `is not an ISO 4217 currency` });
    if (!isCurrency(r.toCurrency))
      errors.push({ pointer: `/rates/${i}/toCurrency`, reason: `is not an ISO 4217 currency` });
    if (r.fromCurrency === r.toCurrency)
      errors.push({ pointer: `/rates/${i}/toCurrency`, reason: 'must differ from fromCurrency' });
    if (!isRateText(r.rate) || dec(r.rate).lte(0))
      errors.push({
        pointer: `/rates/${i}/rate`,
        reason: 'must be a positive decimal string with at most 12 digits before the point and 12 after',
      });
    const key = `${r.rateDate}|${r.fromCurrency}|${r.toCurrency}|${r.rateType ?? 'spot'}`;
    const first = seen.get(key);
    if (first !== undefined)
      errors.push({ pointer: `/rates/${i}`, reason: `repeats the date, pair and rate type of /rates/${first}` });
    else seen.set(key, i);
  });
  if (errors.length)
    throw new HexiaoError(
      'invalid_data',
      `FX rates are invalid: ${errors.map((e) => `${e.pointer} ${e.reason}`).join('; ')}`,
      { errors },
    );
  return deps.db.transaction(async (tx) => {
    for (const [i, r] of input.entries()) {
      const existing = await repo.findFxRate(
        tx,
        ctx.tenant.id,
        r.fromCurrency,
        r.toCurrency,
        r.rateType ?? 'spot',
        r.rateDate,
      );
      if (existing && existing.rateDate === r.rateDate)
        throw new HexiaoError(
          'conflict',
          `a ${existing.rateType} rate ${r.fromCurrency}→${r.toCurrency} for ${r.rateDate} already exists (${dec(existing.rate).toFixed()})`,
          { pointer: `/rates/${i}` },
        );
    }
    const rows = await repo.insertFxRates(
      tx,
      input.map((r) => ({
        tenantId: ctx.tenant.id,
        id: newId(),
        rateDate: r.rateDate,
        fromCurrency: r.fromCurrency,
        toCurrency: r.toCurrency,
        rateType: r.rateType ?? 'spot',
        rate: r.rate,
        source: r.source ?? null,
        createdBy: ctx.actor.name,
      })),
    );
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'fx-rate.record',
      entityType: 'fx-rate',
      recordCount: rows.length,
      after: rows.map(view),
    });
    return rows.map(view);
  });
}

export async function listFxRates(
  db: Executor,
  tenantId: string,
  f: { from?: string; to?: string; limit: number },
): Promise<FxRateView[]> {
  return (await repo.listFxRates(db, tenantId, f)).map(view);
}
