import { allTenantIds } from '../../store/repos/reminders.ts';
import { findTenantById } from '../../store/repos/tenants.ts';
import { systemActor } from '../context.ts';
import type { Db, Executor } from '../deps.ts';
import { isHexiaoError } from '../errors.ts';
import { withTenant } from '../unit-of-work/index.ts';
import { runReminderSweep, type SweepReport } from './sweep.ts';
import { runCreditSweep, type CreditSweepReport } from '../credit/index.ts';
import { everyRound } from '../every.ts';

export interface TenantSweep {
  tenant: string;
  report?: SweepReport;
  /** The credit sweep of the same round (every tenant, published reminder plan or not). */
  credit?: CreditSweepReport;
  creditError?: string;
  /** Why the tenant was skipped (no published plan) or failed. */
  skipped?: string;
  error?: string;
}

/**
 * One scheduled round: the reminder sweep for every tenant that has published a `default` reminder plan, then the
 * credit sweep of every tenant, each in its own tenant transaction, as the system actor `system:reminders`; a tenant that fails does not stop the
 * others. Idempotent like the sweep itself, so running it every hour sends each reminder once, on its day.
 */
export async function sweepAllTenants(db: Db & Executor, o: { only?: string[] } = {}): Promise<TenantSweep[]> {
  const out: TenantSweep[] = [];
  const ids = await allTenantIds(db);
  for (const id of o.only ? ids.filter((x) => o.only!.includes(x)) : ids) {
    try {
      const report = await withTenant(db, id, async (tx) => {
        const tenant = await findTenantById(tx, id);
        if (!tenant) return undefined;
        return runReminderSweep(tx, { tenant, actor: systemActor('reminders') });
      });
      out.push(report ? { tenant: id, report } : { tenant: id, skipped: 'tenant not found' });
    } catch (e) {
      if (isHexiaoError(e) && e.errors[0]?.pointer === '/plan') out.push({ tenant: id, skipped: e.message });
      else out.push({ tenant: id, error: (e as Error).message });
    }
    const entry = out.at(-1)!;
    try {
      const credit = await withTenant(db, id, async (tx) => {
        const tenant = await findTenantById(tx, id);
        return tenant ? runCreditSweep(tx, { tenant, actor: systemActor('credit') }) : undefined;
      });
      if (credit) entry.credit = credit;
    } catch (e) {
      entry.creditError = (e as Error).message;
    }
  }
  return out;
}

/** Runs `sweepAllTenants` every `minutes` (never two rounds at once); returns the function that stops it. */
export function scheduleReminders(
  db: Db & Executor,
  minutes: number,
  log: (rounds: TenantSweep[]) => void,
): () => void {
  return everyRound(minutes * 60_000, async () => log(await sweepAllTenants(db)));
}
