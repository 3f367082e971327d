import { sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];

export interface CreditFigures {
  openDebit: string;
  unappliedCredit: string;
  overdue: string;
  maxDaysPastDue: number;
  openItems: number;
  /** Settled in the year before `asOf`: base amount, and that amount times the days each part came late. */
  paidBase: string;
  paidLateDays: string;
  badDebts: string;
  /** Disputes open at `asOf`; promises to pay recorded broken in the year before it. */
  openDisputes: number;
  brokenPromises: number;
}

/**
 * A customer's payment figures in the base currency as of `asOf`: what is open (debit items, unapplied
 * credits), overdue and how late; what was settled in the year before and how late; what was written off as bad debt;
 * disputes open and promises to pay broken.
 */
export async function customerCreditFigures(
  db: Executor,
  tenantId: string,
  customerId: string,
  asOf: string,
): Promise<CreditFigures> {
  const [open] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT
        coalesce(sum(open_base_amount) FILTER (WHERE side = 'debit'), 0)::text AS "openDebit",
        coalesce(sum(open_base_amount) FILTER (WHERE side = 'credit'), 0)::text AS "unappliedCredit",
        coalesce(sum(open_base_amount) FILTER (WHERE side = 'debit' AND due_date < ${asOf}::date), 0)::text AS overdue,
        coalesce(max(${asOf}::date - due_date) FILTER (WHERE side = 'debit' AND due_date < ${asOf}::date), 0)::int
          AS "maxDaysPastDue",
        (count(*) FILTER (WHERE side = 'debit'))::int AS "openItems"
      FROM open_items
      WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND status <> 'settled'`),
  );
  const [paid] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT
        coalesce(sum(sl.sign * sl.debit_base_amount), 0)::text AS "paidBase",
        coalesce(sum(sl.sign * sl.debit_base_amount * greatest(0, s.posting_date - d.due_date)), 0)::text AS "paidLateDays"
      FROM settlements s
      JOIN settlement_lines sl ON sl.tenant_id = s.tenant_id AND sl.settlement_id = s.id
      JOIN ledger_documents d ON d.tenant_id = sl.tenant_id AND d.id = sl.debit_document_id
      WHERE s.tenant_id = ${tenantId} AND d.customer_id = ${customerId} AND d.due_date IS NOT NULL
        AND s.posting_date > ${asOf}::date - 365 AND s.posting_date <= ${asOf}::date`),
  );
  const [off] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT coalesce(sum(base_amount), 0)::text AS "badDebts"
      FROM ledger_documents
      WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND write_off_kind = 'bad-debt'
        AND posting_date > ${asOf}::date - 365 AND posting_date <= ${asOf}::date`),
  );
  const [coll] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT
        (SELECT count(*) FROM disputes x
          LEFT JOIN dispute_resolutions r ON r.tenant_id = x.tenant_id AND r.dispute_id = x.id AND r.resolved_on <= ${asOf}::date
          WHERE x.tenant_id = ${tenantId} AND x.customer_id = ${customerId} AND x.opened_on <= ${asOf}::date
            AND r.dispute_id IS NULL)::int AS "openDisputes",
        (SELECT count(*) FROM payment_promises p
          JOIN promise_outcomes o ON o.tenant_id = p.tenant_id AND o.promise_id = p.id
          WHERE p.tenant_id = ${tenantId} AND p.customer_id = ${customerId} AND o.outcome = 'broken'
            AND o.as_of > ${asOf}::date - 365 AND o.as_of <= ${asOf}::date)::int AS "brokenPromises"`),
  );
  return {
    openDebit: String(open!.openDebit),
    unappliedCredit: String(open!.unappliedCredit),
    overdue: String(open!.overdue),
    maxDaysPastDue: Number(open!.maxDaysPastDue),
    openItems: Number(open!.openItems),
    paidBase: String(paid!.paidBase),
    paidLateDays: String(paid!.paidLateDays),
    badDebts: String(off!.badDebts),
    openDisputes: Number(coll!.openDisputes),
    brokenPromises: Number(coll!.brokenPromises),
  };
}
