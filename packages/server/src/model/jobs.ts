/** What the queue carries: only the job's address; the job's row is the truth. */
export interface QueuedJob {
  tenantId: string;
  jobId: string;
}

/**
 * A job queue: hands stored jobs to whichever process works them, retries a job whose handler threw with
 * backoff up to its attempts, and fires the scheduling tick once a minute across all processes. pg-boss on
 * PostgreSQL (store/queue/pg-boss-queue.ts), a promise queue in this process on the embedded database.
 */
export interface JobQueue {
  readonly name: 'in-process' | 'pg-boss';
  enqueue(job: QueuedJob, options: { maxAttempts: number }): Promise<void>;
  /** Starts working jobs in this process; a thrown error makes the queue try again later. */
  work(handler: (job: QueuedJob) => Promise<void>, options?: { concurrency?: number }): Promise<void>;
  /** Runs tick about once a minute, in one process at a time. */
  onTick(tick: () => Promise<void>): Promise<void>;
  /** Jobs waiting and running, for metrics. */
  depth(): Promise<{ waiting: number; running: number }>;
  /** Stops taking work; waits up to graceMs for running jobs, then lets them go back to the queue. */
  stop(graceMs?: number): Promise<void>;
}
