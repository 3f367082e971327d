import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

/**
 * One structured log line per request (method, path, status, ms, request id, tenant, actor); never
 * headers, bodies or secrets.
 * @example app.use(requestLog())
 */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const started = performance.now();
    await next();
    const logger = c.get('deps')?.logger;
    if (!logger) return;
    const status = c.res.status;
    logger[status >= 500 ? 'error' : 'info']({
      requestId: c.get('requestId'),
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status,
      ms: Math.round(performance.now() - started),
      tenant: c.get('tenant')?.slug,
      actor: c.get('actor')?.id,
    });
  };
}
