import { and, desc, eq, sql } from 'drizzle-orm';
import { creditDigests, creditScores } from '../schema/index.ts';
import { inCustomerScope, type RowScope } from './customers.ts';
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

/** The figures of a customer with nothing open, paid, written off or contested. */
export const noCreditFigures: Readonly<CreditFigures> = {
  openDebit: '0',
  unappliedCredit: '0',
  overdue: '0',
  maxDaysPastDue: 0,
  openItems: 0,
  paidBase: '0',
  paidLateDays: '0',
  badDebts: '0',
  openDisputes: 0,
  brokenPromises: 0,
};

/**
 * Payment figures in the base currency as of `asOf`, per customer (one customer's, or every customer's that
 * has any): what is open (debit items, unapplied credits), overdue and how late; what was settled in the year
 * before and how late; what was written off as bad debt; disputes open and promises to pay broken.
 */
export async function creditFiguresByCustomer(
  db: Executor,
  tenantId: string,
  asOf: string,
  customerId?: string,
): Promise<Map<string, CreditFigures>> {
  const only = (column: string) => (customerId ? sql`AND ${sql.raw(column)} = ${customerId}` : sql``);
  const out = new Map<string, CreditFigures>();
  const at = (id: string) => {
    let f = out.get(id);
    if (!f) out.set(id, (f = { ...noCreditFigures }));
    return f;
  };
  for (const r of rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT customer_id AS id,
        coalesce(sum(open_base_amount) FILTER (WHERE side = 'debit'), 0)::text AS "openDebit",
        coalesce(sum(open_base_amount) FILTER (WHERE side = 'credit'), 0)::text AS "unappliedCredit",
        coalesce(sum(open_base_amount) FILTER (WHERE side = 'debit' AND due_date < ${asOf}::date), 0)::text AS overdue,
        coalesce(max(${asOf}::date - due_date) FILTER (WHERE side = 'debit' AND due_date < ${asOf}::date), 0)::int
          AS "maxDaysPastDue",
        (count(*) FILTER (WHERE side = 'debit'))::int AS "openItems"
      FROM open_items
      WHERE tenant_id = ${tenantId} AND status <> 'settled' AND customer_id IS NOT NULL ${only('customer_id')}
      GROUP BY customer_id`),
  ))
    Object.assign(at(String(r.id)), {
      openDebit: String(r.openDebit),
      unappliedCredit: String(r.unappliedCredit),
      overdue: String(r.overdue),
      maxDaysPastDue: Number(r.maxDaysPastDue),
      openItems: Number(r.openItems),
    });
  for (const r of rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT d.customer_id AS id,
        coalesce(sum(sl.sign * sl.debit_base_amount), 0)::text AS "paidBase",
        coalesce(sum(sl.sign * sl.debit_base_amount * greatest(0, s.posting_date - d.due_date)), 0)::text AS "paidLateDays"
      FROM settlements s
      JOIN settlement_lines sl ON sl.tenant_id = s.tenant_id AND sl.settlement_id = s.id
      JOIN ledger_documents d ON d.tenant_id = sl.tenant_id AND d.id = sl.debit_document_id
      WHERE s.tenant_id = ${tenantId} AND d.customer_id IS NOT NULL AND d.due_date IS NOT NULL ${only('d.customer_id')}
        AND s.posting_date > ${asOf}::date - 365 AND s.posting_date <= ${asOf}::date
      GROUP BY d.customer_id`),
  ))
    Object.assign(at(String(r.id)), { paidBase: String(r.paidBase), paidLateDays: String(r.paidLateDays) });
  for (const r of rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT customer_id AS id, coalesce(sum(base_amount), 0)::text AS "badDebts"
      FROM ledger_documents
      WHERE tenant_id = ${tenantId} AND customer_id IS NOT NULL AND write_off_kind = 'bad-debt' ${only('customer_id')}
        AND posting_date > ${asOf}::date - 365 AND posting_date <= ${asOf}::date
      GROUP BY customer_id`),
  ))
    at(String(r.id)).badDebts = String(r.badDebts);
  for (const r of rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT x.customer_id AS id, count(*)::int AS n FROM disputes x
      LEFT JOIN dispute_resolutions r ON r.tenant_id = x.tenant_id AND r.dispute_id = x.id AND r.resolved_on <= ${asOf}::date
      WHERE x.tenant_id = ${tenantId} AND x.opened_on <= ${asOf}::date AND r.dispute_id IS NULL ${only('x.customer_id')}
      GROUP BY x.customer_id`),
  ))
    at(String(r.id)).openDisputes = Number(r.n);
  for (const r of rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT p.customer_id AS id, count(*)::int AS n FROM payment_promises p
      JOIN promise_outcomes o ON o.tenant_id = p.tenant_id AND o.promise_id = p.id
      WHERE p.tenant_id = ${tenantId} AND o.outcome = 'broken' ${only('p.customer_id')}
        AND o.as_of > ${asOf}::date - 365 AND o.as_of <= ${asOf}::date
      GROUP BY p.customer_id`),
  ))
    at(String(r.id)).brokenPromises = Number(r.n);
  return out;
}

/** One customer's payment figures as of `asOf` (zeros when it has none). */
export async function customerCreditFigures(
  db: Executor,
  tenantId: string,
  customerId: string,
  asOf: string,
): Promise<CreditFigures> {
  return (await creditFiguresByCustomer(db, tenantId, asOf, customerId)).get(customerId) ?? { ...noCreditFigures };
}

export type CreditScoreRow = typeof creditScores.$inferSelect;
export type CreditScoreInsert = typeof creditScores.$inferInsert;

/** Stores the day's scores; a customer scored that day already keeps its row. Returns the customers stored now. */
export async function insertScores(tx: Executor, rows: CreditScoreInsert[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < rows.length; i += 1000)
    for (const r of await tx
      .insert(creditScores)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing({ target: [creditScores.tenantId, creditScores.customerId, creditScores.asOf] })
      .returning({ id: creditScores.customerId }))
      out.add(r.id);
  return out;
}

/** The part of a stored score a later sweep compares with. */
export type PriorScore = Pick<CreditScoreRow, 'customerId' | 'asOf' | 'score' | 'grade' | 'exposure' | 'overdue'>;

/** Each customer's latest stored score before `asOf`. */
export async function latestScoresBefore(
  db: Executor,
  tenantId: string,
  asOf: string,
): Promise<Map<string, PriorScore>> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT DISTINCT ON (customer_id) customer_id, as_of::text AS as_of, score, grade,
        exposure::text AS exposure, overdue::text AS overdue
      FROM credit_scores WHERE tenant_id = ${tenantId} AND as_of < ${asOf}::date
      ORDER BY customer_id, as_of DESC`),
  );
  return new Map(
    rows.map((r) => [
      String(r.customer_id),
      {
        customerId: String(r.customer_id),
        asOf: String(r.as_of),
        score: Number(r.score),
        grade: String(r.grade),
        exposure: String(r.exposure),
        overdue: String(r.overdue),
      },
    ]),
  );
}

/** Stored scores, newest first, in the caller's data scope. */
export async function listScores(
  db: Executor,
  tenantId: string,
  f: { customerId?: string; asOf?: string; scope?: RowScope; limit: number },
): Promise<CreditScoreRow[]> {
  const conds = [eq(creditScores.tenantId, tenantId)];
  if (f.customerId) conds.push(eq(creditScores.customerId, f.customerId));
  if (f.asOf) conds.push(eq(creditScores.asOf, f.asOf));
  const scope = inCustomerScope(creditScores.customerId, tenantId, f.scope);
  if (scope) conds.push(scope);
  return db
    .select()
    .from(creditScores)
    .where(and(...conds))
    .orderBy(desc(creditScores.asOf), creditScores.score, creditScores.customerId)
    .limit(f.limit);
}

/** Records the week's digest; false when it was sent already. */
export async function insertDigest(tx: Executor, row: typeof creditDigests.$inferInsert): Promise<boolean> {
  const r = await tx
    .insert(creditDigests)
    .values(row)
    .onConflictDoNothing({ target: [creditDigests.tenantId, creditDigests.weekOf] })
    .returning({ w: creditDigests.weekOf });
  return r.length > 0;
}
