/**
 * Ledger benchmark (a script, not a test): `hexiao bench ledger [--quick]`, on PostgreSQL (DATABASE_URL).
 *
 * 1, 10 and 50 clients post idempotent invoices (the API's path: runIdempotent around postDocument), send keys
 * again five times at once (each must post once), and settle, each in a fresh tenant (batches of 100 timed too); 50 clients each in a tenant of its own (nothing shared: the machine's
 * ceiling); then 50 clients post while `hexiao import` loads a statement with a
 * receipt per credit line into the same tenant, in its own process as a job worker would. Each phase prints
 * throughput and p50/p95/p99; the import phase also the import's own phases, and the clerks' latency while the
 * import was posting (from its first receipt to its commit). Target (TARGETS.md): p99 ≤ 120 ms at 50 clients,
 * and ≤ 250 ms beside a 100k-line import.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type Database } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { databaseUrlFromEnv } from '../config/config.ts';
import { insertTenant } from '../store/repos/tenants.ts';
import { insertCustomers } from '../store/repos/customers.ts';
import { newId } from '../domain/ids.ts';
import { systemActor, type ActionCtx } from '../domain/context.ts';
import { checkBooks, postDocument, postDocuments, type PostDocumentInput } from '../domain/ledger/index.ts';
import { allocate } from '../domain/settlement/index.ts';
import { runIdempotent } from '../domain/idempotency/index.ts';
import { listDocuments } from '../store/repos/documents.ts';

const auditKey = Buffer.from('bench-key');
const pluginsBench = (f: string) => fileURLToPath(new URL(`../../../plugins/bench/${f}`, import.meta.url));
const cli = fileURLToPath(new URL('../../bin/hexiao.js', import.meta.url));

interface Latencies {
  n: number;
  perSecond: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
  failed: number;
}

/** One timed call: when it started (epoch ms), how long it took, whether it failed. */
interface Call {
  at: number;
  ms: number;
  ok: boolean;
}

function summary(calls: Call[], seconds: number): Latencies {
  const ms = calls.map((c) => c.ms).sort((a, b) => a - b);
  const pct = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0);
  return {
    n: calls.length,
    perSecond: Math.round(calls.length / seconds),
    p50ms: pct(0.5),
    p95ms: pct(0.95),
    p99ms: pct(0.99),
    failed: calls.filter((c) => !c.ok).length,
  };
}

/** `clients` loops taking work items until `more()` says stop; every call timed. */
async function drive(clients: number, more: (i: number) => boolean, work: (i: number) => Promise<unknown>) {
  const calls: Call[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; more(i); i = next++) {
        const at = Date.now();
        const s = performance.now();
        let ok = true;
        try {
          await work(i);
        } catch {
          ok = false;
        }
        calls.push({ at, ms: performance.now() - s, ok });
      }
    }),
  );
  return { calls, seconds: (performance.now() - t0) / 1000 };
}

async function benchTenant(database: Database, baseCurrency = 'CNY') {
  const tenant = await insertTenant(database.db, {
    id: newId(),
    slug: `bench-ledger-${randomBytes(4).toString('hex')}`,
    name: 'bench ledger',
    baseCurrency,
  });
  const ctx: ActionCtx = { tenant, actor: systemActor('bench') };
  const customers = await insertCustomers(
    database.db,
    Array.from({ length: 50 }, (_, i) => ({
      tenantId: tenant.id,
      id: newId(),
      code: `B${i}`,
      name: `Bench ${i}`,
      custom: {},
      status: 'active',
    })),
  );
  return { ctx, customers: customers.map((c) => c.id) };
}

const invoice = (customerId: string, currency: string): PostDocumentInput => ({
  type: 'invoice',
  customerId,
  currency,
  amount: '1130.00',
  taxAmount: '130.00',
  documentDate: '2026-11-02',
});

/** An idempotent posting as the API makes it. */
function poster(database: Database, ctx: ActionCtx, customers: string[], currency: string) {
  return (i: number) => {
    const input = invoice(customers[i % customers.length]!, currency);
    return runIdempotent(
      database.db,
      {
        tenantId: ctx.tenant.id,
        route: 'POST /receivables',
        principal: 'system:bench',
        key: `inv-${i}`,
        request: input,
      },
      async (db) => ({ status: 201, body: await postDocument({ db, auditKey }, ctx, input) }),
    );
  };
}

