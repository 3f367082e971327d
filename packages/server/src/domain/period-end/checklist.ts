import * as repo from '../../store/repos/period-end.ts';
import { findRevaluation, foreignOpenItemsAsOf } from '../../store/repos/revaluations.ts';
import { readTenantSettings } from '../../store/repos/tenants.ts';
import { newestPublishedOfKind } from '../../store/repos/write-offs.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { dec, isAmountText } from '../money/index.ts';
import { periodBounds } from './period-bounds.ts';

export interface Blocker {
  code:
    | 'draft-requests'
    | 'pending-approvals'
    | 'unmatched-bank-lines'
    | 'provisioning-run-missing'
    | 'fx-revaluation-missing';
  message: string;
  count: number;
  /** The API list behind the blocker. */
  link: string;
}

export interface PeriodChecklist {
  period: string;
  startsOn: string;
  endsOn: string;
  /** No blockers: closing the period is allowed. */
  ready: boolean;
  blockers: Blocker[];
  /** Every check made, passed or not. */
  checks: { code: Blocker['code']; passed: boolean; detail: string }[];
}

/** The tenant setting `periodEnd.unmatchedBankLinesAbove` (base currency): smaller unapplied receipts do not block. */
async function unmatchedThreshold(db: Executor, tenantId: string): Promise<string> {
  const s = (await readTenantSettings(db, tenantId)).periodEnd as { unmatchedBankLinesAbove?: unknown } | undefined;
  const v = s?.unmatchedBankLinesAbove;
  return typeof v === 'string' && isAmountText(v) ? dec(v).toFixed() : '0';
}

/**
 * What stands between a period and its close (ENGINES.md §3.5): requests started by its end returned to their
 * requester as drafts, approvals started by its end still pending,
 * receipts of the period above the tenant's threshold nobody has applied, — when an allowance plan is
 * published — no provisioning run as of a date in the period, and foreign-currency items open at its end
 * without the period's FX revaluation.
 */
export async function periodChecklist(db: Executor, ctx: ActionCtx, period: string): Promise<PeriodChecklist> {
  const { startsOn, endsOn } = periodBounds(period);
  const tenantId = ctx.tenant.id;
  const base = ctx.tenant.baseCurrency;
  const checks: PeriodChecklist['checks'] = [];
  const blockers: Blocker[] = [];
  const check = (b: Blocker | null, code: Blocker['code'], passed: string) => {
    checks.push({ code, passed: b === null, detail: b?.message ?? passed });
    if (b) blockers.push(b);
  };

  const drafts = await repo.pendingApprovals(db, tenantId, endsOn, 'returned');
  check(
    drafts.count
      ? {
          code: 'draft-requests',
          message: `${drafts.count > 1000 ? 'more than 1,000' : drafts.count} request${drafts.count === 1 ? '' : 's'} started by ${endsOn} returned to the requester as a draft: resubmit or withdraw them`,
          count: Math.min(drafts.count, 1000),
          link: `/api/v1/approvals/${drafts.ids[0]}`,
        }
      : null,
    'draft-requests',
    `no request started by ${endsOn} is a draft`,
  );

  const pending = await repo.pendingApprovals(db, tenantId, endsOn, 'running');
  check(
    pending.count
      ? {
          code: 'pending-approvals',
          message: `${pending.count > 1000 ? 'more than 1,000' : pending.count} approval${pending.count === 1 ? '' : 's'} started by ${endsOn} still pending: decide or withdraw them`,
          count: Math.min(pending.count, 1000),
          link: `/api/v1/approvals/${pending.ids[0]}`,
        }
      : null,
    'pending-approvals',
    `no approval started by ${endsOn} is pending`,
  );

  const above = await unmatchedThreshold(db, tenantId);
  const unmatched = await repo.unmatchedReceipts(db, tenantId, startsOn, endsOn, above);
  check(
    unmatched.count
      ? {
          code: 'unmatched-bank-lines',
          message: `${unmatched.count} receipt${unmatched.count === 1 ? '' : 's'} of ${period} above ${above} ${base} not applied (${dec(unmatched.openBase).toFixed()} ${base} open): match them or raise periodEnd.unmatchedBankLinesAbove`,
          count: unmatched.count,
          link: `/api/v1/matching/queue?from=${startsOn}&to=${endsOn}`,
        }
      : null,
    'unmatched-bank-lines',
    `every receipt of ${period} above ${above} ${base} is applied`,
  );

  const plan = await newestPublishedOfKind(db, tenantId, 'provision-plan');
  const allowance = plan && (plan.document as { mode?: string }).mode !== 'direct-write-off';
  const runs = allowance ? await repo.provisioningRunsIn(db, tenantId, startsOn, endsOn) : 0;
  check(
    allowance && runs === 0
      ? {
          code: 'provisioning-run-missing',
          message: `provision plan ${plan.key} v${plan.version} is published but no provisioning run is posted as of a date in ${period}: run it as of ${endsOn}`,
          count: 1,
          link: '/api/v1/provisioning-runs',
        }
      : null,
    'provisioning-run-missing',
    allowance
      ? `${runs} provisioning run${runs === 1 ? '' : 's'} posted in ${period}`
      : 'no allowance plan is published',
  );

  const foreign = (await foreignOpenItemsAsOf(db, tenantId, base, endsOn)).length;
  const revalued = foreign > 0 && (await findRevaluation(db, tenantId, { period })) !== undefined;
  check(
    foreign > 0 && !revalued
      ? {
          code: 'fx-revaluation-missing',
          message: `${foreign} item${foreign === 1 ? '' : 's'} in foreign currencies open at ${endsOn} and ${period} not revalued: revalue it at the closing rates`,
          count: foreign,
          link: '/api/v1/period-end/revaluation',
        }
      : null,
    'fx-revaluation-missing',
    foreign > 0 ? `${period} revalued` : `no foreign-currency item open at ${endsOn}`,
  );

  return { period, startsOn, endsOn, ready: blockers.length === 0, blockers, checks };
}
