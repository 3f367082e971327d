import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { maxJsonDepth } from '../../packages/server/src/schema/json-bounds.ts';

/**
 * Generated from the route list: text no column can hold (NUL, lone surrogates) in any path segment,
 * query parameter or JSON string, and JSON nested beyond the bound, is refused with 422 problem+json
 * naming where — on every route, before any handler runs, so a new route is covered by being added.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);

const specs = () => t.tables.flatMap((table) => table.specs);
const pathOf = (path: string, params: Record<string, string> = {}) =>
  `/api/v1${path.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? randomUUID())}`;
const deepJson = (n: number) => `{"probe":${'['.repeat(n)}${']'.repeat(n)}}`;

async function send(method: string, path: string, body?: string) {
  const res = await t.app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${t.token}`,
      'idempotency-key': randomUUID(),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body,
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: parsed };
}

/** Each refusal must be 422 problem+json whose errors name `pointer`. */
function expectRefused(r: Awaited<ReturnType<typeof send>>, pointer: string | RegExp, what: string, wrong: string[]) {
  const pointers: string[] = (r.body?.errors ?? []).map((e: { pointer: string }) => e.pointer);
  const named = pointers.some((p) => (typeof pointer === 'string' ? p === pointer : pointer.test(p)));
  if (r.status !== 422 || !r.type.includes('application/problem+json') || !named)
    wrong.push(`${what} → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
}

describe('input bounds, generated from the route list', () => {
  it('a NUL or a lone surrogate in any path segment → 422 naming the parameter', async () => {
    const wrong: string[] = [];
    let probes = 0;
    for (const spec of specs())
      for (const [, name] of spec.path.matchAll(/:([A-Za-z]+)/g))
        for (const bad of ['a%00b', '%ED%A0%80', 'x%00']) {
          const r = await send(spec.method.toUpperCase(), pathOf(spec.path, { [name!]: bad }));
          probes++;
          // %ED%A0%80 is not UTF-8 at all: the router may keep it undecoded, then it is merely unknown
          if (bad === '%ED%A0%80' && r.status < 500 && r.status >= 400) continue;
          expectRefused(r, `/path/${name}`, `${spec.method} ${spec.path} :${name}=${bad}`, wrong);
        }
    expect(probes).toBeGreaterThan(60);
    expect(wrong).toEqual([]);
  }, 120_000);

  it('a NUL in any query parameter → 422 naming the parameter', async () => {
    const wrong: string[] = [];
    for (const spec of specs()) {
      const r = await send(spec.method.toUpperCase(), `${pathOf(spec.path)}?probe=a%00b`);
      expectRefused(r, '/query/probe', `${spec.method} ${spec.path}?probe=NUL`, wrong);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('a NUL or a lone surrogate in any JSON string or key, or nesting beyond the bound → 422 with the pointer', async () => {
    const wrong: string[] = [];
    const withBody = specs().filter((s) => s.body);
    expect(withBody.length).toBeGreaterThan(20);
    for (const spec of withBody) {
      const at = `${spec.method} ${spec.path}`;
      const path = pathOf(spec.path);
      const m = spec.method.toUpperCase();
      expectRefused(await send(m, path, '{"probe":["ok","a\\u0000b"]}'), '/probe/1', `${at} NUL`, wrong);
      expectRefused(await send(m, path, '{"probe":{"x\\u0000":1}}'), '/probe/x\u0000', `${at} NUL key`, wrong);
      expectRefused(await send(m, path, '{"probe":"\\ud800"}'), '/probe', `${at} surrogate`, wrong);
      expectRefused(await send(m, path, '{"probe":"\\udc00x"}'), '/probe', `${at} low surrogate`, wrong);
      const beyond = new RegExp(`^/probe(/0){${maxJsonDepth - 1}}$`);
      expectRefused(await send(m, path, deepJson(maxJsonDepth)), beyond, `${at} depth ${maxJsonDepth + 1}`, wrong);
      expectRefused(await send(m, path, deepJson(100_000)), beyond, `${at} depth 100000`, wrong);
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('nesting up to the bound passes the edge (the route answers for its own reasons, never 5xx)', async () => {
    const wrong: string[] = [];
    for (const spec of specs().filter((s) => s.body)) {
      const r = await send(spec.method.toUpperCase(), pathOf(spec.path), deepJson(maxJsonDepth - 1));
      if (r.status >= 500 || (r.body?.detail ?? '').includes('nests deeper'))
        wrong.push(`${spec.method} ${spec.path} → ${r.status} ${r.body?.detail}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
