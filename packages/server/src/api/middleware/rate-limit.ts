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
 * A fixed-window limiter per client address over the server's rate counters (in memory on the embedded
 * database, in PostgreSQL when servers share one: see domain/throttle). Answers 429 problem+json with
 * Retry-After when the window is used up.
 * @example rateLimit({ name: 'POST /auth/login', limit: 20, windowMs: 60_000 })
 */
export function rateLimit(o: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    const now = Date.now();
    const w = await c.get('deps').counters.hit(o.name, (o.key ?? clientAddress)(c), o.windowMs);
    c.header('RateLimit-Limit', String(o.limit));
    c.header('RateLimit-Remaining', String(Math.max(0, o.limit - w.hits)));
    if (w.hits > o.limit) {
      const seconds = Math.max(1, Math.ceil((w.resetAt - now) / 1000));
      c.header('Retry-After', String(seconds));
      return problemResponse(c, problem('rate_limited', 429, `too many requests; try again in ${seconds} s`));
    }
    await next();
  };
}
