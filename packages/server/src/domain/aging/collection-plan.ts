import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { agingReport, type AgingColumn, type AgingReport, type ReportFilter } from './report.ts';

/** Days past due as inclusive upper bounds: later than 90 days … 61–90 … this week (due in 0–7 days); then overdue. */
const bounds = '-91,-61,-31,-15,-8,0';

const labels: AgingColumn['label'][] = [
  { zh: '已逾期', en: 'Overdue' },
  { zh: '本周（7 天内）', en: 'This week (0–7 days)' },
  { zh: '下周（8–14 天）', en: 'Next week (8–14 days)' },
  { zh: '15–30 天', en: 'In 15–30 days' },
  { zh: '31–60 天', en: 'In 31–60 days' },
  { zh: '61–90 天', en: 'In 61–90 days' },
  { zh: '90 天以后', en: 'Later than 90 days' },
];
const ids = ['overdue', 'this-week', 'next-week', '15-30', '31-60', '61-90', 'later'];

export type CollectionPlan = Omit<
  AgingReport,
  't0' | 'terms' | 'byObjectType' | 'byCustomer' | 't0Choices' | 'definition'
>;

/**
 * Expected receipts by due date as of a date (an item with an open promise to pay is expected on the
 * promised date instead; an item under the published ladder's instalment terms is expected in parts, each on
 * its own date): what is overdue, due this week, next week, in 15–30, 31–60,
 * 61–90 days and later, per customer, sales owner or any aging grouping, in the actor's data scope. Columns
 * run from overdue to later; amounts in the base currency (and the group's currency by currency).
 */
export async function collectionPlan(
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
): Promise<CollectionPlan> {
  const r = await agingReport(db, ctx, {
    ...input,
    t0: 'dueDate',
    buckets: bounds,
    promised: true,
    keepInstalments: true,
  });
  // the aging ladder runs from latest to overdue (and a column for items without any date, never here: a
  // document without a due date is due on its document date): reverse it
  const order = (xs: string[]) => [...xs].reverse();
  const { t0: _t0, terms: _terms, byObjectType: _b, byCustomer: _c, t0Choices: _t, definition: _d, ...rest } = r;
  return {
    ...rest,
    columns: order(r.columns.map((c) => c.id)).map((_, i) => ({
      id: ids[i]!,
      label: labels[i]!,
      from: i === 0 ? 1 : [-7, -14, -30, -60, -90, null][i - 1]!,
      to: i === 0 ? null : [0, -8, -15, -31, -61, -91][i - 1]!,
    })),
    totals: { ...r.totals, buckets: order(r.totals.buckets) },
    rows: r.rows.map((x) => ({
      ...x,
      buckets: order(x.buckets),
      ...(x.amounts ? { amounts: order(x.amounts) } : {}),
    })),
  };
}
