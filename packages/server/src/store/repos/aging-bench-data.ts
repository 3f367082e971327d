import { sql } from 'drizzle-orm';
import type { Database } from '../db.ts';

/**
 * Benchmark data only (`hexiao bench aging`), never a business path: `items` invoices over `customers` new
 * customers of a fresh tenant, posted over the last 18 months and due 30 or 60 days later, a tenth of them
 * paid in full within the last 45 days — written straight into the ledger tables, with one balanced voucher
 * they all point to. Returns how many were paid.
 */
export async function insertAgingBenchData(
  db: Database['db'],
  o: { tenantId: string; today: string; items: number; customers: number; voucherId: string },
): Promise<number> {
  const { tenantId: t, today, items, customers, voucherId: voucher } = o;
  const run = (q: ReturnType<typeof sql>) =>
    db.execute(q).catch((e: Error) => {
      throw new Error(`bench data: ${(e.cause as Error | undefined)?.message ?? e.message}`);
    });
  await run(sql`INSERT INTO accounting_periods (tenant_id, period, starts_on, ends_on, status)
    SELECT ${t}, to_char(m, 'YYYY-MM'), m::date, (m + interval '1 month - 1 day')::date, 'open'
    FROM generate_series(date_trunc('month', ${today}::date - 600), date_trunc('month', ${today}::date), interval '1 month') m`);
  await run(sql`INSERT INTO customers (tenant_id, id, code, name, region, sales_owner, custom, status)
    SELECT ${t}, gen_random_uuid(), 'B' || i, 'Bench customer ' || i, (ARRAY['East','North','South','West'])[1 + i % 4],
      'rep' || (i % 50) || '@bench.test', '{}', 'active'
    FROM generate_series(1, ${customers}::int) i`);
  // one balanced voucher the generated documents point to (the ledger refuses a voucher that does not balance)
  await db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO vouchers (tenant_id, id, period, number, voucher_date, source_type, source_id,
        description, currency, total, mapping_key, mapping_version)
      VALUES (${t}, ${voucher}, to_char(${today}::date, 'YYYY-MM'), 1, ${today}::date, 'document', ${voucher}, 'bench',
        'CNY', 1, 'bench', 0)`);
    await tx.execute(sql`INSERT INTO voucher_lines (tenant_id, voucher_id, line_no, account_code, account_name, debit, credit)
      VALUES (${t}, ${voucher}, 1, '1122', 'AR', 1, 0), (${t}, ${voucher}, 2, '6001', 'Revenue', 0, 1)`);
    // the voucher took number 1 of its period: what the ledger posts next takes 2
    await tx.execute(sql`INSERT INTO voucher_counters (tenant_id, period, last_number)
      VALUES (${t}, to_char(${today}::date, 'YYYY-MM'), 1)`);
  });
  const chunk = 100_000;
  for (let from = 1; from <= items; from += chunk) {
    const to = Math.min(items, from + chunk - 1);
    await run(sql`WITH c AS (SELECT id, row_number() OVER (ORDER BY code) AS n FROM customers WHERE tenant_id = ${t}),
      g AS (SELECT i, ${today}::date - (i::bigint * 7919 % 540)::int AS posted, (100 + (i::bigint * 104729 % 9999900)) / 100.0 AS amount
            FROM generate_series(${from}::int, ${to}::int) i)
      INSERT INTO ledger_documents (tenant_id, id, doc_type, receivable_type, side, number, customer_id, currency, amount,
        fx_rate, base_amount, document_date, posting_date, due_date, period, clearing_account, custom, voucher_id)
      SELECT ${t}, gen_random_uuid(), 'invoice', 'default', 'debit', 'BI-' || g.i, c.id, 'CNY', g.amount, 1, g.amount,
        g.posted, g.posted, g.posted + (30 + 30 * (g.i % 2)), to_char(g.posted, 'YYYY-MM'), '1122', '{}', ${voucher}
      FROM g JOIN c ON c.n = 1 + g.i % ${customers}::int`);
  }
  await run(sql`INSERT INTO open_items (tenant_id, document_id, customer_id, side, currency, amount, open_amount,
      base_amount, open_base_amount, due_date, status)
    SELECT tenant_id, id, customer_id, side, currency, amount, amount, base_amount, base_amount, due_date, 'open'
    FROM ledger_documents WHERE tenant_id = ${t}`);
  // a tenth of the invoices paid in full by one receipt each within the last 45 days
  await run(sql`CREATE TEMP TABLE bench_paid AS
    SELECT d.id AS invoice, gen_random_uuid() AS receipt, gen_random_uuid() AS settlement, d.customer_id, d.amount,
      greatest(d.posting_date, ${today}::date - (abs(hashtext(d.number)) % 45)) AS paid_on, d.number
    FROM ledger_documents d WHERE d.tenant_id = ${t} AND abs(hashtext(d.number)) % 10 = 0`);
  await run(sql`INSERT INTO ledger_documents (tenant_id, id, doc_type, receivable_type, side, number, customer_id, currency,
      amount, fx_rate, base_amount, document_date, posting_date, period, clearing_account, custom, voucher_id)
    SELECT ${t}, receipt, 'receipt', 'default', 'credit', 'BR-' || number, customer_id, 'CNY', amount, 1, amount, paid_on,
      paid_on, to_char(paid_on, 'YYYY-MM'), '2241', '{}', ${voucher} FROM bench_paid`);
  await run(sql`INSERT INTO open_items (tenant_id, document_id, customer_id, side, currency, amount, open_amount,
      base_amount, open_base_amount, status)
    SELECT ${t}, receipt, customer_id, 'credit', 'CNY', amount, 0, amount, 0, 'settled' FROM bench_paid`);
  await run(sql`INSERT INTO settlements (tenant_id, id, kind, customer_id, posting_date, period)
    SELECT ${t}, settlement, 'allocation', customer_id, paid_on, to_char(paid_on, 'YYYY-MM') FROM bench_paid`);
  await run(sql`INSERT INTO settlement_lines (tenant_id, settlement_id, line_no, debit_document_id, credit_document_id, sign,
      debit_amount, credit_amount, debit_base_amount, credit_base_amount)
    SELECT ${t}, settlement, 1, invoice, receipt, 1, amount, amount, amount, amount FROM bench_paid`);
  await run(sql`UPDATE open_items o SET open_amount = 0, open_base_amount = 0, status = 'settled'
    FROM bench_paid p WHERE o.tenant_id = ${t} AND o.document_id = p.invoice`);
  const counted = (await run(sql`SELECT count(*)::int AS n FROM bench_paid`)) as unknown;
  const rows = (Array.isArray(counted) ? counted : (counted as { rows: unknown[] }).rows) as { n: number }[];
  const n = Number(rows[0]!.n);
  await run(sql`DROP TABLE bench_paid`);
  await run(sql.raw('ANALYZE'));
  return n;
}
