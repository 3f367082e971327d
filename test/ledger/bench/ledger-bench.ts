// Ledger write benchmark (a script, not a test): idempotent postings and settlements at a given concurrency.
// Run: DATABASE_URL=postgres://… packages/server/node_modules/.bin/tsx test/ledger/bench/ledger-bench.ts [--n 2000] [--concurrency 50] [--json]
// Without DATABASE_URL it runs on an in-memory PGlite (migrated first; one connection, so concurrency serialises).
import { randomBytes } from 'node:crypto';
import { createDb } from '../../../packages/server/src/store/db.ts';
import { migrate } from '../../../packages/server/src/store/migrate.ts';
import { insertTenant } from '../../../packages/server/src/store/repos/tenants.ts';
import { insertCustomers } from '../../../packages/server/src/store/repos/customers.ts';
import { newId } from '../../../packages/server/src/domain/identity/secrets.ts';
import { systemActor } from '../../../packages/server/src/domain/context.ts';
import { checkBooks, postDocument, postDocuments } from '../../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../../packages/server/src/domain/settlement/index.ts';
import { runIdempotent } from '../../../packages/server/src/domain/idempotency/index.ts';
import { listDocuments } from '../../../packages/server/src/store/repos/documents.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const n = arg('n', 2000);
const concurrency = arg('concurrency', 50);
const url = process.env.DATABASE_URL;
const database = await createDb(url ? { url, max: concurrency } : {});
if (!url) await migrate(database);
const tenant = await insertTenant(database.db, {
  id: newId(),
  slug: `bench-${randomBytes(4).toString('hex')}`,
  name: 'bench',
});
const ctx = { tenant, actor: systemActor('bench') };
const deps = { db: database.db, auditKey: Buffer.from('bench-audit-key') };
const customers = (
  await insertCustomers(
    database.db,
    Array.from({ length: 50 }, (_, i) => ({
      tenantId: tenant.id,
      id: newId(),
      code: `B${i}`,
      name: `Bench ${i}`,
      custom: {},
      status: 'active',
    })),
  )
).map((c) => c.id);

async function pool<T>(
  count: number,
  work: (i: number) => Promise<T>,
): Promise<{ ms: number[]; seconds: number; results: PromiseSettledResult<T>[] }> {
  const ms: number[] = new Array(count);
  const results: PromiseSettledResult<T>[] = new Array(count);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) {
        const s = performance.now();
        try {
          results[i] = { status: 'fulfilled', value: await work(i) };
        } catch (reason) {
          results[i] = { status: 'rejected', reason };
        }
        ms[i] = performance.now() - s;
      }
    }),
  );
  return { ms, seconds: (performance.now() - t0) / 1000, results };
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const invoice = (i: number) => ({
  type: 'invoice' as const,
  customerId: customers[i % 50]!,
  currency: 'CNY',
  amount: '1130.00',
  taxAmount: '130.00',
  documentDate: '2026-11-02',
});
const post = (i: number, key: string) =>
  runIdempotent(
    database.db,
    { tenantId: tenant.id, route: 'POST /receivables', principal: 'system:bench', key, request: invoice(i) },
    async (db) => ({ status: 201, body: await postDocument({ ...deps, db }, ctx, invoice(i)) }),
  );

const posts = await pool(n, (i) => post(i, `inv-${i}`));
const invoices = posts.results.map((r) =>
  r.status === 'fulfilled' ? (r.value.body as { document: { id: string } }).document.id : '',
);
const replayKeys = Math.min(200, n);
const replays = await pool(replayKeys * 5, (i) => post(i % replayKeys, `inv-${i % replayKeys}`));
const receipts = await pool(n, (i) =>
  postDocument(deps, ctx, {
    type: 'receipt',
    customerId: customers[i % 50]!,
    currency: 'CNY',
    amount: '1130.00',
    documentDate: '2026-11-03',
  }),
);
const settle = await pool(n, (i) => {
  const r = receipts.results[i]!;
  if (r.status !== 'fulfilled') throw new Error('no receipt');
  return allocate(deps, ctx, {
    postingDate: '2026-11-03',
    lines: [{ debitDocumentId: invoices[i]!, creditDocumentId: r.value.document.id, amount: '1130.00' }],
  });
});
const batchStart = performance.now();
for (let i = 0; i < n; i += 100)
  await postDocuments(
    deps,
    ctx,
    Array.from({ length: Math.min(100, n - i) }, (_, k) => ({ ...invoice(i + k), number: `BATCH-${i + k}` })),
  );
const batchSeconds = (performance.now() - batchStart) / 1000;
const documents = (await listDocuments(database.db, tenant.id, { types: ['invoice'], limit: 2 * n + 10 })).length - n;
const books = await checkBooks(database.db, tenant.id);
const figures = {
  database: database.kind,
  concurrency,
  idempotentPosts: {
    n,
    perSecond: Math.round(n / posts.seconds),
    p50ms: Math.round(pct(posts.ms, 50)),
    p99ms: Math.round(pct(posts.ms, 99)),
    failed: posts.results.filter((r) => r.status === 'rejected').length,
  },
  concurrentReplays: {
    requests: replayKeys * 5,
    invoicesAfter: documents,
    duplicates: documents - n,
    inFlight409: replays.results.filter((r) => r.status === 'rejected').length,
  },
  batchPosts: { n, batch: 100, perSecond: Math.round(n / batchSeconds) },
  settlements: {
    n,
    perSecond: Math.round(n / settle.seconds),
    p99ms: Math.round(pct(settle.ms, 99)),
    failed: settle.results.filter((r) => r.status === 'rejected').length,
  },
  books: { ok: books.ok, documents: books.documents, vouchers: books.vouchers, violations: books.violations.length },
};
if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(figures)}\n`);
else console.log(figures);
await database.close();
