import { afterAll, expect, it } from 'vitest';
import { describeListed } from '../support/skip.ts';
import { ledgerSetup } from './setup.ts';
import { createDb, type Database } from '../../packages/server/src/store/db.ts';
import { checkBooks, postDocument, type LedgerDeps } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../packages/server/src/domain/settlement/index.ts';
import { runIdempotent } from '../../packages/server/src/domain/idempotency/index.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { listDocuments } from '../../packages/server/src/store/repos/documents.ts';
import { testAuditKey } from '../support/factories.ts';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { verifyAudit } from '../../packages/server/src/domain/audit/index.ts';

const url = process.env.DATABASE_URL;
const pools: Database[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describeListed('ledger concurrency on PostgreSQL', () => {
  const pool = async (max: number) => {
    const p = await createDb({ url, max });
    pools.push(p);
    return p;
  };

  it('two connections allocating the same receipt and invoice at once never over-allocate', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers;
    const [a, b] = [await pool(1), await pool(1)];
    const depsOf = (d: Database): LedgerDeps => ({ db: d.db, auditKey: testAuditKey });
    for (let round = 0; round < 8; round++) {
      const inv = await postDocument(s.deps, s.ctx, {
        type: 'invoice',
        customerId: c,
        currency: 'CNY',
        amount: '100.00',
        documentDate: '2026-11-02',
      });
      const inv2 = await postDocument(s.deps, s.ctx, {
        type: 'invoice',
        customerId: c,
        currency: 'CNY',
        amount: '100.00',
        documentDate: '2026-11-02',
      });
      const rct = await postDocument(s.deps, s.ctx, {
        type: 'receipt',
        customerId: c,
        currency: 'CNY',
        amount: '100.00',
        documentDate: '2026-11-02',
      });
      // same pair from both sides, or the same receipt against two invoices
      const other = round % 2 === 0 ? inv.document.id : inv2.document.id;
      const results = await Promise.allSettled([
        allocate(depsOf(a), s.ctx, {
          postingDate: '2026-11-03',
          lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '70.00' }],
        }),
        allocate(depsOf(b), s.ctx, {
          postingDate: '2026-11-03',
          lines: [{ debitDocumentId: other, creditDocumentId: rct.document.id, amount: '70.00' }],
        }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ type: 'invalid_data' });
      const open = await getOpenItems(s.database.db, s.tenant.id, [rct.document.id]);
      expect(open.get(rct.document.id)!.openAmount).toMatch(/^30(\.0+)?$/);
    }
    const books = await checkBooks(s.database.db, s.tenant.id);
    expect(books.violations).toEqual([]);
  });

  it('N concurrent replays of one idempotent request post once', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers;
    const p = await pool(12);
    const input = {
      type: 'invoice' as const,
      customerId: c,
      currency: 'CNY',
      amount: '250.00',
      documentDate: '2026-11-02',
    };
    const once = () =>
      runIdempotent(
        p.db,
        {
          tenantId: s.tenant.id,
          route: 'POST /receivables',
          principal: 'system:test',
          key: 'same-key',
          request: input,
        },
        async (db) => ({
          status: 201,
          body: await postDocument({ db, auditKey: testAuditKey }, s.ctx, input),
        }),
      );
    const results = await Promise.allSettled(Array.from({ length: 12 }, once));
    const ok = results.filter(
      (r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof once>>> => r.status === 'fulfilled',
    );
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ type: 'idempotency_in_flight' });
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const bodies = new Set(ok.map((r) => JSON.stringify((r.value.body as { document: { id: string } }).document.id)));
    expect(bodies.size).toBe(1);
    const later = await once();
    expect(later.replayed).toBe(true);
    expect(await listDocuments(s.database.db, s.tenant.id, { limit: 10 })).toHaveLength(1);
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('a process killed (SIGKILL) in the middle of postings leaves the books balanced', async () => {
    const s = await ledgerSetup(1);
    const tsx = pathToFileURL(
      createRequire(new URL('../../packages/server/package.json', import.meta.url)).resolve('tsx'),
    ).href;
    const child = spawn(
      process.execPath,
      ['--import', tsx, fileURLToPath(new URL('./kill-child.ts', import.meta.url))],
      {
        env: {
          ...process.env,
          KILL_TENANT: s.tenant.id,
          KILL_CUSTOMER: s.customers[0]!,
          KILL_AUDIT_KEY: testAuditKey.toString(),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${err}`)));
    });
    await new Promise((r) => setTimeout(r, 300 + Math.floor(Math.random() * 400)));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const books = await checkBooks(s.database.db, s.tenant.id);
    expect(books.documents).toBeGreaterThan(1);
    expect(books.violations).toEqual([]);
    expect((await verifyAudit(s.deps, s.tenant.id)).ok).toBe(true);
  }, 60_000);
});
