import type { RouteSpec } from './route-table.ts';
import { idempotencyKeyMaxLength } from '../domain/idempotency/index.ts';

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    record: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'reason'],
        properties: { pointer: { type: 'string' }, reason: { type: 'string' } },
      },
    },
  },
};

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** OpenAPI 3.1 built from the route declarations: the same JSON Schemas that validate the requests. */
export function buildOpenApi(mounted: { prefix: string; specs: RouteSpec[] }[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const { prefix, specs } of mounted) {
    for (const s of specs) {
      const path = toOpenApiPath(prefix + s.path);
      const params = [...s.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const query = s.query
        ? Object.entries((s.query as { properties?: Record<string, object> }).properties ?? {}).map(
            ([name, schema]) => ({ name, in: 'query', required: false, schema }),
          )
        : [];
      const ok = s.response ?? { status: 200 };
      const headers = s.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: s.idempotent === 'required',
              schema: { type: 'string', minLength: 1, maxLength: idempotencyKeyMaxLength },
            },
          ]
        : [];
      (paths[path] ??= {})[s.method] = {
        summary: s.summary,
        tags: s.tags ?? [],
        operationId: `${s.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
        'x-permission': s.access,
        ...(s.access === 'public' ? { security: [] } : {}),
        parameters: [...params, ...query, ...headers],
        ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: s.body } } } } : {}),
        responses: {
          [String(ok.status)]: {
            description: ok.description ?? 'success',
            ...(ok.status === 204
              ? {}
              : { content: { [ok.contentType ?? 'application/json']: { schema: ok.schema ?? { type: 'object' } } } }),
          },
          default: {
            description: 'error (RFC 9457)',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'hexiao API',
      version,
      description:
        'Accounts receivable: customers, receivables, receipts, settlements, definitions. Errors are RFC 9457 problem+json with field pointers.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'API token (hxt_…) from POST /api/v1/tokens' },
        session: { type: 'apiKey', in: 'cookie', name: 'hexiao_session' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}

/** A self-contained reference page (no CDN: this must work offline). */
export function referencePage(doc: {
  paths: Record<string, Record<string, { summary?: string; 'x-permission'?: string }>>;
}): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const rows = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(
        ([method, op]) =>
          `<tr><td class="m ${method}">${method.toUpperCase()}</td><td><code>${esc(path)}</code></td><td>${esc(op.summary ?? '')}</td><td><code>${esc(op['x-permission'] ?? '')}</code></td></tr>`,
      ),
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hexiao API reference</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left}.m{font-weight:600}.get{color:#0a7}.post{color:#06c}.put,.patch{color:#b70}.delete{color:#c22}</style>
</head><body><h1>hexiao API reference</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code>.</p>
<table><thead><tr><th>method</th><th>path</th><th>what</th><th>permission</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
