import { and, desc, eq, lte } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';
import { provisioningRuns } from '../schema/index.ts';

/** The allowance account's movement in [from, to] by customer and kind, plus the balance before `from`. */
export interface AllowanceMovementRow {
  customerId: string | null;
  opening: string;
  topUp: string;
  released: string;
  writtenOff: string;
  recovered: string;
  other: string;
  closing: string;
}

/**
 * Every line on the allowance account, classified by what posted it: a provisioning run's credit is a top-up
 * and its debit a release; a write-off document's lines are write-offs, a recovery's are recoveries; the rest
 * (reversals, manual vouchers) is `other`. Amounts are signed as the allowance grows: credit minus debit.
 */
export async function allowanceMovement(
  db: Executor,
  tenantId: string,
  accountCode: string,
  from: string,
  to: string,
): Promise<AllowanceMovementRow[]> {
  return rows<AllowanceMovementRow>(
    db,
    sql`
    WITH l AS (
      SELECT vl.customer_id, v.voucher_date, vl.credit, vl.debit, v.source_type, d.doc_type, d.reverses_id
      FROM voucher_lines vl
      JOIN vouchers v ON v.tenant_id = vl.tenant_id AND v.id = vl.voucher_id
      LEFT JOIN ledger_documents d ON v.source_type = 'document' AND d.tenant_id = v.tenant_id AND d.id = v.source_id
      WHERE vl.tenant_id = ${tenantId} AND vl.account_code = ${accountCode} AND v.voucher_date <= ${to}::date
    )
    SELECT customer_id AS "customerId",
      coalesce(sum(credit - debit) FILTER (WHERE voucher_date < ${from}::date), 0)::text AS opening,
      coalesce(sum(credit) FILTER (WHERE voucher_date >= ${from}::date AND source_type = 'provisioning-run'), 0)::text AS "topUp",
      coalesce(sum(debit) FILTER (WHERE voucher_date >= ${from}::date AND source_type = 'provisioning-run'), 0)::text AS released,
      coalesce(sum(debit - credit) FILTER (WHERE voucher_date >= ${from}::date AND doc_type = 'write-off' AND reverses_id IS NULL), 0)::text AS "writtenOff",
      coalesce(sum(credit - debit) FILTER (WHERE voucher_date >= ${from}::date AND doc_type = 'recovery' AND reverses_id IS NULL), 0)::text AS recovered,
      coalesce(sum(credit - debit) FILTER (WHERE voucher_date >= ${from}::date AND source_type <> 'provisioning-run'
        AND (doc_type IS NULL OR doc_type NOT IN ('write-off', 'recovery') OR reverses_id IS NOT NULL)), 0)::text AS other,
      coalesce(sum(credit - debit), 0)::text AS closing
    FROM l GROUP BY customer_id ORDER BY customer_id NULLS FIRST`,
  );
}

/** Base amounts posted in [from, to]: invoices (credit sales), bad-debt and direct write-offs, recoveries. */
export async function lossFigures(
  db: Executor,
  tenantId: string,
  from: string,
  to: string,
): Promise<{ creditSales: string; writtenOff: string; recovered: string }> {
  const [r] = await rows<{ creditSales: string; writtenOff: string; recovered: string }>(
    db,
    sql`
    SELECT
      coalesce(sum(CASE WHEN reverses_id IS NULL THEN base_amount ELSE -base_amount END) FILTER (WHERE doc_type = 'invoice'), 0)::text AS "creditSales",
      coalesce(sum(CASE WHEN reverses_id IS NULL THEN base_amount ELSE -base_amount END)
        FILTER (WHERE doc_type = 'write-off' AND write_off_kind IN ('bad-debt', 'direct')), 0)::text AS "writtenOff",
      coalesce(sum(CASE WHEN reverses_id IS NULL THEN base_amount ELSE -base_amount END) FILTER (WHERE doc_type = 'recovery'), 0)::text AS recovered
    FROM ledger_documents
    WHERE tenant_id = ${tenantId} AND posting_date BETWEEN ${from}::date AND ${to}::date`,
  );
  return r ?? { creditSales: '0', writtenOff: '0', recovered: '0' };
}

/** The newest posted provisioning run as of `to` (its allowance by stage and bucket is the report's breakdown). */
export async function latestRunAsOf(db: Executor, tenantId: string, to: string) {
  const [r] = await db
    .select()
    .from(provisioningRuns)
    .where(and(eq(provisioningRuns.tenantId, tenantId), lte(provisioningRuns.asOf, to)))
    .orderBy(desc(provisioningRuns.asOf), desc(provisioningRuns.createdAt))
    .limit(1);
  return r;
}

/** The provisioning runs posted with an as-of date in [from, to], oldest first. */
export async function runsBetween(db: Executor, tenantId: string, from: string, to: string) {
  return rows<{ id: string; asOf: string; planKey: string; planVersion: number; topUp: string; released: string }>(
    db,
    sql`SELECT id, as_of::text AS "asOf", plan_key AS "planKey", plan_version AS "planVersion",
          top_up::text AS "topUp", released::text AS released
        FROM provisioning_runs WHERE tenant_id = ${tenantId} AND as_of BETWEEN ${from}::date AND ${to}::date
        ORDER BY as_of, created_at`,
  );
}
