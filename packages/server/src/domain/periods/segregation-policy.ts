import type { Executor } from '../../store/db.ts';
import { readTenantSettings } from '../../store/repos/tenants.ts';
import { HexiaoError } from '../errors.ts';
import { dec, isAmountText, type Decimal } from '../money/index.ts';

/**
 * The tenant's segregation-of-duties policy for the ledger, from settings `ledger.segregation`. Off by default,
 * so a single person may reverse what they posted and reopen what they closed:
 * - `reversalsAbove` (base-currency amount): the poster of a settlement may not reverse it alone when it moved
 *   more than this (`"0"`: never);
 * - `periodReopen: true`: the person who closed a period may not reopen it.
 */
export interface SegregationPolicy {
  reversalsAbove: Decimal | null;
  periodReopen: boolean;
}

export async function segregationPolicy(db: Executor, tenantId: string): Promise<SegregationPolicy> {
  const s = ((await readTenantSettings(db, tenantId)).ledger as { segregation?: Record<string, unknown> } | undefined)
    ?.segregation;
  const above = s?.reversalsAbove;
  if (above !== undefined && !isAmountText(above))
    throw new HexiaoError('unexpected_state', 'tenant setting ledger.segregation.reversalsAbove is not an amount');
  return { reversalsAbove: above === undefined ? null : dec(above), periodReopen: s?.periodReopen === true };
}

/** Refuses the poster reversing alone above the policy's threshold. */
export function refuseReversalByPoster(
  policy: SegregationPolicy,
  o: { postedBy: string | null; actor: string; baseAmount: Decimal; record: string },
): void {
  if (policy.reversalsAbove === null || o.postedBy !== o.actor || !o.baseAmount.gt(policy.reversalsAbove)) return;
  throw new HexiaoError(
    'not_allowed',
    `${o.record} was posted by ${o.actor}, who may not reverse it alone above ${policy.reversalsAbove.toFixed()} (tenant policy ledger.segregation.reversalsAbove): a second person reverses it`,
    { record: o.record },
  );
}
