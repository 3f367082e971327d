import { and, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { jobFiles, jobs, jobSchedules } from '../schema/index.ts';

export type JobRow = typeof jobs.$inferSelect;
export type JobInsert = typeof jobs.$inferInsert;
export type ScheduleRow = typeof jobSchedules.$inferSelect;
export type ScheduleInsert = typeof jobSchedules.$inferInsert;

export async function insertJob(db: Executor, row: JobInsert): Promise<void> {
  await db.insert(jobs).values(row);
}

export async function findJob(db: Executor, tenantId: string, id: string): Promise<JobRow | undefined> {
  const [r] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)));
  return r;
}

export async function listJobs(
  db: Executor,
  tenantId: string,
  f: { createdBy?: string; kind?: string; states?: string[]; before?: string; limit: number },
): Promise<JobRow[]> {
  const conds = [eq(jobs.tenantId, tenantId)];
  if (f.createdBy) conds.push(eq(jobs.createdBy, f.createdBy));
  if (f.kind) conds.push(eq(jobs.kind, f.kind));
  if (f.states?.length) conds.push(inArray(jobs.state, f.states as JobRow['state'][]));
  if (f.before) conds.push(lt(jobs.createdAt, f.before));
  return db
    .select()
    .from(jobs)
    .where(and(...conds))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(f.limit);
}

/**
 * Takes a job for an attempt: a queued job, or a running one whose last attempt died (its process was killed),
 * never a finished one. Returns the row after the update, or undefined when there is nothing to run.
 */
export async function claimJob(
  db: Executor,
  tenantId: string,
  id: string,
  staleMs: number,
): Promise<JobRow | undefined> {
  const [r] = await db
    .update(jobs)
    .set({
      state: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      startedAt: sql`now()`,
      heartbeatAt: sql`now()`,
      error: null,
    })
    .where(
      and(
        eq(jobs.tenantId, tenantId),
        eq(jobs.id, id),
        or(
          eq(jobs.state, 'queued'),
          and(eq(jobs.state, 'running'), sql`${jobs.heartbeatAt} <= now() - make_interval(secs => ${staleMs / 1000})`),
        ),
      ),
    )
    .returning();
  return r;
}

/** Records progress; returns whether someone asked to cancel meanwhile. */
export async function recordProgress(
  db: Executor,
  tenantId: string,
  id: string,
  p: { done?: number; total?: number | null; phase?: string | null },
): Promise<boolean> {
  const [r] = await db
    .update(jobs)
    .set({
      ...(p.done !== undefined ? { done: p.done } : {}),
      ...(p.total !== undefined ? { total: p.total } : {}),
      ...(p.phase !== undefined ? { phase: p.phase } : {}),
      heartbeatAt: sql`now()`,
    })
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id), eq(jobs.state, 'running')))
    .returning({ cancel: jobs.cancelRequested });
  return r?.cancel ?? false;
}

/** Ends an attempt: the job's final state, or back to queued for another attempt. Only a running job moves. */
export async function finishJob(
  db: Executor,
  tenantId: string,
  id: string,
  end: { state: JobRow['state']; result?: unknown; error?: unknown },
): Promise<boolean> {
  const terminal = end.state !== 'queued';
  const r = await db
    .update(jobs)
    .set({
      state: end.state,
      ...(end.result !== undefined ? { result: end.result } : {}),
      ...(end.error !== undefined ? { error: end.error } : {}),
      ...(terminal ? { finishedAt: sql`now()` } : {}),
      ...(end.state === 'succeeded' ? { done: sql`coalesce(${jobs.total}, ${jobs.done})` } : {}),
    })
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id), eq(jobs.state, 'running')))
    .returning({ id: jobs.id });
  return r.length > 0;
}

/** Asks a job to stop: a queued job is cancelled at once, a running one at its next progress report. */
export async function requestCancel(db: Executor, tenantId: string, id: string): Promise<JobRow | undefined> {
  const [queued] = await db
    .update(jobs)
    .set({ state: 'cancelled', cancelRequested: true, finishedAt: sql`now()` })
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id), eq(jobs.state, 'queued')))
    .returning();
  if (queued) return queued;
  const [running] = await db
    .update(jobs)
    .set({ cancelRequested: true })
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id), eq(jobs.state, 'running')))
    .returning();
  return running;
}

