import type { ActionCtx } from '../context.ts';
import { agingReport } from '../aging/index.ts';
import type { Executor } from '../deps.ts';
import { dec } from '../money/index.ts';
import { customerCredit, type CustomerCredit } from './assess.ts';

/** How many of the largest overdue exposures are scored to find the riskiest. */
const candidates = 200;

export interface RiskyCustomers {
  asOf: string;
  items: (Pick<CustomerCredit, 'customer' | 'score' | 'grade' | 'limit' | 'exposure' | 'available'> & {
    overdue: string;
    maxDaysPastDue: number;
  })[];
}

/**
 * The riskiest customers in the actor's scope: of the customers with the largest overdue amounts (up to 200),
 * those with the lowest credit scores under the published policy, worst first (ties: larger overdue first).
 */
export async function riskyCustomers(db: Executor, ctx: ActionCtx, limit: number): Promise<RiskyCustomers> {
  const aging = await agingReport(db, ctx, { groupBy: 'customer', buckets: '0', t0: 'dueDate', limit: candidates });
  const overdue = aging.rows.filter((r) => r.key && dec(r.buckets[1]!).gt(0));
  const scored = [];
  for (const r of overdue) scored.push(await customerCredit(db, ctx, r.key!));
  scored.sort((a, b) => a.score - b.score || dec(b.metrics.overdue).comparedTo(a.metrics.overdue));
  return {
    asOf: aging.asOf,
    items: scored.slice(0, limit).map((c) => ({
      customer: c.customer,
      score: c.score,
      grade: c.grade,
      limit: c.limit,
      exposure: c.exposure,
      available: c.available,
      overdue: c.metrics.overdue,
      maxDaysPastDue: c.metrics.maxDaysPastDue,
    })),
  };
}
