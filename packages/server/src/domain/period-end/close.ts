import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { setPeriodStatus, type PeriodView } from '../periods/index.ts';
import { periodChecklist } from './checklist.ts';
import { periodBounds } from './period-bounds.ts';

export interface CloseInput {
  /** Close although the checklist has blockers: needs a reason; the blockers are kept in the audit entry. */
  force?: boolean;
  reason?: string;
}

const checkReason = (reason: unknown, required: boolean, why: string) => {
  if (reason === undefined && !required) return;
  if (typeof reason !== 'string' || !reason.trim() || reason.length > 1000)
    throw invalid('/reason', `is required ${why} (at most 1,000 characters)`);
};

/**
 * Closes a period once its checklist is clear, checked under the period's lock (postings wait, so nothing
 * lands between the check and the close). With blockers: a 409 listing each, unless forced with a reason.
 */
export async function closePeriod(
  deps: DomainDeps,
  ctx: ActionCtx,
  period: string,
  input: CloseInput = {},
): Promise<PeriodView> {
  periodBounds(period);
  checkReason(input.reason, input.force === true, 'to close a period past its checklist: say why');
  return setPeriodStatus(deps, ctx, period, 'closed', {
    ...(input.reason ? { reason: input.reason } : {}),
    check: async (tx) => {
      const list = await periodChecklist(tx, ctx, period);
      if (list.ready) return {};
      if (!input.force)
        throw new HexiaoError(
          'conflict',
          `period ${period} cannot be closed yet: ${list.blockers.map((b) => b.message).join('; ')}`,
          { pointer: '/period', record: `period ${period}`, extra: { blockers: list.blockers } },
        );
      return { forcedPast: list.blockers.map((b) => ({ code: b.code, count: b.count, message: b.message })) };
    },
  });
}

/** Reopens a closed period, with an optional reason kept in the audit entry. */
export async function reopenPeriod(
  deps: DomainDeps,
  ctx: ActionCtx,
  period: string,
  input: { reason?: string } = {},
): Promise<PeriodView> {
  periodBounds(period);
  checkReason(input.reason, false, 'as text');
  return setPeriodStatus(deps, ctx, period, 'open', input.reason ? { reason: input.reason } : {});
}
