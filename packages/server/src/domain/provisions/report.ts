import * as repo from '../../store/repos/provision-report.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { invalid } from '../errors.ts';
import { accountByRole, isDate, resolveAccountMapping, todayIn } from '../ledger/index.ts';
import { dec, minorUnits, ZERO, type Decimal } from '../money/index.ts';

const movements = ['opening', 'topUp', 'released', 'writtenOff', 'recovered', 'other', 'closing'] as const;
type Movement = (typeof movements)[number];
export type MovementLine = Record<Movement, string> & { customerId: string | null };

export interface ProvisionReport {
  from: string;
  to: string;
  currency: string;
  account: { code: string; name: string };
  /** opening + top-up − released − written off + recovered + other = closing, to the cent. */
  movement: Record<Movement, string>;
  /** The allowance account's balance at `to` as the ledger has it; `reconciles` says it equals the closing. */
  ledgerBalance: string;
  reconciles: boolean;
  byCustomer?: MovementLine[];
  /** The required allowance by stage and bucket from the newest provisioning run as of `to`. */
  breakdown: {
    run: { id: string; asOf: string; plan: { key: string; version: number } } | null;
    cells: { stage: string | null; bucket: string | null; items: number; openBase: string; required: string }[];
  };
  runs: { id: string; asOf: string; planKey: string; planVersion: number; topUp: string; released: string }[];
  /**
   * Net bad-debt loss ratio: (bad-debt and direct write-offs − recoveries) ÷ credit sales (invoices), all
   * posted in the period, in base currency; null without sales.
   */
  badDebt: { creditSales: string; writtenOff: string; recovered: string; netLoss: string; ratio: string | null };
}

/** The allowance's movement over a period, reconciled to the allowance account, with its breakdown and loss ratio. */
export async function provisionReport(
  db: Executor,
  ctx: ActionCtx,
  input: { from?: string; to?: string; byCustomer?: boolean },
): Promise<ProvisionReport> {
  const today = todayIn(ctx.tenant.timeZone);
  const to = input.to ?? today;
  if (!isDate(to)) throw invalid('/to', 'must be a date YYYY-MM-DD');
  const from = input.from ?? `${to.slice(0, 4)}-01-01`;
  if (!isDate(from)) throw invalid('/from', 'must be a date YYYY-MM-DD');
  if (from > to) throw invalid('/from', `is after to (${to})`);
  const tenantId = ctx.tenant.id;
  const units = minorUnits(ctx.tenant.baseCurrency) ?? 2;
  const fixed = (d: Decimal) => d.toFixed(units);
  const mapping = await resolveAccountMapping(db, tenantId);
  const account = accountByRole(mapping, 'allowance');
  const rows = await repo.allowanceMovement(db, tenantId, account.code, from, to);
  const total = Object.fromEntries(movements.map((m) => [m, ZERO])) as Record<Movement, Decimal>;
  for (const r of rows) for (const m of movements) total[m] = total[m].plus(r[m]);
  const computed = total.opening
    .plus(total.topUp)
    .minus(total.released)
    .minus(total.writtenOff)
    .plus(total.recovered)
    .plus(total.other);
  const latest = await repo.latestRunAsOf(db, tenantId, to);
  const loss = await repo.lossFigures(db, tenantId, from, to);
  const netLoss = dec(loss.writtenOff).minus(loss.recovered);
  const sales = dec(loss.creditSales);
  const summary = (latest?.summary ?? {}) as { byStage?: ProvisionReport['breakdown']['cells'] };
  return {
    from,
    to,
    currency: ctx.tenant.baseCurrency,
    account,
    movement: Object.fromEntries(movements.map((m) => [m, fixed(m === 'closing' ? computed : total[m])])) as Record<
      Movement,
      string
    >,
    ledgerBalance: fixed(total.closing),
    reconciles: computed.eq(total.closing),
    ...(input.byCustomer
      ? {
          byCustomer: rows.map((r) => ({
            customerId: r.customerId,
            ...(Object.fromEntries(movements.map((m) => [m, fixed(dec(r[m]))])) as Record<Movement, string>),
          })),
        }
      : {}),
    breakdown: {
      run: latest
        ? { id: latest.id, asOf: latest.asOf, plan: { key: latest.planKey, version: latest.planVersion } }
        : null,
      cells: (summary.byStage ?? []).map((c) => ({
        ...c,
        openBase: fixed(dec(c.openBase)),
        required: fixed(dec(c.required)),
      })),
    },
    runs: (await repo.runsBetween(db, tenantId, from, to)).map((r) => ({
      ...r,
      topUp: fixed(dec(r.topUp)),
      released: fixed(dec(r.released)),
    })),
    badDebt: {
      creditSales: fixed(sales),
      writtenOff: fixed(dec(loss.writtenOff)),
      recovered: fixed(dec(loss.recovered)),
      netLoss: fixed(netLoss),
      ratio: sales.isZero() ? null : netLoss.div(sales).toDecimalPlaces(6).toFixed(),
    },
  };
}
