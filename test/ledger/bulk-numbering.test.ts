import { afterAll, describe, expect, it } from 'vitest';
import { describeListed } from '../support/skip.ts';
import { ledgerSetup } from './setup.ts';
import { testAuditKey } from '../support/factories.ts';
import { createDb, sql, type Database } from '../../packages/server/src/store/db.ts';
import {
  checkBooks,
  inBulk,
  postDocument,
  postDocuments,
  readVouchers,
  type PostDocumentInput,
} from '../../packages/server/src/domain/ledger/index.ts';
import { verifyAudit } from '../../packages/server/src/domain/audit/index.ts';
import { readAuditHead } from '../../packages/server/src/store/repos/audit.ts';
import { runIdempotent } from '../../packages/server/src/domain/idempotency/index.ts';
import { listDocuments } from '../../packages/server/src/store/repos/documents.ts';
import { importCamt } from '../imports/support.ts';
import type { ActionCtx } from '../../packages/server/src/domain/context.ts';

const invoice = (customerId: string, amount = '100.00', currency = 'CNY'): PostDocumentInput => ({
  type: 'invoice',
  customerId,
  currency,
  amount,
  documentDate: '2026-11-02',
});

/** The period's voucher numbers in number order, each with its voucher id. */
async function numbersOf(s: Awaited<ReturnType<typeof ledgerSetup>>) {
  return (await readVouchers(s.database.db, s.tenant.id, { limit: 1000 })).map((v) => ({ id: v.id, no: v.number }));
}

/** The database's refusal, which drizzle wraps in an error naming the query. */
async function refusedAppendOnly(p: Promise<unknown>) {
  const e = (await p.then(
    () => null,
    (x: unknown) => x,
  )) as { message: string; cause?: { message: string } } | null;
  expect(e?.cause?.message ?? e?.message).toMatch(/rows are append-only/);
}

