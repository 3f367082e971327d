import { salesFigures, type SalesFigures } from '../../store/repos/kpis.ts';
import type { ActionCtx } from '../context.ts';
import { actorScope } from '../customers/index.ts';
import { narrowScope } from '../identity/index.ts';
import type { Executor } from '../deps.ts';
import { invalid } from '../errors.ts';
import { dec, minorUnits } from '../money/index.ts';
import { agingReport, type ReportFilter } from './report.ts';

export interface KpiRow {
  key: string | null;
  label: string | null;
  /** Open receivables, what of it is past due, and that share (base currency). */
  open: string;
  overdue: string;
  overdueRatio: string | null;
  /** Invoiced in the last 90 days; days sales outstanding = open ÷ those sales × 90 (null without sales). */
  sales90: string;
  dso: string | null;
  /** Written off as bad debt in the last 365 days, against what was invoiced then. */
  sales365: string;
  badDebts365: string;
  badDebtRatio: string | null;
}

export interface KpiReport {
  asOf: string;
  baseCurrency: string;
  groupBy: string;
  page: number;
  limit: number;
  groups: number;
  totals: Omit<KpiRow, 'key' | 'label'>;
  rows: KpiRow[];
}

const customerGroupings = /^(customer|customerGroup|salesOwner|region|customer\.custom\.[A-Za-z][A-Za-z0-9_]{0,63})$/;

/**
 * Receivables KPIs as of a date per customer grouping: open and overdue amounts and the overdue ratio (from the
 * aging, exact as of the date), DSO by the count-back of the last 90 days' sales, and the bad-debt ratio over
 * the last year, for the customers in the actor's scope.
 */
export async function receivableKpis(
  db: Executor,
  ctx: ActionCtx,
  input: {
    asOf?: string;
    groupBy?: string;
    customerId?: string;
    filter?: ReportFilter;
    page?: number;
    limit?: number;
  },
): Promise<KpiReport> {
  const groupBy = input.groupBy ?? 'customer';
  if (!customerGroupings.test(groupBy))
    throw invalid('/query/groupBy', 'must be customer, customerGroup, salesOwner, region or customer.custom.<field>');
  const aging = await agingReport(db, ctx, { ...input, groupBy, t0: 'dueDate', buckets: '0' });
  const group = groupBy.startsWith('customer.custom.')
    ? ({ by: 'customerField', field: groupBy.slice(16) } as const)
    : ({ by: groupBy } as { by: 'customer' | 'customerGroup' | 'salesOwner' | 'region' });
  const figures = await salesFigures(db, ctx.tenant.id, {
    asOf: aging.asOf,
    group,
    scope: narrowScope(actorScope(ctx.actor), input.filter ?? {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(input.filter?.currency ? { currency: input.filter.currency } : {}),
  });
  const places = minorUnits(ctx.tenant.baseCurrency) ?? 2;
  const byKey = new Map(figures.map((f) => [f.group, f]));
  const sum = (pick: (f: SalesFigures) => string) =>
    figures.reduce((a, f) => a.plus(pick(f)), dec('0')).toFixed(places);
  const row = (open: string, overdue: string, f: Omit<SalesFigures, 'group'> | undefined) => {
    const sales90 = dec(f?.sales90 ?? '0');
    const sales365 = dec(f?.sales365 ?? '0');
    const bad = dec(f?.badDebts365 ?? '0');
    return {
      open,
      overdue,
      overdueRatio: dec(open).isZero() ? null : dec(overdue).div(open).toFixed(4),
      sales90: sales90.toFixed(places),
      dso: sales90.gt(0) ? dec(open).div(sales90).times(90).toFixed(1) : null,
      sales365: sales365.toFixed(places),
      badDebts365: bad.toFixed(places),
      badDebtRatio: sales365.gt(0) ? bad.div(sales365).toFixed(4) : null,
    };
  };
  return {
    asOf: aging.asOf,
    baseCurrency: aging.baseCurrency,
    groupBy,
    page: aging.page,
    limit: aging.limit,
    groups: aging.groups,
    totals: row(aging.totals.total, aging.totals.buckets[1]!, {
      sales90: sum((f) => f.sales90),
      sales365: sum((f) => f.sales365),
      badDebts365: sum((f) => f.badDebts365),
    }),
    rows: aging.rows.map((r) => ({ key: r.key, label: r.label, ...row(r.total, r.buckets[1]!, byKey.get(r.key)) })),
  };
}
