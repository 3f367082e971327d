import { createHash, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import type { Metrics } from '../metrics.ts';

/** Times every request (the route template, not the raw path) and serves /metrics, behind a token when one is set. */
export function mountMetrics(app: Hono<AppEnv>, metrics: Metrics, token: string | undefined) {
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    if (c.req.path === '/metrics') return;
    metrics.observeRequest(
      c.req.method,
      c.get('route') ?? 'unmatched',
      c.res.status,
      (performance.now() - started) / 1000,
    );
  });
  app.get('/metrics', async (c) => {
    if (token && !sameSecret(c.req.header('authorization') ?? '', `Bearer ${token}`))
      return c.text('metrics need the bearer token set by HEXIAO_METRICS_TOKEN\n', 401);
    return c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
}

/** Compares digests in constant time, so the answer's timing tells nothing about the token. */
const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
