/**
 * API load benchmark (a script, not a test): `hexiao bench api [--quick]`.
 *
 * Loads 1,000,000 open receivables over 20,000 customers (--quick: 100,000 / 2,000) into a fresh tenant,
 * starts `hexiao serve` in a child process on PostgreSQL (DATABASE_URL) or, without it, on an embedded folder,
 * and drives it over loopback with 50 connections: first reads only (receivables by id, a customer's open
 * items, a filtered page over the whole book, a sales rep's scoped page), then reads mixed with writes (receipts
 * with Idempotency-Key, a quarter of them sent twice at once; receipts allocated by hand to an invoice) while
 * one connection asks for aging reports. Prints throughput and p50/p95/p99 per kind, errors and duplicates,
 * then checks the books (`checkBooks`) after the server stopped.
 * Targets (TARGETS.md): reads ≥ 3k requests/s at p99 ≤ 50 ms; idempotent writes p99 ≤ 120 ms; aging ≤ 2 s;
 * zero errors, zero duplicates.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Database } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { databaseUrlFromEnv, newAuditKey } from '../config/config.ts';
import { insertAgingBenchData } from '../store/repos/aging-bench-data.ts';
import { countReceiptsByReference, sampleOpenInvoices } from '../store/repos/api-bench-data.ts';
import { newId } from '../domain/ids.ts';
import { systemActor, type TenantCtx } from '../domain/context.ts';
import { createTenant, createToken, createUser } from '../domain/identity/index.ts';
import { checkBooks, todayIn } from '../domain/ledger/index.ts';
import { runLoad, timedFetch, type LoadFigures, type Step } from './api-load.ts';
import { startServeProcess } from './api-server.ts';

export interface ApiBenchResult {
  database: string;
  receivables: number;
  customers: number;
  loadSeconds: number;
  reads: LoadFigures;
  mixed: LoadFigures;
  /** Receipts sent twice at once with one Idempotency-Key: answers naming another document, rows stored twice. */
  replays: { pairs: number; inFlight: number; differentAnswers: number; duplicateRows: number };
  books: { ok: boolean; documents: number; violations: number; seconds: number };
}