async function clientsPhase(database: Database, clients: number, n: number) {
  const { ctx, customers } = await benchTenant(database);
  const deps = { db: database.db, auditKey };
  await postDocument(deps, ctx, invoice(customers[0]!, 'CNY')); // opens the period
  const post = poster(database, ctx, customers, 'CNY');
  const posts = await drive(clients, (i) => i < n, post);
  // new keys, each sent five times at once: each must post once
  const keys = Math.min(200, n);
  const replays = await drive(
    clients,
    (i) => i < keys * 5,
    (i) => post(n + (i % keys)),
  );
  const batchStart = performance.now();
  const invoices: string[] = [];
  for (let i = 0; i < n; i += 100) {
    const batch = Array.from({ length: Math.min(100, n - i) }, (_, k) =>
      invoice(customers[(i + k) % customers.length]!, 'CNY'),
    );
    for (const p of await postDocuments(deps, ctx, batch)) invoices.push(p.document.id);
  }
  const batchSeconds = (performance.now() - batchStart) / 1000;
  const posted = (await listDocuments(database.db, ctx.tenant.id, { types: ['invoice'], limit: 3 * n + 10 })).length;
  const receipts = (
    await postDocuments(
      deps,
      ctx,
      Array.from({ length: n }, (_, i) => ({
        type: 'receipt' as const,
        customerId: customers[i % customers.length]!,
        currency: 'CNY',
        amount: '1130.00',
        documentDate: '2026-11-03',
      })),
    )
  ).map((p) => p.document.id);
  const settlements = await drive(
    clients,
    (i) => i < n,
    (i) =>
      allocate(deps, ctx, {
        postingDate: '2026-11-03',
        lines: [{ debitDocumentId: invoices[i]!, creditDocumentId: receipts[i]!, amount: '1130.00' }],
      }),
  );
  const books = await checkBooks(database.db, ctx.tenant.id);
  return {
    clients,
    idempotentPosts: summary(posts.calls, posts.seconds),
    concurrentReplays: {
      requests: replays.calls.length,
      duplicates: posted - (1 + n + keys + n),
      inFlight409: replays.calls.filter((c) => !c.ok).length,
    },
    batchesOf100: { n, perSecond: Math.round(n / batchSeconds) },
    settlements: summary(settlements.calls, settlements.seconds),
    booksOk: books.ok,
  };
}

interface ImportReport {
  startedAt: string;
  timingsMs: Record<string, number>;
  receipts: { posted: number };
}

/** `hexiao import` in its own process, as a job worker runs it (it inherits DATABASE_URL); its JSON report. */
function importInChild(slug: string, file: string): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'import', 'camt053', file, '--tenant', slug, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`hexiao import exited ${code}: ${err.slice(-2000)}`));
      const parsed = JSON.parse(out) as ImportReport | ImportReport[];
      resolve(Array.isArray(parsed) ? parsed[0]! : parsed);
    });
  });
}

/**
 * 50 clients, each posting into its own tenant: nothing shared, so what is left is the machine's ceiling. Beside
 * the 50-client phase in one tenant it shows what the tenant's voucher counter and audit head cost.
 */
async function tenantsPhase(database: Database, clients: number, n: number) {
  const tenants = await Promise.all(Array.from({ length: clients }, () => benchTenant(database)));
  const posters: ((i: number) => Promise<unknown>)[] = [];
  for (const { ctx, customers } of tenants) {
    await postDocument({ db: database.db, auditKey }, ctx, invoice(customers[0]!, 'CNY')); // opens the period
    posters.push(poster(database, ctx, customers, 'CNY'));
  }
  const posts = await drive(
    clients,
    (i) => i < n,
    (i) => posters[i % clients]!(i),
  );
  return { clients, tenants: clients, idempotentPosts: summary(posts.calls, posts.seconds) };
}

async function beside(database: Database, lines: number) {
  const { writeCamt053 } = (await import(pluginsBench('camt-parse.ts'))) as {
    writeCamt053(p: string, n: number): Promise<number>;
  };
  const dir = mkdtempSync(join(tmpdir(), 'hexiao-bench-ledger-'));
  try {
    const file = join(dir, 'statement.xml');
    await writeCamt053(file, lines);
    const { ctx, customers } = await benchTenant(database, 'EUR');
    await postDocument({ db: database.db, auditKey }, ctx, invoice(customers[0]!, 'EUR')); // opens the period
    let running = true;
    const t0 = performance.now();
    const importing = importInChild(ctx.tenant.slug, file).finally(() => (running = false));
    const clerks = drive(50, () => running, poster(database, ctx, customers, 'EUR'));
    const report = await importing;
    const importSeconds = (performance.now() - t0) / 1000;
    const { calls, seconds } = await clerks;
    // the import's posting window: from the start of its receipts phase to the end of its commit
    const phases = Object.entries(report.timingsMs);
    let at = Date.parse(report.startedAt);
    let from = at;
    let to = at;
    for (const [phase, ms] of phases) {
      if (phase === 'receipts') from = at;
      at += ms;
      if (phase === 'commit') to = at;
    }
    const during = calls.filter((c) => c.at >= from && c.at <= to);
    const books = await checkBooks(database.db, ctx.tenant.id);
    return {
      importLines: lines,
      receiptsPosted: report.receipts.posted,
      importSeconds: +importSeconds.toFixed(1),
      importPhasesMs: report.timingsMs,
      clerksWhileImporting: summary(calls, seconds),
      clerksWhileImportPosts: { windowMs: to - from, ...summary(during, Math.max(0.001, (to - from) / 1000)) },
      booksOk: books.ok,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runLedgerBench({ quick = false }: { quick?: boolean } = {}) {
  const url = databaseUrlFromEnv();
  if (!url) return { skipped: 'hexiao bench ledger measures concurrent clients: set DATABASE_URL to a PostgreSQL' };
  const database = await createDb({ url, max: 60 });
  try {
    await migrate(database);
    const n = quick ? 300 : 2000;
    const phases = [];
    for (const clients of [1, 10, 50]) phases.push(await clientsPhase(database, clients, n));
    return {
      database: 'postgres',
      phases,
      oneTenantEach: await tenantsPhase(database, 50, n),
      besideImport: await beside(database, quick ? 10_000 : 100_000),
      targets: { p99msAt50Clients: 120, p99msBesideImport: 250 },
    };
  } finally {
    await database.close();
  }
}
