import type { FromSchema } from 'json-schema-to-ts';
import type { Executor } from '../../store/db.ts';
import * as repo from '../../store/repos/periods.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { segregationPolicy } from './segregation-policy.ts';
import { datePolicy, opensOnFirstUse } from './date-policy.ts';

export const periodOfDate = (date: string) => date.slice(0, 7);

/**
 * The one check every posting makes: the period of `date` is open. The period row is share-locked until
 * the posting commits, so a concurrent close waits for it (and a posting waits for a close).
 */
export async function requireOpenPeriod(
  tx: Executor,
  tenantId: string,
  date: string,
  pointer = '/postingDate',
): Promise<string> {
  const period = periodOfDate(date);
  let row = await repo.lockPeriodShared(tx, tenantId, period, false);
  if (!row) {
    const today = new Date().toISOString().slice(0, 10);
    if (!opensOnFirstUse(await datePolicy(tx, tenantId), period, today))
      throw new HexiaoError(
        'period_closed',
        `period ${period} has never been opened and is outside the months in which periods open on first use (tenant setting ledger.periods.openOnFirstUse): open it first with POST /api/v1/periods/${period}/open`,
        { pointer, record: `period ${period}` },
      );
    row = (await repo.lockPeriodShared(tx, tenantId, period))!;
  }
  if (row.status !== 'open')
    throw new HexiaoError('period_closed', `period ${period} is closed: ${pointer.slice(1)} ${date} cannot be posted`, {
      pointer,
      record: `period ${period}`,
    });
  return period;
}

export const periodViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['period', 'startsOn', 'endsOn', 'status', 'closedAt', 'closedBy'],
  properties: {
    period: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
    startsOn: { type: 'string', format: 'date' },
    endsOn: { type: 'string', format: 'date' },
    status: { enum: ['open', 'closed'] },
    closedAt: { type: ['string', 'null'] },
    closedBy: { type: ['string', 'null'] },
  },
} as const;

export const periodListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: { items: { type: 'array', items: periodViewSchema } },
} as const;

export type PeriodView = FromSchema<typeof periodViewSchema>;

const view = (r: repo.PeriodRow): PeriodView => ({
  period: r.period,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  status: r.status as PeriodView['status'],
  closedAt: r.closedAt,
  closedBy: r.closedBy,
});

export async function listPeriods(db: Executor, tenantId: string): Promise<PeriodView[]> {
  return (await repo.listPeriods(db, tenantId)).map(view);
}

export interface PeriodStatusOptions {
  /** Kept in the audit entry (a reopen's or a forced close's why). */
  reason?: string;
  /**
   * Runs under the period's lock before the change (the close checklist); what it returns joins the audit entry.
   * Postings wait for the lock, so nothing lands in the period between the check and the close.
   */
  check?: (tx: Executor) => Promise<Record<string, unknown> | void>;
}

/** Closes or reopens a period; `check` (the close checklist) runs under the period's lock first. */
export async function setPeriodStatus(
  deps: DomainDeps,
  ctx: ActionCtx,
  period: string,
  status: 'open' | 'closed',
  o: PeriodStatusOptions = {},
): Promise<PeriodView> {
  if (!/^(?!0000)\d{4}-(0[1-9]|1[0-2])$/.test(period))
    throw new HexiaoError('invalid_data', `period must be YYYY-MM (got ${period})`, { pointer: '/period' });
  return deps.db.transaction(async (tx) => {
    const before = await repo.lockPeriodForUpdate(tx, ctx.tenant.id, period);
    if (
      status === 'open' &&
      before.status === 'closed' &&
      before.closedBy === ctx.actor.name &&
      (await segregationPolicy(tx, ctx.tenant.id)).periodReopen
    )
      throw new HexiaoError(
        'not_allowed',
        `period ${period} was closed by ${ctx.actor.name}, who may not reopen it (tenant policy ledger.segregation.periodReopen): a second person reopens it`,
        { pointer: '/period', record: `period ${period}` },
      );
    if (before.status === status)
      throw new HexiaoError('conflict', `period ${period} is already ${status}`, {
        pointer: '/period',
        record: `period ${period}`,
      });
    const checked = (await o.check?.(tx)) ?? {};
    const after = await repo.setPeriodStatus(tx, ctx.tenant.id, period, status, ctx.actor.name);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: status === 'closed' ? 'period.close' : 'period.reopen',
      entityType: 'period',
      entityId: period,
      before: { status: before.status },
      after: { status, ...(o.reason ? { reason: o.reason } : {}), ...checked },
    });
    return view(after);
  });
}

/** Opens a period explicitly: one never used (outside the first-use window, say), or one closed (a reopen). */
export async function openPeriod(deps: DomainDeps, ctx: ActionCtx, period: string): Promise<PeriodView> {
  if (!/^(?!0000)\d{4}-(0[1-9]|1[0-2])$/.test(period))
    throw new HexiaoError('invalid_data', `period must be YYYY-MM (got ${period})`, { pointer: '/period' });
  const created = await deps.db.transaction(async (tx) => {
    if (await repo.lockPeriodShared(tx, ctx.tenant.id, period, false)) return null;
    const row = (await repo.lockPeriodShared(tx, ctx.tenant.id, period))!;
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'period.open',
      entityType: 'period',
      entityId: period,
      before: null,
      after: { status: 'open' },
    });
    return row;
  });
  return created ? view(created) : setPeriodStatus(deps, ctx, period, 'open');
}
