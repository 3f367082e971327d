import { sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { groupOf, type AgingGroup } from './aging.ts';
import { inCustomerScope, type RowScope } from './customers.ts';

export interface SalesFigures {
  group: string | null;
  /** Invoiced (base currency, net of red reversals) in the 90 and the 365 days up to the date. */
  sales90: string;
  sales365: string;
  /** Written off as bad debt in the 365 days up to the date. */
  badDebts365: string;
}

/**
 * Per group (a customer grouping), what was invoiced and written off as bad debt in the windows ending at
 * `asOf`, by posting date, for the customers in the actor's scope: the denominators of DSO and the bad-debt ratio.
 */
export async function salesFigures(
  db: Executor,
  tenantId: string,
  o: { asOf: string; group: AgingGroup; scope?: RowScope; customerId?: string; currency?: string },
): Promise<SalesFigures[]> {
  const g = groupOf(o.group);
  const conds = [
    sql`d.tenant_id = ${tenantId}`,
    sql`d.posting_date > ${o.asOf}::date - 365`,
    sql`d.posting_date <= ${o.asOf}::date`,
  ];
  if (o.customerId) conds.push(sql`d.customer_id = ${o.customerId}`);
  if (o.currency) conds.push(sql`d.currency = ${o.currency}`);
  const scope = inCustomerScope(sql.raw('d.customer_id'), tenantId, o.scope);
  if (scope) conds.push(scope);
  // an invoice counts as sales, its red reversal (a credit invoice pointing to it) takes it back
  const sales = (
    days: number,
  ) => sql`coalesce(sum(CASE WHEN d.doc_type = 'invoice' AND d.posting_date > ${o.asOf}::date - ${days}::int
    THEN CASE WHEN d.side = 'debit' THEN d.base_amount ELSE -d.base_amount END END), 0)::text`;
  const result = (await db.execute(sql`
    WITH per_customer AS (
      SELECT d.customer_id AS cid, ${sales(90)} AS sales90, ${sales(365)} AS sales365,
        coalesce(sum(d.base_amount) FILTER (WHERE d.write_off_kind = 'bad-debt'), 0)::text AS bad
      FROM ledger_documents d
      WHERE ${sql.join(conds, sql` AND `)}
      GROUP BY d.customer_id
    )
    SELECT ${g.key} AS "group", sum(sales90::numeric)::text AS sales90, sum(sales365::numeric)::text AS sales365,
      sum(bad::numeric)::text AS "badDebts365"
    FROM per_customer
    LEFT JOIN customers c ON c.tenant_id = ${tenantId} AND c.id = cid
    ${g.parent ? sql`LEFT JOIN customers p ON p.tenant_id = c.tenant_id AND p.id = c.parent_id` : sql``}
    GROUP BY 1`)) as unknown;
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as SalesFigures[];
}
