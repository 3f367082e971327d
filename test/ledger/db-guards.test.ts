import { describe, expect, it } from 'vitest';
import { ledgerSetup, linesOf } from './setup.ts';
import { sql } from '../../packages/server/src/store/db.ts';
import { newId } from '../../packages/server/src/domain/identity/secrets.ts';
import { postDocument } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../packages/server/src/domain/settlement/index.ts';
import { publishDraft, saveDraft } from '../../packages/server/src/domain/definitions/index.ts';
import { defaultChart } from '../../packages/server/src/domain/ledger/default-chart.ts';

describe('ledger guards in the database itself', () => {
  it('refuses UPDATE and DELETE on posted tables', async () => {
    const s = await ledgerSetup(1);
    const inv = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: s.customers[0],
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-11-02',
    });
    const rct = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-11-02',
    });
    const st = await allocate(s.deps, s.ctx, {
      postingDate: '2026-11-02',
      lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '5.00' }],
    });
    const db = s.database.db;
    const t = s.tenant.id;
    const attempts = [
      sql`UPDATE ledger_documents SET amount = 1 WHERE tenant_id = ${t} AND id = ${inv.document.id}`,
      sql`DELETE FROM ledger_documents WHERE tenant_id = ${t} AND id = ${inv.document.id}`,
      sql`UPDATE vouchers SET total = 1 WHERE tenant_id = ${t}`,
      sql`DELETE FROM voucher_lines WHERE tenant_id = ${t}`,
      sql`UPDATE voucher_lines SET debit = 1 WHERE tenant_id = ${t} AND debit > 0`,
      sql`DELETE FROM settlements WHERE tenant_id = ${t} AND id = ${st.settlement.id}`,
      sql`UPDATE settlement_lines SET debit_amount = 1 WHERE tenant_id = ${t}`,
      sql`UPDATE open_items SET open_amount = -1 WHERE tenant_id = ${t} AND document_id = ${inv.document.id}`,
      sql`UPDATE open_items SET open_amount = 11 WHERE tenant_id = ${t} AND document_id = ${inv.document.id}`,
    ];
    for (const q of attempts) await expect(db.execute(q)).rejects.toThrow();
  });

  it('refuses a voucher that does not balance, at commit', async () => {
    const s = await ledgerSetup(1);
    const db = s.database.db;
    const t = s.tenant.id;
    await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: s.customers[0],
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-11-02',
    });
    const id = newId();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO vouchers (tenant_id, id, period, number, voucher_date, source_type, source_id, description, currency, total, mapping_key, mapping_version)
          VALUES (${t}, ${id}, '2026-11', 99, '2026-11-02', 'document', ${id}, 'forged', 'CNY', 10, 'x', 0)`);
        await tx.execute(sql`INSERT INTO voucher_lines (tenant_id, voucher_id, line_no, account_code, account_name, debit, credit) VALUES
          (${t}, ${id}, 1, '1122', 'AR', 10, 0), (${t}, ${id}, 2, '6001', 'Revenue', 0, 9.99)`);
      }),
    ).rejects.toThrow();
    const rows = (await db.execute(
      sql`SELECT count(*)::int AS n FROM vouchers WHERE tenant_id = ${t} AND id = ${id}`,
    )) as unknown as { rows?: { n: number }[] } | { n: number }[];
    expect(Array.isArray(rows) ? rows[0]!.n : rows.rows![0]!.n).toBe(0);
  });

  it('checks a voucher once per batch of deferred checks, yet again for a line inserted after an early check', async () => {
    const s = await ledgerSetup(1);
    const db = s.database.db;
    const t = s.tenant.id;
    await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: s.customers[0],
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-11-02',
    });
    const count = async (id: string) => {
      const r = (await db.execute(
        sql`SELECT count(*)::int AS n FROM vouchers WHERE tenant_id = ${t} AND id = ${id}`,
      )) as unknown as { rows?: { n: number }[] } | { n: number }[];
      return Array.isArray(r) ? r[0]!.n : r.rows![0]!.n;
    };
    const voucher = (tx: { execute: typeof db.execute }, id: string, total: string) =>
      tx.execute(sql`INSERT INTO vouchers (tenant_id, id, period, number, voucher_date, source_type, source_id, description, currency, total, mapping_key, mapping_version)
        VALUES (${t}, ${id}, '2026-11', ${Math.floor(Math.random() * 1e6) + 1000}, '2026-11-02', 'document', ${id}, 'manual', 'CNY', ${total}, 'x', 0)`);
    // balanced, many lines in several statements: committed
    const good = newId();
    await db.transaction(async (tx) => {
      await voucher(tx, good, '30');
      for (let i = 0; i < 3; i++)
        await tx.execute(sql`INSERT INTO voucher_lines (tenant_id, voucher_id, line_no, account_code, account_name, debit, credit) VALUES
          (${t}, ${good}, ${2 * i + 1}, '1122', 'AR', 10, 0), (${t}, ${good}, ${2 * i + 2}, '6001', 'Revenue', 0, 10)`);
    });
    expect(await count(good)).toBe(1);
    // balanced when checked early, then a line more: refused at commit
    const forged = newId();
    await expect(
      db.transaction(async (tx) => {
        await voucher(tx, forged, '10');
        await tx.execute(sql`INSERT INTO voucher_lines (tenant_id, voucher_id, line_no, account_code, account_name, debit, credit) VALUES
          (${t}, ${forged}, 1, '1122', 'AR', 10, 0), (${t}, ${forged}, 2, '6001', 'Revenue', 0, 10)`);
        await tx.execute(sql`SET CONSTRAINTS ALL IMMEDIATE`);
        await tx.execute(sql`SET CONSTRAINTS ALL DEFERRED`);
        await tx.execute(sql`INSERT INTO voucher_lines (tenant_id, voucher_id, line_no, account_code, account_name, debit, credit) VALUES
          (${t}, ${forged}, 3, '1122', 'AR', 5, 0)`);
      }),
    ).rejects.toThrow();
    expect(await count(forged)).toBe(0);

    // the marks live in 256 slots by the voucher id's hash: an unbalanced voucher sharing a slot with a
    // balanced one checked just before it is still checked
    const slotOf = async (ids: string[]) => {
      const r = (await db.execute(
        sql`SELECT id::text AS id, hashtext(id::text) & 255 AS slot FROM unnest(${`{${ids.join(',')}}`}::uuid[]) AS id`,
      )) as unknown as { rows?: { id: string; slot: number }[] } | { id: string; slot: number }[];
      return Array.isArray(r) ? r : r.rows!;
    };
    const first = newId();
    const slot = (await slotOf([first]))[0]!.slot;
    const candidates = Array.from({ length: 2000 }, () => newId());
    const second = (await slotOf(candidates)).find((x) => x.slot === slot)!.id;
    await expect(
      db.transaction(async (tx) => {
        await voucher(tx, first, '10');
        await voucher(tx, second, '10');
        await tx.execute(sql`INSERT INTO voucher_lines (tenant_id, voucher_id, line_no, account_code, account_name, debit, credit) VALUES
          (${t}, ${first}, 1, '1122', 'AR', 10, 0), (${t}, ${first}, 2, '6001', 'Revenue', 0, 10),
          (${t}, ${second}, 1, '1122', 'AR', 10, 0), (${t}, ${second}, 2, '6001', 'Revenue', 0, 9)`);
      }),
    ).rejects.toThrow(/does not balance/);
    expect(await count(first)).toBe(0);
  });

  it('posts through a published account-mapping definition and records its version on the voucher', async () => {
    const s = await ledgerSetup(1);
    const chart = structuredClone(defaultChart);
    chart.accounts.push({ code: '1122.01', name: 'AR – export customers', type: 'asset', role: 'ar-export' });
    chart.rules.unshift({ documentType: 'invoice', receivableType: 'default', debit: '1122.01', credit: '6001' });
    await saveDraft(s.deps, s.ctx, { kind: 'account-mapping', key: 'chart', document: chart });
    await publishDraft(s.deps, s.ctx, 'account-mapping', 'chart');
    const inv = await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId: s.customers[0],
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-11-02',
    });
    expect(inv.voucher).toMatchObject({ mappingKey: 'chart', mappingVersion: 1 });
    expect(linesOf(inv.voucher)).toEqual([
      ['1122.01', '10.00', ''],
      ['6001', '', '10.00'],
    ]);
    expect(inv.document.clearingAccount).toBe('1122.01');
  });
});
