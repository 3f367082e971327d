import { inProcessQueue } from '../../store/queue/index.ts';
import type { Db } from '../deps.ts';
import { jobKinds } from './handlers.ts';
import { importJob, type ImportJobDeps } from './import-job.ts';
import type { AnyJobKind } from './kinds.ts';
import { createJobService, type JobService } from './service.ts';

/** Jobs worked in this process by the in-process queue (embedded database, tests), started at once. */
export function inProcessJobs(o: {
  db: Db;
  auditKey: Buffer;
  concurrency?: number;
  imports?: ImportJobDeps;
}): JobService {
  const service = createJobService({
    db: o.db,
    auditKey: o.auditKey,
    queue: inProcessQueue(),
    kinds: [...jobKinds, ...(o.imports ? [importJob(o.imports) as AnyJobKind] : [])],
  });
  void service.start({ concurrency: o.concurrency ?? 1 });
  return service;
}
