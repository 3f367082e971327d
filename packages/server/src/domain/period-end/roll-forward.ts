import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { trialBalance } from '../ledger/index.ts';
import { dec } from '../money/index.ts';
import { periodBounds } from './period-bounds.ts';

/**
 * The roll-forward of a period: per account its opening balance, the period's debits and credits, the closing
 * balance, and the next period's opening — equal to this closing, since balances are read from the vouchers
 * (nothing is copied at close). `carried` says every account carries forward exactly.
 */
export async function rollForward(db: Executor, ctx: ActionCtx, period: string) {
  const { next } = periodBounds(period);
  const now = await trialBalance(db, ctx.tenant, period);
  const after = await trialBalance(db, ctx.tenant, next);
  const nextOpening = new Map(after.accounts.map((a) => [a.accountCode, a.opening]));
  const accounts = now.accounts.map((a) => ({
    accountCode: a.accountCode,
    accountName: a.accountName,
    opening: a.opening,
    debit: a.debit,
    credit: a.credit,
    closing: a.closing,
    nextOpening: nextOpening.get(a.accountCode) ?? a.closing,
  }));
  return {
    period,
    nextPeriod: next,
    baseCurrency: now.baseCurrency,
    accounts,
    balanced: now.balanced,
    carried: accounts.every((a) => dec(a.closing).eq(a.nextOpening)),
  };
}
