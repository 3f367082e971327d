import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { checkBooks } from '../../packages/server/src/domain/ledger/index.ts';
import { verifyAudit } from '../../packages/server/src/domain/audit/index.ts';

const requests = Number(process.env.HEXIAO_FUZZ_REQUESTS ?? 10_000);

let t: TestApp;
let validIds: string[];

/** Row counts of every tenant table but the ones a refused request may legitimately write (audit of failed logins, rate windows). */
async function fingerprint(): Promise<string> {
  const tables = await rows<{ table_name: string }>(
    t.deps.db,
    sql`SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
          AND c.table_name NOT IN ('audit_log', 'audit_heads', 'tenants', 'users', 'api_tokens', 'idempotency_keys') ORDER BY 1`,
  );
  const parts = await rows<{ n: string }>(
    t.deps.db,
    sql.join(
      tables.map(
        ({ table_name }) =>
          sql`SELECT count(*)::text AS n FROM ${sql.identifier(table_name)} WHERE tenant_id = ${t.tenant.id}`,
      ),
      sql` UNION ALL `,
    ),
  );
  return parts.map((p, i) => `${tables[i]!.table_name}=${p.n}`).join(',');
}

/** The tables whose counts differ, as `table before→after`. */
function changedTables(before: string, after: string): string {
  const was = new Map(before.split(',').map((p) => p.split('=') as [string, string]));
  return after
    .split(',')
    .map((p) => p.split('=') as [string, string])
    .filter(([table, n]) => was.get(table) !== n)
    .map(([table, n]) => `${table} ${was.get(table)}→${n}`)
    .join(', ');
}

/**
 * Waits until no job of the tenant is queued or running: a job an accepted request started writes its rows in the
 * background, and those are not the refused request's.
 */
async function jobsSettled(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const [r] = await rows<{ n: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n FROM jobs WHERE tenant_id = ${t.tenant.id} AND state IN ('queued', 'running')`,
    );
    if (r!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('jobs of the fuzz tenant still running after 30 s');
}

const hostileStrings = [
  "'; DROP TABLE customers; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '\u0000',
  '\ud800',
  '%00%ff',
  'x'.repeat(70_000),
  '1e309',
  '-0',
  'NaN',
  '99999999999999999999999999999999999.99',
  '__proto__',
  'constructor',
  '{{7*7}}',
  '${jndi:ldap://x}',
  '٣٤٥',
  '１２３．４５',
];

const scalar = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2, -1, 0),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'code',
    'name',
    'amount',
    'currency',
    'customerId',
    'document',
    'type',
    'lines',
    'email',
    'password',
    'roles',
    'permissions',
    'dataScope',
  ),
  fc.string({ maxLength: 12 }),
);
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

type Body = { kind: 'json'; text: string } | { kind: 'raw'; bytes: Uint8Array; type: string };
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 6, arbitrary: json.map((v) => ({ kind: 'json' as const, text: JSON.stringify(v) ?? 'null' })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        deep(50_000),
        `{"a":${deep(3000)}}`,
        '{"__proto__":{"isAdmin":true},"code":"P","name":"p"}',
        '{"code":',
        '',
        'null',
        '[]',
        '{"amount":1e400}',
      )
      .map((text) => ({ kind: 'json' as const, text })),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({
      kind: 'raw' as const,
      bytes: new Uint8Array([0xff, 0xfe, ...bytes]),
      type: 'application/json',
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({ maxLength: 30 })
      .map((s) => ({ kind: 'raw' as const, bytes: new TextEncoder().encode(s), type: 'text/plain' })),
  },
);
const param = () =>
  fc.oneof(
    fc.constantFrom(...validIds),
    fc.uuid(),
    fc.constantFrom(...hostileStrings.filter((s) => s.length < 100 && !s.includes('\ud800'))).map(encodeURIComponent),
  );

beforeAll(async () => {
  t = await createTestApp();
  const c = await t.call('POST', '/api/v1/customers', { code: 'FZ-1', name: 'Fuzz customer' });
  const inv = await t.call('POST', '/api/v1/receivables', {
    type: 'invoice',
    customerId: c.body.id,
    number: 'FZ-INV-1',
    amount: '100.00',
    currency: 'CNY',
    documentDate: '2026-11-01',
  });
  validIds = [c.body.id, inv.body?.id ?? c.body.id];
  // the tenant gets its default schedules now: on a shared database any app's minutely tick gives them to every
  // tenant it finds, which would otherwise land in the middle of a refused request's before-and-after counts
  expect((await t.call('GET', '/api/v1/schedules')).status).toBe(200);
}, 60_000);

describe('fuzz: hostile payloads on every write route', () => {
  it(`${requests} requests: no 5xx, every refusal is problem+json and writes nothing, the books and the audit chain hold`, async () => {
    const routes = t.tables.flatMap((tb) => tb.specs).filter((s) => s.method !== 'get');
    expect(routes.length).toBeGreaterThan(15);
    const cases = fc.sample(
      fc.tuple(fc.constantFrom(...routes), body, fc.array(param(), { minLength: 3, maxLength: 3 })),
      { numRuns: requests, seed: 20261125 },
    );
    const failures: string[] = [];
    let checked = 0;
    for (const [i, [route, b, params]] of cases.entries()) {
      let k = 0;
      const path = `/api/v1${route.path.replace(/:[A-Za-z]+/g, () => params[k++]!)}`;
      const sample = i % 50 === 0;
      if (sample) await jobsSettled();
      const before = sample ? await fingerprint() : '';
      const res = await t.app.request(path, {
        method: route.method.toUpperCase(),
        headers: {
          authorization: `Bearer ${t.token}`,
          'content-type': b.kind === 'json' ? 'application/json' : b.type,
          'idempotency-key': `fuzz-${i}`,
        },
        body: b.kind === 'json' ? b.text : b.bytes,
      });
      const text = await res.text();
      if (res.status >= 500) failures.push(`${route.method} ${path} → ${res.status} ${text.slice(0, 200)}`);
      else if (res.status >= 400) {
        if (!res.headers.get('content-type')?.includes('application/problem+json'))
          failures.push(`${route.method} ${path} → ${res.status} without problem+json`);
        if (/at \S+\.ts:\d+|SELECT |INSERT |stack/i.test(text))
          failures.push(`${route.method} ${path} leaks internals: ${text.slice(0, 200)}`);
        if (sample) {
          checked++;
          const after = await fingerprint();
          if (after !== before)
            failures.push(`${route.method} ${path} → ${res.status} but wrote rows: ${changedTables(before, after)}`);
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(requests / 100);
    expect((await t.app.request('/api/v1/health')).status).toBe(200);
    const books = await checkBooks(t.deps.db, t.tenant.id);
    expect(books.violations).toEqual([]);
    expect((await verifyAudit(t.deps, t.tenant.id)).ok).toBe(true);
  }, 600_000);
});
