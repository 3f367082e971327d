import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { problem, problemResponse } from '../problem.ts';
import { getConnInfo } from '@hono/node-server/conninfo';

export interface RateLimitOptions {
  /** Requests allowed per window and key. */
  limit: number;
  windowMs: number;
  /** What is counted: by default the client address. */
  key?: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => string;
  /** Bucket name, so several limiters do not share counters. */
  name: string;
}

function clientAddress(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}

/**
 * A fixed-window limiter held in process memory (one server process; a shared store comes with
 * horizontal scaling). Answers 429 problem+json with Retry-After when the window is used up.
 * @example app.post('/auth/login', rateLimit({ name: 'login', limit: 10, windowMs: 60_000 }))
 */
export function rateLimit(o: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async function rateLimit(c, next) {
    const now = Date.now();
    const key = `${o.name}|${(o.key ?? clientAddress)(c)}`;
    let w = windows.get(key);
    if (!w || now - w.start >= o.windowMs) {
      if (windows.size > 50_000) for (const [k, v] of windows) if (now - v.start >= o.windowMs) windows.delete(k);
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    w.count += 1;
    c.header('RateLimit-Limit', String(o.limit));
    c.header('RateLimit-Remaining', String(Math.max(0, o.limit - w.count)));
    if (w.count > o.limit) {
      c.header('Retry-After', String(Math.ceil((w.start + o.windowMs - now) / 1000)));
      return problemResponse(
        c,
        problem(
          'rate_limited',
          429,
          `too many requests; try again in ${Math.ceil((w.start + o.windowMs - now) / 1000)} s`,
        ),
      );
    }
    await next();
  };
}