describe('a bulk run numbers its vouchers and chains its audit entries in its last step', () => {
  it('numbers gapless after what was posted before, in the order posted; the entries join the chain', async () => {
    const s = await ledgerSetup(2);
    const [c1, c2] = s.customers as [string, string];
    const first = await postDocument(s.deps, s.ctx, invoice(c1));
    expect(first.voucher.number).toBe(1);
    const before = (await readAuditHead(s.database.db, s.tenant.id))!.entryCount;
    let seenInside: { numbers: (number | null)[]; entries: number } | undefined;
    const posted = await s.database.db.transaction((tx) =>
      inBulk(tx, s.ctx, testAuditKey, async (ctx) => {
        const out = [
          ...(await postDocuments({ ...s.deps, db: tx }, ctx, [invoice(c2, '10.00'), invoice(c1, '20.00')])),
          await postDocument({ ...s.deps, db: tx }, ctx, invoice(c2, '30.00')),
        ];
        seenInside = {
          numbers: out.map((p) => p.voucher.number),
          entries: (await readAuditHead(tx, s.tenant.id))!.entryCount,
        };
        return out;
      }),
    );
    // inside the run: no number taken, nothing chained
    expect(seenInside).toEqual({ numbers: [null, null, null], entries: before });
    expect(await numbersOf(s)).toEqual([
      { id: first.voucher.id, no: 1 },
      ...posted.map((p, i) => ({ id: p.voucher.id, no: i + 2 })),
    ]);
    const head = (await readAuditHead(s.database.db, s.tenant.id))!;
    expect(head.entryCount).toBe(before + 2); // the batch's entry and the single posting's
    expect((await verifyAudit(s.deps, s.tenant.id)).ok).toBe(true);
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('a savepoint the run rolls back takes its audit entries back with its postings', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers as [string];
    await postDocument(s.deps, s.ctx, invoice(c));
    const before = (await readAuditHead(s.database.db, s.tenant.id))!.entryCount;
    await s.database.db.transaction((tx) =>
      inBulk(tx, s.ctx, testAuditKey, async (ctx) => {
        await tx
          .transaction(async (sp) => {
            await postDocument({ ...s.deps, db: sp }, ctx, invoice(c, '5.00'));
            throw new Error('a refused chunk');
          })
          .catch(() => undefined);
        await postDocument({ ...s.deps, db: tx }, ctx, invoice(c, '6.00'));
      }),
    );
    expect((await numbersOf(s)).map((v) => v.no)).toEqual([1, 2]);
    expect((await readAuditHead(s.database.db, s.tenant.id))!.entryCount).toBe(before + 1);
    expect((await verifyAudit(s.deps, s.tenant.id)).ok).toBe(true);
  });

  it('a run that fails leaves no voucher, number or entry behind', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers as [string];
    await postDocument(s.deps, s.ctx, invoice(c));
    const head = (await readAuditHead(s.database.db, s.tenant.id))!;
    await expect(
      s.database.db.transaction((tx) =>
        inBulk(tx, s.ctx, testAuditKey, async (ctx) => {
          await postDocuments({ ...s.deps, db: tx }, ctx, [invoice(c), invoice(c)]);
          throw new Error('the run fails after posting');
        }),
      ),
    ).rejects.toThrow('the run fails after posting');
    expect((await numbersOf(s)).map((v) => v.no)).toEqual([1]);
    expect((await readAuditHead(s.database.db, s.tenant.id))!.entryCount).toBe(head.entryCount);
    // the numbers it would have taken go to the next posting
    expect((await postDocument(s.deps, s.ctx, invoice(c))).voucher.number).toBe(2);
  });

  it('the database numbers at commit a voucher its transaction left without a number', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers as [string];
    await postDocument(s.deps, s.ctx, invoice(c));
    const unsealed: ActionCtx = { ...s.ctx, bulk: true };
    await s.database.db.transaction(async (tx) => {
      const posted = await postDocuments({ ...s.deps, db: tx }, unsealed, [invoice(c), invoice(c), invoice(c)]);
      expect(posted.map((p) => p.voucher.number)).toEqual([null, null, null]);
    });
    expect((await numbersOf(s)).map((v) => v.no)).toEqual([1, 2, 3, 4]);
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('vouchers stay append-only: the one change allowed is a missing number, once', async () => {
    const s = await ledgerSetup(1);
    const [c] = s.customers as [string];
    const { voucher } = await postDocument(s.deps, s.ctx, invoice(c));
    const db = s.database.db;
    await refusedAppendOnly(db.execute(sql`UPDATE vouchers SET number = number + 10 WHERE id = ${voucher.id}`));
    await refusedAppendOnly(db.execute(sql`UPDATE vouchers SET description = 'x' WHERE id = ${voucher.id}`));
    await refusedAppendOnly(db.execute(sql`DELETE FROM vouchers WHERE id = ${voucher.id}`));
    // a voucher without its number may get one, but nothing else may change with it
    await refusedAppendOnly(
      db.transaction(async (tx) => {
        const [p] = await postDocuments({ ...s.deps, db: tx }, { ...s.ctx, bulk: true }, [invoice(c)]);
        await tx.execute(sql`UPDATE vouchers SET number = 99, description = 'x' WHERE id = ${p!.voucher.id}`);
      }),
    );
    expect((await numbersOf(s)).map((v) => v.no)).toEqual([1]);
  });
});

const url = process.env.DATABASE_URL;
const pools: Database[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describeListed('bulk runs and clerks at once on PostgreSQL', () => {
  const pool = async (max: number) => {
    const p = await createDb({ url, max });
    pools.push(p);
    return p;
  };

  it("a clerk's posting goes through while a bulk run of the same tenant has posted and not committed", async () => {
    const s = await ledgerSetup(2);
    const [c1, c2] = s.customers as [string, string];
    const [runDb, clerkDb] = [await pool(1), await pool(1)];
    // the period is open (a first posting opens it, and a period being opened waits for the transaction opening it)
    await postDocument(s.deps, s.ctx, invoice(c2));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let posted!: () => void;
    const runPosted = new Promise<void>((r) => (posted = r));
    const run = runDb.db.transaction((tx) =>
      inBulk(tx, s.ctx, testAuditKey, async (ctx) => {
        const out = await postDocuments(
          { ...s.deps, db: tx },
          ctx,
          Array.from({ length: 200 }, () => invoice(c1, '1.00')),
        );
        posted();
        await gate;
        return out;
      }),
    );
    await runPosted;
    const clerk = postDocument({ ...s.deps, db: clerkDb.db }, s.ctx, invoice(c2));
    const outcome = await Promise.race([
      clerk.then(() => 'posted'),
      new Promise((r) => setTimeout(() => r('waiting'), 10_000)),
    ]);
    release();
    expect(outcome).toBe('posted');
    const mine = await clerk;
    const theirs = await run;
    expect(mine.voucher.number).toBe(2);
    const numbers = new Map((await numbersOf(s)).map((v) => [v.id, v.no]));
    expect(theirs.map((p) => numbers.get(p.voucher.id))).toEqual(theirs.map((_, i) => i + 3));
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
    expect((await verifyAudit(s.deps, s.tenant.id)).ok).toBe(true);
  });

  it('50 writers and an import at once: gapless numbers, a chain that verifies, no lost or doubled posting', async () => {
    const s = await ledgerSetup(50, { baseCurrency: 'EUR' });
    const writers = await pool(50);
    const importDb = await pool(2);
    const deps = { ...s.deps, db: writers.db };
    const lines = 3000;
    const importing = importCamt(
      s.ctx,
      `STMT-${s.tenant.id.slice(0, 8)}`,
      Array.from({ length: lines }, (_, i) => ({
        ref: `R${i}`,
        e2e: `E2E-${i}`,
        amount: `${(i % 97) + 1}.25`,
        credit: true,
        date: '2024-06-14',
      })),
      { db: importDb.db },
    );
    // each writer posts 4 invoices, sending its second one twice at once under one idempotency key
    const writes = s.customers.map(async (customer, w) => {
      const done: string[] = [];
      for (let k = 0; k < 4; k++) {
        const input = invoice(customer, `${w + 1}.${k}0`, 'EUR');
        const once = () =>
          runIdempotent(
            writers.db,
            {
              tenantId: s.tenant.id,
              route: 'POST /receivables',
              principal: 'system:test',
              key: `w${w}-${k}`,
              request: input,
            },
            async (db) => ({ status: 201, body: (await postDocument({ ...deps, db }, s.ctx, input)).document.id }),
          );
        const results = await Promise.allSettled(k === 1 ? [once(), once()] : [once()]);
        for (const r of results) if (r.status === 'fulfilled') done.push(r.value.body as string);
      }
      return done;
    });
    const [report, ...written] = await Promise.all([importing, ...writes]);
    expect(report.receipts.posted).toBe(lines);
    const ids = new Set(written.flat());
    expect(ids.size).toBe(200);
    const docs = await listDocuments(s.database.db, s.tenant.id, { limit: 10_000 });
    expect(docs.filter((d) => d.docType === 'invoice')).toHaveLength(200);
    expect(docs.filter((d) => d.docType === 'receipt')).toHaveLength(lines);
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
    expect((await verifyAudit(s.deps, s.tenant.id)).ok).toBe(true);
  }, 300_000);
});
