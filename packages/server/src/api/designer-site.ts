import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv } from './env.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const defaultDist = fileURLToPath(new URL('../../../designer/dist/', import.meta.url));

/**
 * Serves the designer's built pages (packages/designer/dist) with an SPA fallback; until the designer
 * is built, `/` shows a small landing page pointing at the API.
 */
export function designerSite(dist = defaultDist): (app: Hono<AppEnv>) => void {
  return (app) => {
    app.get('/*', (c) => {
      const path = new URL(c.req.url).pathname;
      if (path.startsWith('/api/')) return c.notFound();
      if (existsSync(join(dist, 'index.html'))) {
        const file = normalize(join(dist, decodeURIComponent(path)));
        const target = file.startsWith(dist) && existsSync(file) && extname(file) ? file : join(dist, 'index.html');
        return c.body(readFileSync(target), 200, {
          'content-type': types[extname(target)] ?? 'application/octet-stream',
        });
      }
      return c.html(landing);
    });
  };
}

const landing = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hexiao</title>
<style>body{font:15px system-ui,sans-serif;max-width:46rem;margin:3rem auto;color:#222;line-height:1.5}code{background:#f3f3f3;padding:.1rem .3rem}</style></head>
<body><h1>hexiao 核销</h1><p>Accounts receivable, low-code. The server is running.</p>
<ul><li><a href="/api/docs">API reference</a> · <a href="/api/openapi.json">OpenAPI 3.1</a></li>
<li>Log in: <code>POST /api/v1/auth/login</code> with <code>{"email":"admin@demo.hexiao.dev","password":"hexiao-demo"}</code></li>
<li>Health: <a href="/api/v1/health">/api/v1/health</a> · readiness: <a href="/api/v1/ready">/api/v1/ready</a></li></ul>
<p>The designer's pages appear here once it is built.</p></body></html>`;
