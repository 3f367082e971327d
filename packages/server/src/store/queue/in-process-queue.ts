import type { JobQueue, QueuedJob } from '../../model/jobs.ts';

interface Entry {
  job: QueuedJob;
  attempt: number;
  maxAttempts: number;
}

export interface InProcessQueueOptions {
  /** First retry after this many ms, doubling each attempt (default 1 s). */
  retryDelayMs?: number;
  tickEveryMs?: number;
}

/**
 * The embedded database's queue: jobs run in this process, a few at a time, retried with exponential backoff
 * when the handler throws. Only one process opens an embedded folder, so there is no one to share with; what
 * a killed process left queued or running is recovered from the jobs table at the next start.
 */
export function inProcessQueue(o: InProcessQueueOptions = {}): JobQueue {
  const pending: Entry[] = [];
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let handler: ((job: QueuedJob) => Promise<void>) | undefined;
  let concurrency = 1;
  let stopped = false;
  const retryDelayMs = o.retryDelayMs ?? 1000;

  const pump = () => {
    while (!stopped && handler && running.size < concurrency && pending.length) {
      const e = pending.shift()!;
      const p: Promise<void> = handler(e.job)
        .catch(() => {
          if (e.attempt >= e.maxAttempts || stopped) return;
          const t = setTimeout(
            () => {
              timers.delete(t);
              pending.push({ ...e, attempt: e.attempt + 1 });
              pump();
            },
            retryDelayMs * 2 ** (e.attempt - 1),
          );
          timers.add(t);
        })
        .finally(() => {
          running.delete(p);
          pump();
        });
      running.add(p);
    }
  };

  return {
    name: 'in-process',
    async enqueue(job, { maxAttempts }) {
      pending.push({ job, attempt: 1, maxAttempts });
      queueMicrotask(pump);
    },
    async work(h, options) {
      handler = h;
      concurrency = Math.max(1, options?.concurrency ?? 1);
      pump();
    },
    async onTick(tick) {
      let busy = false;
      const t = setInterval(() => {
        if (busy || stopped) return;
        busy = true;
        void tick()
          .catch(() => {})
          .finally(() => (busy = false));
      }, o.tickEveryMs ?? 60_000);
      t.unref();
      timers.add(t);
    },
    async depth() {
      return { waiting: pending.length, running: running.size };
    },
    async stop(graceMs = 10_000) {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.race([Promise.allSettled([...running]), new Promise((r) => setTimeout(r, graceMs).unref())]);
    },
  };
}
