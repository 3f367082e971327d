import * as repo from '../../store/repos/flows.ts';
import { allTenantIds } from '../../store/repos/reminders.ts';
import { findTenantById } from '../../store/repos/tenants.ts';
import { systemActor, type ActionCtx } from '../context.ts';
import { withTenant } from '../unit-of-work/index.ts';
import { isHexiaoError } from '../errors.ts';
import { apply, lockInstance, nowOf, type FlowDeps } from './runtime.ts';
import { everyRound } from '../every.ts';

export interface TimerRun {
  fired: { taskId: string; level: string }[];
  /** Timers whose task had closed meanwhile: marked fired, nothing sent. */
  moot: number;
  failed: { taskId: string; level: string; reason: string }[];
}

/**
 * Fires the reminder and escalation timers of one tenant that are due (what the jobs sweep calls on a
 * schedule): each at most once per task and level, under its instance's lock, as a command of the flow —
 * a reminder notifies the holder, an escalation adds the step's escalation assignees. A timer whose task
 * closed meanwhile is marked fired and does nothing; one that fails stays due for the next run.
 */
export async function fireDueTimers(deps: FlowDeps, ctx: ActionCtx, o: { limit?: number } = {}): Promise<TimerRun> {
  const out: TimerRun = { fired: [], moot: 0, failed: [] };
  const tenantId = ctx.tenant.id;
  const due = await repo.listDueNow(deps.db, tenantId, nowOf(deps), o.limit ?? 100);
  for (const d of due) {
    try {
      await deps.db.transaction(async (tx) => {
        const l = await lockInstance(tx, tenantId, d.instanceId);
        if (!(await repo.lockDue(tx, tenantId, d.taskId, d.level))) return; // another sweep fired it meanwhile
        const task = l.state.tasks.find((t) => t.id === d.taskId);
        if (!task || task.status !== 'open' || l.state.status !== 'running') out.moot++;
        else {
          const type = d.level === 'remind' ? 'remind' : 'escalate';
          await apply(tx, deps, ctx, l, { type, taskId: d.taskId }, { action: `flow.${type}` });
          out.fired.push({ taskId: d.taskId, level: d.level });
        }
        await repo.markDueFired(tx, tenantId, d.taskId, d.level);
      });
    } catch (e) {
      if (!isHexiaoError(e)) throw e;
      out.failed.push({ taskId: d.taskId, level: d.level, reason: e.message });
    }
  }
  return out;
}

export interface TenantTimers {
  tenant: string;
  run?: TimerRun;
  error?: string;
}

/**
 * One round over every tenant, each in its own tenant transaction, as the system actor `system:flows`: the
 * tenant's due timers fire (each timer in a savepoint of its own, so one that fails stays due); a tenant that
 * fails does not stop the others.
 */
export async function fireTimersOfAllTenants(deps: FlowDeps, o: { only?: string[] } = {}): Promise<TenantTimers[]> {
  const out: TenantTimers[] = [];
  const ids = await allTenantIds(deps.db);
  for (const id of o.only ? ids.filter((x) => o.only!.includes(x)) : ids) {
    try {
      const run = await withTenant(deps.db, id, async (tx) => {
        const tenant = await findTenantById(tx, id);
        return tenant ? fireDueTimers({ ...deps, db: tx }, { tenant, actor: systemActor('flows') }) : undefined;
      });
      out.push(run ? { tenant: id, run } : { tenant: id, error: 'tenant not found' });
    } catch (e) {
      out.push({ tenant: id, error: (e as Error).message });
    }
  }
  return out;
}

/** Runs `fireTimersOfAllTenants` every `minutes` (never two rounds at once); returns the function that stops it. */
export function scheduleFlowTimers(deps: FlowDeps, minutes: number, log: (rounds: TenantTimers[]) => void): () => void {
  return everyRound(
    minutes * 60_000,
    async () => log(await fireTimersOfAllTenants(deps)),
    (e) => log([{ tenant: '*', error: e.message }]),
  );
}
