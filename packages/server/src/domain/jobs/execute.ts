import * as repo from '../../store/repos/jobs.ts';
import { findTenantById } from '../../store/repos/tenants.ts';
import type { QueuedJob } from '../../model/jobs.ts';
import type { ActionCtx, Actor } from '../context.ts';
import type { Db } from '../deps.ts';
import { isHexiaoError } from '../errors.ts';
import { withTenant } from '../unit-of-work/index.ts';
import { JobCancelled, type AnyJobKind } from './kinds.ts';
import { isTransient } from './transient.ts';

export interface ExecuteDeps {
  db: Db;
  auditKey: Buffer;
  kinds: ReadonlyMap<string, AnyJobKind>;
  heartbeatMs: number;
  /** A running job whose heartbeat is older than this belongs to a dead process and may be taken over. */
  staleMs: number;
  /** Progress is written at most this often (the last report of a phase always is). */
  progressEveryMs: number;
  onChange?: (job: QueuedJob) => void;
  /** Told when an attempt ends here: the kind, the state it left the job in, its seconds and result. */
  onEnd?: (e: { kind: string; state: string; seconds: number; result: unknown }) => void;
}

const errorOf = (e: unknown) => ({
  type: isHexiaoError(e) ? e.type : e instanceof JobCancelled ? 'cancelled' : 'failed',
  message: (e as Error)?.message?.slice(0, 2000) ?? String(e),
  // a refusal keeps its pointers, so the API can answer it as the request would have been answered
  ...(isHexiaoError(e) && e.errors.length ? { errors: e.errors.slice(0, 100) } : {}),
});

/**
 * One attempt at a job, in whichever process the queue handed it to. Claims the row (a finished job, or one a
 * live process is running, is left alone: a queue's second delivery does nothing), runs the kind with the
 * submitter's context, beats a heartbeat, and records the outcome. A transient failure with attempts left puts
 * the job back to queued and rethrows, so the queue tries again after its backoff.
 */
export async function executeJob(deps: ExecuteDeps, q: QueuedJob, o: { takeOver?: boolean } = {}): Promise<void> {
  const scoped = <T>(fn: (tx: Db) => Promise<T>) => withTenant(deps.db, q.tenantId, fn);
  const claimed = await scoped(async (tx) => {
    const tenant = await findTenantById(tx, q.tenantId);
    const row = await repo.claimJob(tx, q.tenantId, q.jobId, o.takeOver ? 0 : deps.staleMs);
    return row && tenant ? { row, tenant } : undefined;
  });
  if (!claimed) return;
  const { row, tenant } = claimed;
  deps.onChange?.(q);
  const started = performance.now();
  const finish = async (end: Parameters<typeof repo.finishJob>[3]) => {
    await scoped((tx) => repo.finishJob(tx, q.tenantId, q.jobId, end));
    deps.onChange?.(q);
    deps.onEnd?.({
      kind: row.kind,
      state: end.state,
      seconds: (performance.now() - started) / 1000,
      result: end.result,
    });
  };
  const kind = deps.kinds.get(row.kind);
  if (!kind) return finish({ state: 'failed', error: { type: 'failed', message: `no job kind ${row.kind} here` } });
  if (row.cancelRequested) return finish({ state: 'cancelled', error: errorOf(new JobCancelled()) });

  const ctx: ActionCtx = {
    tenant,
    actor: row.actor as Actor,
    request: { requestId: `job:${row.id}`, userAgent: `hexiao job ${row.kind} attempt ${row.attempts}` },
  };
  let cancelled = false;
  let lastWrite = 0;
  let lastPhase: string | undefined;
  const beat = setInterval(() => {
    void scoped((tx) => repo.recordProgress(tx, q.tenantId, q.jobId, {})).then(
      (c) => (cancelled ||= c),
      () => {},
    );
  }, deps.heartbeatMs);
  beat.unref();
  try {
    const result = await kind.run({ db: deps.db, auditKey: deps.auditKey }, ctx, row.input as never, async (p) => {
      const now = Date.now();
      const phaseChanged = p.phase !== undefined && p.phase !== lastPhase;
      const last = p.total !== undefined && p.done >= p.total;
      if (phaseChanged || last || now - lastWrite >= deps.progressEveryMs) {
        lastWrite = now;
        lastPhase = p.phase ?? lastPhase;
        cancelled ||= await scoped((tx) => repo.recordProgress(tx, q.tenantId, q.jobId, p));
        deps.onChange?.(q);
      }
      if (cancelled) throw new JobCancelled();
    });
    await finish({ state: 'succeeded', result: result ?? null });
  } catch (e) {
    if (e instanceof JobCancelled) return finish({ state: 'cancelled', error: errorOf(e) });
    if (isTransient(e) && row.attempts < row.maxAttempts) {
      await finish({ state: 'queued', error: errorOf(e) }).catch(() => {});
      throw e;
    }
    await finish({ state: 'failed', error: errorOf(e) });
  } finally {
    clearInterval(beat);
  }
}
