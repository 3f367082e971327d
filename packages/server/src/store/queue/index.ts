import type { JobQueue } from '../../model/jobs.ts';
import { inProcessQueue, type InProcessQueueOptions } from './in-process-queue.ts';
import { pgBossQueue, type PgBossQueueOptions } from './pg-boss-queue.ts';

export { inProcessQueue, pgBossQueue, type InProcessQueueOptions, type PgBossQueueOptions };

/** pg-boss when the database is PostgreSQL and the caller asks for the shared queue; in-process otherwise. */
export async function createJobQueue(
  o: { shared: false; inProcess?: InProcessQueueOptions } | ({ shared: true } & PgBossQueueOptions),
): Promise<JobQueue> {
  return o.shared ? pgBossQueue(o) : inProcessQueue(o.inProcess);
}