interface Target {
  url: string;
  clerk: string;
  rep: string;
  today: string;
  invoices: { id: string; customerId: string }[];
  prefix: string;
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
const cents = () => `${1 + Math.floor(Math.random() * 99)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

function readStep(t: Target): Step {
  return async (record) => {
    const r = Math.random();
    const inv = pick(t.invoices);
    const [kind, path, token] =
      r < 0.5
        ? ['receivable by id', `/receivables/${inv.id}`, t.clerk]
        : r < 0.75
          ? ["a customer's open items", `/open-items?customerId=${inv.customerId}&limit=50`, t.clerk]
          : r < 0.9
            ? [
                'open items page, filtered',
                `/open-items?region=${pick(['East', 'North', 'South', 'West'])}&dueTo=${t.today}&limit=100`,
                t.clerk,
              ]
            : ["a sales rep's open items (data scope)", '/open-items?limit=50', t.rep];
    const res = await timedFetch(`${t.url}/api/v1${path}`, { headers: auth(token) }, [200]);
    record({ kind, ms: res.ms, ok: res.ok });
  };
}

function post(t: Target, path: string, body: unknown, key: string) {
  return timedFetch(
    `${t.url}/api/v1${path}`,
    {
      method: 'POST',
      headers: { ...auth(t.clerk), 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    },
    [201],
  );
}

/**
 * A receipt under its key. Sent twice at once, one of the two finds the key locked and gets 409 until the other
 * commits, then the other's answer: a client retries a 409 after a pause, as this does.
 */
async function sendReceipt(t: Target, receipt: unknown, key: string, replays: ApiBenchResult['replays']) {
  for (let attempt = 0; ; attempt++) {
    const r = await post(t, '/receipts', receipt, key);
    if (r.status !== 409 || attempt === 100) return r;
    replays.inFlight++;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function writeStep(t: Target, replays: ApiBenchResult['replays']): Step {
  return async (record) => {
    const inv = pick(t.invoices);
    const key = randomUUID();
    const amount = cents();
    const receipt = {
      type: 'receipt',
      customerId: inv.customerId,
      currency: 'CNY',
      amount,
      documentDate: t.today,
      reference: `${t.prefix}${key}`,
    };
    const replay = Math.random() < 0.25;
    const [first, again] = await Promise.all([
      sendReceipt(t, receipt, key, replays),
      replay ? sendReceipt(t, receipt, key, replays) : undefined,
    ]);
    record({ kind: 'receipt (idempotent)', ms: first.ms, ok: first.ok });
    const receiptId = (first.body as { document?: { id?: string } } | undefined)?.document?.id;
    if (again) {
      record({ kind: 'receipt replayed at once (same key)', ms: again.ms, ok: again.ok });
      replays.pairs++;
      if ((again.body as { document?: { id?: string } } | undefined)?.document?.id !== receiptId)
        replays.differentAnswers++;
    }
    if (!receiptId || Math.random() < 0.5) return;
    const settled = await post(
      t,
      '/settlements',
      { lines: [{ debitDocumentId: inv.id, creditDocumentId: receiptId, amount }] },
      randomUUID(),
    );
    record({ kind: 'allocation by hand', ms: settled.ms, ok: settled.ok });
  };
}

function agingStep(t: Target): Step {
  let n = 0;
  return async (record) => {
    const groupBy = n++ % 2 ? 'customer' : 'currency';
    const res = await timedFetch(
      `${t.url}/api/v1/reports/aging?groupBy=${groupBy}&limit=100`,
      { headers: auth(t.clerk) },
      [200],
    );
    record({ kind: `aging by ${groupBy}`, ms: res.ms, ok: res.ok });
  };
}

async function userToken(
  deps: { db: Database['db']; auditKey: Buffer },
  tenant: TenantCtx,
  email: string,
  roles: string[],
) {
  const ctx = { tenant, actor: systemActor('bench') };
  const user = await createUser(deps, ctx, { email, name: email, roles, password: randomBytes(12).toString('hex') });
  const t = await createToken(
    deps,
    { tenant, actor: { type: 'user', id: user.id, userId: user.id, name: email, roles } },
    { name: 'bench' },
  );
  return t.token;
}

async function prepare(database: Database, auditKey: Buffer, receivables: number, customers: number) {
  const deps = { db: database.db, auditKey };
  const tenant = await createTenant(deps, {
    slug: `bench-api-${randomBytes(4).toString('hex')}`,
    name: 'bench api',
    baseCurrency: 'CNY',
  });
  const today = todayIn(tenant.timeZone);
  const t0 = performance.now();
  await insertAgingBenchData(database.db, {
    tenantId: tenant.id,
    today,
    items: receivables,
    customers,
    voucherId: newId(),
  });
  const loadSeconds = Math.round((performance.now() - t0) / 100) / 10;
  return {
    tenant,
    today,
    loadSeconds,
    clerk: await userToken(deps, tenant, 'clerk@bench.test', ['clerk']),
    // the generated customers' owners are rep0 … rep49@bench.test: this rep sees a fiftieth of them
    rep: await userToken(deps, tenant, 'rep7@bench.test', ['sales-rep']),
    invoices: await sampleOpenInvoices(database.db, tenant.id, 5000, '1000'),
  };
}

export async function runApiBench(o: {
  quick: boolean;
  connections?: number;
  seconds?: number;
}): Promise<ApiBenchResult> {
  const receivables = o.quick ? 100_000 : 1_000_000;
  const customers = o.quick ? 2_000 : 20_000;
  const seconds = o.seconds ?? (o.quick ? 10 : 30);
  const connections = o.connections ?? 50;
  const auditKey = newAuditKey();
  const url = databaseUrlFromEnv();
  const dir = url ? undefined : mkdtempSync(join(tmpdir(), 'hexiao-bench-api-'));
  const open = async () => {
    const d = await createDb(url ? { url } : { dataDir: join(dir!, 'db') });
    await migrate(d);
    return d;
  };
  let database = await open();
  try {
    const p = await prepare(database, Buffer.from(auditKey), receivables, customers);
    // the embedded database has one process: the server takes the folder over, and gives it back at the end
    if (!url) await database.close();
    const server = await startServeProcess({
      ...(url ? { DATABASE_URL: url } : { HEXIAO_DATA_DIR: dir }),
      HEXIAO_AUDIT_KEY: auditKey,
    });
    const replays = { pairs: 0, inFlight: 0, differentAnswers: 0, duplicateRows: 0 };
    const target: Target = {
      url: server.url,
      clerk: p.clerk,
      rep: p.rep,
      today: p.today,
      invoices: p.invoices,
      prefix: `bench-api `,
    };
    let reads: LoadFigures;
    let mixed: LoadFigures;
    try {
      await runLoad({ connections, seconds: 3, steps: () => readStep(target) }); // warm-up, not counted
      reads = await runLoad({ connections, seconds, steps: () => readStep(target) });
      mixed = await runLoad({
        connections,
        seconds,
        steps: (i) => {
          if (i === 0) return agingStep(target);
          const read = readStep(target);
          const write = writeStep(target, replays);
          return (record) => (Math.random() < 0.6 ? read(record) : write(record));
        },
      });
    } finally {
      await server.stop();
    }
    if (!url) database = await open();
    const stored = await countReceiptsByReference(database.db, p.tenant.id, target.prefix);
    replays.duplicateRows = stored.rows - stored.references;
    const t0 = performance.now();
    const books = await checkBooks(database.db, p.tenant.id);
    return {
      database: database.kind,
      receivables,
      customers,
      loadSeconds: p.loadSeconds,
      reads,
      mixed,
      replays,
      books: {
        ok: books.ok,
        documents: books.documents,
        violations: books.violations.length,
        seconds: Math.round((performance.now() - t0) / 100) / 10,
      },
    };
  } finally {
    await database.close().catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures as a table per phase. */
export function formatApiBench(r: ApiBenchResult): string {
  const phase = (title: string, f: LoadFigures) => [
    `${title}: ${f.perSecond} requests/s over ${f.seconds} s, ${f.connections} connections, ${f.errors} errors`,
    '  kind                                      req/s    p50 ms   p95 ms   p99 ms   errors',
    ...Object.entries(f.kinds).map(
      ([k, v]) =>
        `  ${k.padEnd(40)} ${String(v.perSecond).padStart(6)} ${String(v.p50).padStart(9)} ${String(v.p95).padStart(8)} ${String(v.p99).padStart(8)} ${String(v.errors).padStart(8)}`,
    ),
  ];
  return [
    `hexiao bench api on ${r.database}: ${r.receivables.toLocaleString('en')} receivables, ${r.customers.toLocaleString('en')} customers (loaded in ${r.loadSeconds} s)`,
    ...phase('reads', r.reads),
    ...phase('reads and writes', r.mixed),
    `replays: ${r.replays.pairs} receipts sent twice at once (${r.replays.inFlight} answers 409 while the first was in flight, retried), ${r.replays.differentAnswers} answered with another document, ${r.replays.duplicateRows} stored twice`,
    `books after the run: ${r.books.ok ? 'ok' : 'NOT OK'} over ${r.books.documents} documents (${r.books.violations} violations, checked in ${r.books.seconds} s)`,
  ].join('\n');
}
