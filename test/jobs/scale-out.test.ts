import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { bin, cliEnv, startServer } from '../cli/run-cli.ts';
import { describeListed } from '../support/skip.ts';
import { testDatabase } from '../support/test-db.ts';
import { createTenant, createToken, createUser } from '../../packages/server/src/domain/identity/index.ts';
import type { ActionCtx, Actor } from '../../packages/server/src/domain/context.ts';
import { checkBooks, postDocuments } from '../../packages/server/src/domain/ledger/index.ts';
import { insertCustomers } from '../../packages/server/src/store/repos/customers.ts';
import { withTenant } from '../../packages/server/src/domain/unit-of-work/index.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import { rows, sql, type Database } from '../../packages/server/src/store/db.ts';

/**
 * Issue 17 §3: `hexiao serve` and `hexiao worker` processes on one PostgreSQL. Jobs submitted through either
 * server run on whichever worker takes them, each once; a worker killed in the middle of a job leaves it
 * retried by another, and the books end exactly as one process would leave them.
 */
const auditKey = 'scale-out-audit-key-0123456789abcdef-0123';
const children: ChildProcess[] = [];
let database: Database;

function env() {
  return {
    DATABASE_URL: process.env.DATABASE_URL,
    HEXIAO_AUDIT_KEY: auditKey,
    HEXIAO_JOB_EXPIRE: '4',
    HEXIAO_JOB_MAINTENANCE: '1',
    HEXIAO_JOB_HEARTBEAT: '1',
    HEXIAO_REMIND_EVERY: '0',
    LOG_LEVEL: 'warn',
  };
}

function startWorker() {
  const child = spawn(process.execPath, [bin, 'worker', '--json', '--concurrency', '1'], { env: cliEnv(env()) });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('"worker"')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
  return { child, ready };
}

async function server() {
  const s = startServer([], { ...env(), HEXIAO_JOB_WORKERS: '0' });
  children.push(s.child);
  return (await s.ready).url;
}

/** A tenant with n customers, each with one invoice and one receipt naming it. */
async function tenantWithReceipts(n: number) {
  const deps = { db: database.db, auditKey: Buffer.from(auditKey) };
  const system: Actor = { type: 'system', id: 'test', name: 'system:test', roles: ['admin'] };
  const tenant = await createTenant(deps, {
    slug: `scale-${randomBytes(5).toString('hex')}`,
    name: 'Scale-out',
    baseCurrency: 'CNY',
  });
  const ctx: ActionCtx = { tenant, actor: system };
  const ids = Array.from({ length: n }, () => newId());
  await withTenant(database.db, tenant.id, async (tx) => {
    await insertCustomers(
      tx,
      ids.map((id, i) => ({
        tenantId: tenant.id,
        id,
        code: `S${i}`,
        name: `Scale Customer ${i}`,
        status: 'active',
        custom: {},
      })),
    );
  });
  for (let i = 0; i < n; i += 250) {
    const slice = ids.slice(i, i + 250);
    await withTenant(database.db, tenant.id, (tx) =>
      postDocuments({ ...deps, db: tx }, ctx, [
        ...slice.map((customerId, k) => ({
          type: 'invoice' as const,
          number: `INV-SC-${i + k}`,
          customerId,
          currency: 'CNY',
          amount: `${100 + ((i + k) % 900)}.25`,
          documentDate: '2026-11-02',
        })),
        ...slice.map((_, k) => ({
          type: 'receipt' as const,
          number: `RC-SC-${i + k}`,
          currency: 'CNY',
          amount: `${100 + ((i + k) % 900)}.25`,
          documentDate: '2026-11-03',
          reference: `payment INV-SC-${i + k}`,
        })),
      ]),
    );
  }
  const user = await createUser(deps, ctx, {
    email: `clerk-${randomBytes(3).toString('hex')}@example.test`,
    name: 'Clerk',
    roles: ['admin'],
    password: 'password-123',
  });
  const token = await createToken(
    deps,
    { tenant, actor: { type: 'user', id: user.id, userId: user.id, name: user.email, roles: ['admin'] } },
    { name: 'scale-out' },
  );
  return { tenant, token: token.token };
}

async function submitRun(url: string, token: string, body: object = {}) {
  const res = await fetch(`${url}/api/v1/matching-runs`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomBytes(8).toString('hex'),
      prefer: 'respond-async',
    },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function job(url: string, token: string, id: string) {
  const res = await fetch(`${url}/api/v1/jobs/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as { state: string; attempts: number; progress: { done: number; phase: string | null } };
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every receipt settled once, in full, against its own invoice; the ledger's invariants hold. */
async function expectBooksExact(tenantId: string, n: number) {
  const settled = await withTenant(database.db, tenantId, (tx) =>
    rows<{ receipts: number; open: string; settlements: number }>(
      tx,
      sql`SELECT
            (SELECT count(*)::int FROM open_items o JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
              WHERE o.tenant_id = ${tenantId} AND d.doc_type = 'receipt' AND o.open_amount = 0) AS receipts,
            (SELECT coalesce(sum(open_amount), 0)::text FROM open_items WHERE tenant_id = ${tenantId}) AS open,
            (SELECT count(*)::int FROM settlements WHERE tenant_id = ${tenantId}) AS settlements`,
    ),
  );
  expect(settled[0]).toEqual({ receipts: n, open: '0.0000', settlements: n });
  expect((await checkBooks(database.db, tenantId)).violations).toEqual([]);
}

describeListed('scale-out on PostgreSQL: two servers, two workers, one queue', () => {
  beforeAll(async () => {
    database = await testDatabase();
  });
  // each test starts its own processes: a worker of an earlier test would take the next test's jobs
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  });

  it('matching runs submitted through both servers at once run once each on the workers; the books are exact', async () => {
    const n = 400;
    const { tenant, token } = await tenantWithReceipts(n);
    const [a, b] = await Promise.all([server(), server()]);
    const workers = [startWorker(), startWorker()];
    await Promise.all(workers.map((w) => w.ready));
    // four runs at once, two through each server: together they must settle each receipt once
    const ids = await Promise.all([submitRun(a, token), submitRun(b, token), submitRun(a, token), submitRun(b, token)]);
    const done = await Promise.all(
      ids.map((id, i) =>
        until(
          () => job(i % 2 ? b : a, token, id),
          (j) => j.state === 'succeeded',
          120_000,
        ),
      ),
    );
    expect(done.map((j) => j.state)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    await expectBooksExact(tenant.id, n);
  }, 240_000);

  it('a worker killed in the middle of a run leaves the job to another worker, which finishes it once', async () => {
    const n = 1500;
    const { tenant, token } = await tenantWithReceipts(n);
    const url = await server();
    const first = startWorker();
    await first.ready;
    const id = await submitRun(url, token);
    const posting = await until(
      () => job(url, token, id),
      (j) => j.progress.phase === 'posting' && j.progress.done > 0,
      120_000,
    );
    expect(posting.state).toBe('running');
    first.child.kill('SIGKILL');
    const second = startWorker();
    await second.ready;
    const end = await until(
      () => job(url, token, id),
      (j) => j.state === 'succeeded' || j.state === 'failed',
      120_000,
    );
    expect(end, JSON.stringify(end)).toMatchObject({ state: 'succeeded', attempts: 2 });
    await expectBooksExact(tenant.id, n);
  }, 300_000);
});
