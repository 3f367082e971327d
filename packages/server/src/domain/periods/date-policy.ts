import type { Executor } from '../../store/db.ts';
import { readTenantSettings } from '../../store/repos/tenants.ts';
import { HexiaoError } from '../errors.ts';

/**
 * The tenant's date policy, from settings `ledger.dates` and `ledger.periods`:
 * - `ledger.dates.postingBeforeDocument`: `"warn"` (default: posted, with a warning in the response and the audit
 *   entry) or `"refuse"`;
 * - `ledger.periods.openOnFirstUse`: `{ monthsBack, monthsAhead }` from the current month, the window in which a
 *   period opens on its first posting (unlimited by default, so opening balances of any age load); outside it a
 *   period must be opened explicitly first.
 */
export interface DatePolicy {
  postingBeforeDocument: 'warn' | 'refuse';
  /** `ledger.fx.maxRateAgeDays`: a quote older than this is refused (the document must give its own rate); off by default. */
  maxRateAgeDays: number | null;
  firstUseWindow: { monthsBack: number | null; monthsAhead: number | null } | null;
}

const months = (v: unknown, name: string): number | null => {
  if (v === undefined) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1200)
    throw new HexiaoError(
      'unexpected_state',
      `tenant setting ledger.periods.openOnFirstUse.${name} is not a month count`,
    );
  return v;
};

export function datePolicyOf(settings: Record<string, unknown>): DatePolicy {
  const ledger = (settings.ledger ?? {}) as {
    dates?: { postingBeforeDocument?: unknown };
    periods?: { openOnFirstUse?: { monthsBack?: unknown; monthsAhead?: unknown } };
    fx?: { maxRateAgeDays?: unknown };
  };
  const age = ledger.fx?.maxRateAgeDays;
  if (age !== undefined && (typeof age !== 'number' || !Number.isInteger(age) || age < 0 || age > 36500))
    throw new HexiaoError('unexpected_state', 'tenant setting ledger.fx.maxRateAgeDays is not a number of days');
  const p = ledger.dates?.postingBeforeDocument ?? 'warn';
  if (p !== 'warn' && p !== 'refuse')
    throw new HexiaoError(
      'unexpected_state',
      'tenant setting ledger.dates.postingBeforeDocument is not "warn" or "refuse"',
    );
  const w = ledger.periods?.openOnFirstUse;
  return {
    postingBeforeDocument: p,
    maxRateAgeDays: age === undefined ? null : (age as number),
    firstUseWindow: w
      ? { monthsBack: months(w.monthsBack, 'monthsBack'), monthsAhead: months(w.monthsAhead, 'monthsAhead') }
      : null,
  };
}

export async function datePolicy(db: Executor, tenantId: string): Promise<DatePolicy> {
  return datePolicyOf(await readTenantSettings(db, tenantId));
}

const index = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;

/** Whether `period` (YYYY-MM) may open on first use, `today` being YYYY-MM-DD. */
export function opensOnFirstUse(policy: DatePolicy, period: string, today: string): boolean {
  const w = policy.firstUseWindow;
  if (!w) return true;
  const d = index(period) - index(today.slice(0, 7));
  return (w.monthsBack === null || d >= -w.monthsBack) && (w.monthsAhead === null || d <= w.monthsAhead);
}
