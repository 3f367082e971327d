import { inProcessQueue, pgBossQueue } from '../../store/queue/index.ts';
import type { Db } from '../deps.ts';
import { jobKinds } from './handlers.ts';
import { importJob, type ImportJobDeps } from './import-job.ts';
import type { AnyJobKind } from './kinds.ts';
import { createJobService, type JobService } from './service.ts';

export interface OpenJobsOptions {
  db: Db;
  auditKey: Buffer;
  /** The PostgreSQL URL: jobs go through pg-boss, shared by every server and worker; absent: in this process. */
  sharedUrl?: string;
  expireSeconds: number;
  heartbeatSeconds: number;
  maintenanceSeconds: number;
  onProblem: (message: string, detail: Record<string, unknown>) => void;
  /** Connectors and limits, so the process can run import jobs. */
  imports: ImportJobDeps;
}

/** The job service of a server or worker process, not yet working (call start). */
export async function openJobService(o: OpenJobsOptions): Promise<JobService> {
  const queue = o.sharedUrl
    ? await pgBossQueue({
        url: o.sharedUrl,
        expireSeconds: o.expireSeconds,
        maintenanceSeconds: o.maintenanceSeconds,
        onError: (e) => o.onProblem('job queue error', { err: e.message }),
      })
    : inProcessQueue();
  return createJobService({
    db: o.db,
    auditKey: o.auditKey,
    queue,
    kinds: [...jobKinds, importJob(o.imports) as AnyJobKind],
    heartbeatMs: o.heartbeatSeconds * 1000,
    onProblem: o.onProblem,
  });
}
