import PgBoss from 'pg-boss';
import postgres from 'postgres';
import type { JobQueue, QueuedJob } from '../../model/jobs.ts';

export interface PgBossQueueOptions {
  url: string;
  /** pg-boss's own schema (default hexiao_jobs). */
  schema?: string;
  /** A delivery not finished after this long is taken as lost (its worker died) and retried. */
  expireSeconds?: number;
  /** How often pg-boss looks for expired deliveries. */
  maintenanceSeconds?: number;
  pollingSeconds?: number;
  onError?: (e: Error) => void;
}

const jobsQueue = 'hexiao-jobs';
const tickQueue = 'hexiao-tick';

/**
 * PostgreSQL's queue: pg-boss 10 (SKIP LOCKED delivery, retries with backoff, expiry of deliveries whose worker
 * died, cron schedules fired once across processes). Servers and workers share it through the database; the
 * delivery carries the job's address only.
 */
export async function pgBossQueue(o: PgBossQueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: o.url,
    schema: o.schema ?? 'hexiao_jobs',
    max: 4,
    application_name: 'hexiao-jobs',
    maintenanceIntervalSeconds: o.maintenanceSeconds ?? 60,
    monitorStateIntervalSeconds: 60,
  });
  boss.on('error', (e: Error) => o.onError?.(e));
  const expireInSeconds = o.expireSeconds ?? 3600;
  // pg-boss creates its schema and queues (DDL) at start: processes starting together take turns, or PostgreSQL
  // refuses one of them ("tuple concurrently updated")
  await oneAtATime(o.url, async () => {
    await boss.start();
    for (const name of [jobsQueue, tickQueue])
      if (!(await boss.getQueue(name)))
        await boss.createQueue(name, { name, retryBackoff: true, retryDelay: 1, expireInSeconds });
  });
  const workers: string[] = [];
  const jobWorkers: string[] = [];
  return {
    name: 'pg-boss',
    async enqueue(job, { maxAttempts }) {
      await boss.send(jobsQueue, job, {
        retryLimit: maxAttempts - 1,
        retryBackoff: true,
        retryDelay: 1,
        expireInSeconds,
      });
      // this process's idle workers look at once rather than at their next poll
      for (const id of jobWorkers) boss.notifyWorker(id);
    },
    async work(handler, options) {
      for (let i = 0; i < Math.max(1, options?.concurrency ?? 1); i++) {
        let id = '';
        id = await boss.work<QueuedJob>(
          jobsQueue,
          { batchSize: 1, pollingIntervalSeconds: o.pollingSeconds ?? 1 },
          async ([job]) => {
            if (!job) return;
            try {
              await handler(job.data);
            } finally {
              // pg-boss 10 waits out its polling interval after every fetch, even a full one: a worker that just
              // finished a job fetches the next at once, and sleeps only when the queue is empty
              if (id) boss.notifyWorker(id);
            }
          },
        );
        jobWorkers.push(id);
        workers.push(id);
      }
    },
    async onTick(tick) {
      await oneAtATime(o.url, () => boss.schedule(tickQueue, '* * * * *', {}, { retryLimit: 0 }));
      workers.push(await boss.work(tickQueue, { pollingIntervalSeconds: 5 }, () => tick()));
    },
    async depth() {
      const waiting = await boss.getQueueSize(jobsQueue);
      const { rows } = await boss
        .getDb()
        .executeSql(
          `SELECT count(*)::int AS n FROM ${o.schema ?? 'hexiao_jobs'}.job WHERE name = $1 AND state = 'active'`,
          [jobsQueue],
        );
      return { waiting, running: Number((rows[0] as { n: number }).n) };
    },
    async stop(graceMs = 10_000) {
      await boss.stop({ graceful: true, wait: true, timeout: graceMs });
    },
  };
}

/** A session advisory lock on a connection of its own, held while fn runs: one process at a time, cluster-wide. */
async function oneAtATime<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`SELECT pg_advisory_lock(7020122)`;
    try {
      return await fn();
    } finally {
      await sql`SELECT pg_advisory_unlock(7020122)`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
