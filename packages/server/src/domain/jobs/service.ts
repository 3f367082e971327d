import { EventEmitter } from 'node:events';
import * as repo from '../../store/repos/jobs.ts';
import { allTenantIds } from '../../store/repos/reminders.ts';
import { findTenantById } from '../../store/repos/tenants.ts';
import type { JobQueue, QueuedJob } from '../../model/jobs.ts';
import type { ActionCtx, Actor } from '../context.ts';
import { jobOwnerFilter } from './access.ts';
import { purgeOldWindows } from '../throttle/index.ts';
import type { Db, Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { newId } from '../ids.ts';
import { withTenant } from '../unit-of-work/index.ts';
import { executeJob, type ExecuteDeps } from './execute.ts';
import type { AnyJobKind, JobTitle } from './kinds.ts';
import { ensureDefaultSchedules, nextTime } from './schedules.ts';
import { finishedStates, jobView, type JobView } from './views.ts';

export interface JobServiceOptions {
  db: Db;
  auditKey: Buffer;
  queue: JobQueue;
  kinds: readonly AnyJobKind[];
  heartbeatMs?: number;
  progressEveryMs?: number;
  /** Problems the service meets outside any request (a tick, a lost job): logged by the caller. */
  onProblem?: (message: string, detail: Record<string, unknown>) => void;
}

export type JobService = ReturnType<typeof createJobService>;

/**
 * The jobs of this process: submits (a row, then the queue), works what the queue hands over, and ticks the
 * schedules. The same service runs over pg-boss on PostgreSQL and over the in-process queue on PGlite.
 */
export function createJobService(o: JobServiceOptions) {
  const kinds = new Map(o.kinds.map((k) => [k.kind, k]));
  const changes = new EventEmitter().setMaxListeners(0);
  const endListeners = new Set<NonNullable<ExecuteDeps['onEnd']>>();
  const heartbeatMs = o.heartbeatMs ?? 10_000;
  const exec: ExecuteDeps = {
    db: o.db,
    auditKey: o.auditKey,
    kinds,
    heartbeatMs,
    staleMs: heartbeatMs * 3,
    progressEveryMs: o.progressEveryMs ?? 250,
    onChange: (q) => changes.emit(q.jobId),
    onEnd: (e) => endListeners.forEach((f) => f(e)),
  };
  const titleOf = (row: repo.JobRow): JobTitle => {
    try {
      return kinds.get(row.kind)?.title(row.input as never) ?? { en: row.kind, zh: row.kind };
    } catch {
      return { en: row.kind, zh: row.kind };
    }
  };
  const view = (row: repo.JobRow) => jobView(row, titleOf(row));

  /** Stores a job in the caller's transaction; the caller enqueues it after commit (see `submit`). */
  async function store(db: Executor, ctx: ActionCtx, kindName: string, input: unknown, scheduleId?: string) {
    const kind = kinds.get(kindName);
    if (!kind) throw new HexiaoError('invalid_data', `no job kind ${kindName}`, { pointer: '/kind' });
    const row: repo.JobInsert = {
      tenantId: ctx.tenant.id,
      id: newId(),
      kind: kind.kind,
      state: 'queued',
      input: input ?? {},
      actor: ctx.actor,
      createdBy: ctx.actor.userId ?? ctx.actor.id,
      maxAttempts: kind.maxAttempts,
      scheduleId: scheduleId ?? null,
    };
    await repo.insertJob(db, row);
    return { id: row.id, maxAttempts: kind.maxAttempts };
  }

  async function enqueue(tenantId: string, job: { id: string; maxAttempts: number }) {
    await o.queue.enqueue({ tenantId, jobId: job.id }, { maxAttempts: job.maxAttempts });
  }

  /** A job the actor may see (see access.ts); another person's job is not found, as if absent. */
  async function get(db: Executor, tenantId: string, id: string, actor?: Actor): Promise<JobView> {
    const row = await repo.findJob(db, tenantId, id);
    const owner = actor && jobOwnerFilter(actor);
    if (!row || (owner !== undefined && row.createdBy !== owner))
      throw new HexiaoError('not_found', `job ${id} does not exist`);
    return view(row);
  }

  /** Resolves when the job's row may have changed in this process, or after ms (other processes: poll). */
  const changed = (id: string, ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        changes.off(id, done);
        resolve();
      };
      const t = setTimeout(done, ms);
      changes.once(id, done);
    });

  /** One scheduling round for one tenant: defaults in place, due schedules fired once, lost jobs retried. */
  async function tickTenant(tenantId: string, now: Date) {
    const fired: { id: string; maxAttempts: number }[] = [];
    const lost: repo.JobRow[] = [];
    await withTenant(o.db, tenantId, async (tx) => {
      const tenant = await findTenantById(tx, tenantId);
      if (!tenant) return;
      await ensureDefaultSchedules(tx, tenantId, tenant.timeZone);
      for (const s of await repo.dueSchedules(tx, tenantId, now.toISOString())) {
        const ctx: ActionCtx = {
          tenant,
          actor: { type: 'system', id: `schedule:${s.key}`, name: `system:schedule ${s.key}`, roles: ['admin'] },
        };
        const to = nextTime(s.cron, tenant.timeZone, now).toISOString();
        const job = await store(tx, ctx, s.kind, s.input, s.id).catch((e: Error) => {
          o.onProblem?.('scheduled job not stored', { tenantId, schedule: s.key, err: e.message });
          return undefined;
        });
        if (!(await repo.advanceSchedule(tx, tenantId, s.id, s.nextAt, to, job?.id ?? null))) throw new ScheduleTaken();
        if (job) fired.push(job);
      }
      lost.push(...(await repo.staleJobs(tx, tenantId, exec.staleMs)));
    }).catch((e) => {
      if (!(e instanceof ScheduleTaken)) throw e;
      // another process fired the schedule first: this round's rows were rolled back with it
      fired.length = 0;
      lost.length = 0;
    });
    for (const job of fired) await enqueue(tenantId, job);
    for (const job of lost) {
      if (job.attempts >= job.maxAttempts)
        await withTenant(o.db, tenantId, (tx) =>
          repo.failLostJob(tx, tenantId, job.id, `the process running it stopped; ${job.attempts} attempts used`),
        );
      else await enqueue(tenantId, job);
    }
  }

  return {
    kinds,
    queue: o.queue,
    store,
    enqueue,
    get,
    view,

    /** Stores and enqueues a job in a transaction of its own. */
    async submit(ctx: ActionCtx, kind: string, input: unknown): Promise<JobView> {
      const job = await withTenant(o.db, ctx.tenant.id, (tx) => store(tx, ctx, kind, input));
      await enqueue(ctx.tenant.id, job);
      return withTenant(o.db, ctx.tenant.id, (tx) => get(tx, ctx.tenant.id, job.id));
    },

    /** The job once it has finished, or as it stands after waitMs. */
    async wait(tenantId: string, id: string, waitMs: number): Promise<JobView> {
      const until = Date.now() + waitMs;
      for (;;) {
        const v = await withTenant(o.db, tenantId, (tx) => get(tx, tenantId, id));
        const left = until - Date.now();
        if (finishedStates.includes(v.state) || left <= 0) return v;
        await changed(id, Math.min(left, 250));
      }
    },

    /** Listens to attempts ending in this process (metrics); returns the function that stops listening. */
    onJobEnd(f: NonNullable<ExecuteDeps['onEnd']>): () => void {
      endListeners.add(f);
      return () => endListeners.delete(f);
    },

    /** Waits for the next change of a job in this process, or ms; SSE streams follow jobs with it. */
    changed,

    async cancel(db: Executor, tenantId: string, id: string, actor: Actor): Promise<JobView> {
      await get(db, tenantId, id, actor);
      const row = await repo.requestCancel(db, tenantId, id);
      if (!row) {
        const now = await get(db, tenantId, id);
        throw new HexiaoError('conflict', `job ${id} is ${now.state}: nothing to cancel`, { extra: { job: now } });
      }
      changes.emit(id);
      return view(row);
    },

    /** The actor's jobs (every job of the tenant for administrators and auditors), newest first. */
    async list(
      db: Executor,
      tenantId: string,
      actor: Actor,
      f: Omit<Parameters<typeof repo.listJobs>[2], 'createdBy'> & { mine?: boolean },
    ): Promise<JobView[]> {
      const owner = f.mine ? (actor.userId ?? actor.id) : jobOwnerFilter(actor);
      return (await repo.listJobs(db, tenantId, { ...f, ...(owner ? { createdBy: owner } : {}) })).map(view);
    },

    /** Starts working jobs here (a server or a worker): the queue's handler and the minutely tick. */
    async start(opts: { concurrency?: number; recover?: boolean } = {}): Promise<void> {
      await o.queue.work((q) => executeJob(exec, q), { concurrency: opts.concurrency ?? 1 });
      await o.queue.onTick(() => this.tick());
      if (opts.recover) await this.recover();
    },

    /** Every tenant's scheduling round (a tenant that fails does not stop the others). */
    async tick(now = new Date()): Promise<void> {
      await purgeOldWindows(o.db).catch((e: Error) => o.onProblem?.('rate windows not purged', { err: e.message }));
      for (const id of await allTenantIds(o.db))
        await tickTenant(id, now).catch((e: Error) =>
          o.onProblem?.('schedule tick failed', { tenantId: id, err: e.message }),
        );
    },

    /**
     * The embedded server is the only process on its folder: a job it finds queued or running was left by an
     * earlier process, and goes back to the queue (taken over at once, not after the heartbeat goes stale).
     */
    async recover(): Promise<number> {
      let n = 0;
      for (const tenantId of await allTenantIds(o.db))
        for (const job of await withTenant(o.db, tenantId, (tx) => repo.unfinishedJobs(tx, tenantId))) {
          n++;
          void executeJob(exec, { tenantId, jobId: job.id }, { takeOver: true }).catch((e: Error) =>
            o.onProblem?.('recovered job failed', { jobId: job.id, err: e.message }),
          );
        }
      return n;
    },

    stop: (graceMs?: number) => o.queue.stop(graceMs),
  };
}

class ScheduleTaken extends Error {}
