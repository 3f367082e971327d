import { addHits, deleteWindowsBefore, readHits } from '../../store/repos/rate-limits.ts';
import type { Executor } from '../deps.ts';

/** A fixed window of one key: its hits so far and when it ends. */
export interface WindowCount {
  hits: number;
  resetAt: number;
}

/**
 * Counters behind the rate limits and the failed-login budget. In memory for one process (the embedded
 * database has one); in PostgreSQL when several servers share it, so a client cannot multiply its budget by
 * the number of processes.
 */
export interface RateCounters {
  readonly shared: boolean;
  /** Adds one hit (or `by`) and returns the window's total. */
  hit(bucket: string, key: string, windowMs: number, by?: number): Promise<WindowCount>;
  /** The window's total without adding to it. */
  peek(bucket: string, key: string, windowMs: number): Promise<WindowCount>;
}

const windowOf = (windowMs: number, now = Date.now()) => Math.floor(now / windowMs) * windowMs;

export function memoryCounters(): RateCounters {
  const windows = new Map<string, { start: number; hits: number }>();
  const current = (bucket: string, key: string, windowMs: number) => {
    const start = windowOf(windowMs);
    const k = `${bucket}|${key}`;
    let w = windows.get(k);
    if (!w || w.start !== start) {
      if (windows.size > 50_000) for (const [x, v] of windows) if (v.start < start) windows.delete(x);
      w = { start, hits: 0 };
      windows.set(k, w);
    }
    return w;
  };
  return {
    shared: false,
    async hit(bucket, key, windowMs, by = 1) {
      const w = current(bucket, key, windowMs);
      w.hits += by;
      return { hits: w.hits, resetAt: w.start + windowMs };
    },
    async peek(bucket, key, windowMs) {
      const w = current(bucket, key, windowMs);
      return { hits: w.hits, resetAt: w.start + windowMs };
    },
  };
}

/** Counters in PostgreSQL: one upsert per counted request, each in its own short transaction. */
export function databaseCounters(db: Executor): RateCounters {
  const at = (bucket: string, key: string, windowMs: number) => {
    const start = windowOf(windowMs);
    return {
      w: { bucket, key: key.slice(0, 200), windowStart: new Date(start).toISOString() },
      resetAt: start + windowMs,
    };
  };
  return {
    shared: true,
    async hit(bucket, key, windowMs, by = 1) {
      const { w, resetAt } = at(bucket, key, windowMs);
      return { hits: await addHits(db, w, by), resetAt };
    },
    async peek(bucket, key, windowMs) {
      const { w, resetAt } = at(bucket, key, windowMs);
      return { hits: await readHits(db, w), resetAt };
    },
  };
}

/** Drops windows that ended more than a day ago (the scheduling tick). */
export function purgeOldWindows(db: Executor): Promise<number> {
  return deleteWindowsBefore(db, new Date(Date.now() - 86_400_000).toISOString());
}