/** Jobs not finished: what a restarted embedded server hands back to its queue. */
export async function unfinishedJobs(db: Executor, tenantId: string): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), inArray(jobs.state, ['queued', 'running'])))
    .orderBy(jobs.createdAt);
}

export async function insertScheduleIfAbsent(db: Executor, row: ScheduleInsert): Promise<void> {
  await db.insert(jobSchedules).values(row).onConflictDoNothing();
}

export async function upsertSchedule(db: Executor, row: ScheduleInsert): Promise<ScheduleRow> {
  const [r] = await db
    .insert(jobSchedules)
    .values(row)
    .onConflictDoUpdate({
      target: [jobSchedules.tenantId, jobSchedules.key],
      set: { kind: row.kind, cron: row.cron, input: row.input, enabled: row.enabled, nextAt: row.nextAt },
    })
    .returning();
  return r!;
}

export async function listSchedules(db: Executor, tenantId: string): Promise<ScheduleRow[]> {
  return db.select().from(jobSchedules).where(eq(jobSchedules.tenantId, tenantId)).orderBy(jobSchedules.key);
}

/** Schedules due at `now`; rows another process is firing right now are skipped, not waited for. */
export async function dueSchedules(db: Executor, tenantId: string, now: string): Promise<ScheduleRow[]> {
  return db
    .select()
    .from(jobSchedules)
    .where(and(eq(jobSchedules.tenantId, tenantId), eq(jobSchedules.enabled, true), lte(jobSchedules.nextAt, now)))
    .for('update', { skipLocked: true });
}

/** Moves a schedule to its next time if no other process did first (compare-and-set on next_at). */
export async function advanceSchedule(
  db: Executor,
  tenantId: string,
  id: string,
  from: string,
  to: string,
  jobId: string | null,
): Promise<boolean> {
  const r = await db
    .update(jobSchedules)
    .set({ nextAt: to, lastAt: sql`now()`, lastJobId: jobId })
    .where(and(eq(jobSchedules.tenantId, tenantId), eq(jobSchedules.id, id), eq(jobSchedules.nextAt, from)))
    .returning({ id: jobSchedules.id });
  return r.length > 0;
}

/** Running jobs whose process stopped beating: the tick hands them back to the queue. */
export async function staleJobs(db: Executor, tenantId: string, staleMs: number): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.tenantId, tenantId),
        eq(jobs.state, 'running'),
        sql`${jobs.heartbeatAt} <= now() - make_interval(secs => ${staleMs / 1000})`,
      ),
    );
}

/** A running job that used up its attempts in a process that died: failed, with the reason. */
export async function failLostJob(db: Executor, tenantId: string, id: string, message: string): Promise<void> {
  await db
    .update(jobs)
    .set({ state: 'failed', error: { type: 'failed', message }, finishedAt: sql`now()` })
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id), eq(jobs.state, 'running')));
}

export async function insertJobFile(db: Executor, row: typeof jobFiles.$inferInsert): Promise<void> {
  await db.insert(jobFiles).values(row);
}

export async function findJobFile(db: Executor, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(jobFiles)
    .where(and(eq(jobFiles.tenantId, tenantId), eq(jobFiles.id, id)));
  return r;
}

export async function deleteJobFile(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.delete(jobFiles).where(and(eq(jobFiles.tenantId, tenantId), eq(jobFiles.id, id)));
}

/** Uploads no unfinished job will read any more (their job failed or was cancelled), an hour on; returns how many. */
export async function purgeUnusedJobFiles(db: Executor, tenantId: string): Promise<number> {
  const r = await db
    .delete(jobFiles)
    .where(
      and(
        eq(jobFiles.tenantId, tenantId),
        sql`${jobFiles.createdAt} < now() - interval '1 hour'`,
        sql`NOT EXISTS (SELECT 1 FROM jobs j WHERE j.tenant_id = ${jobFiles.tenantId}
              AND j.state IN ('queued', 'running') AND j.input -> 'file' ->> 'id' = ${jobFiles.id}::text)`,
      ),
    )
    .returning({ id: jobFiles.id });
  return r.length;
}
