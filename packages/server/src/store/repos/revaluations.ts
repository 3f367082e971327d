import { and, eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';
import { fxRevaluationLines, fxRevaluations } from '../schema/index.ts';

export interface ForeignOpenItem {
  documentId: string;
  customerId: string | null;
  side: 'debit' | 'credit';
  currency: string;
  number: string;
  open: string;
  openBase: string;
}

/**
 * Items in a currency other than `base` open at the end of `asOf` (by posting date: today's open amounts with
 * the settlements posted after `asOf` added back), both sides, estimates aside.
 */
export async function foreignOpenItemsAsOf(
  db: Executor,
  tenantId: string,
  base: string,
  asOf: string,
): Promise<ForeignOpenItem[]> {
  return rows<ForeignOpenItem>(
    db,
    sql`
    WITH later AS (
      SELECT id, sum(amt) AS amt, sum(base) AS base FROM (
        SELECT sl.debit_document_id AS id, sl.sign * sl.debit_amount AS amt, sl.sign * sl.debit_base_amount AS base
        FROM settlements s JOIN settlement_lines sl ON sl.tenant_id = s.tenant_id AND sl.settlement_id = s.id
        WHERE s.tenant_id = ${tenantId} AND s.posting_date > ${asOf}::date
        UNION ALL
        SELECT sl.credit_document_id, sl.sign * sl.credit_amount, sl.sign * sl.credit_base_amount
        FROM settlements s JOIN settlement_lines sl ON sl.tenant_id = s.tenant_id AND sl.settlement_id = s.id
        WHERE s.tenant_id = ${tenantId} AND s.posting_date > ${asOf}::date
      ) x GROUP BY id
    )
    SELECT * FROM (
      SELECT o.document_id AS "documentId", o.customer_id AS "customerId", o.side, o.currency, d.number,
        (o.open_amount + coalesce(l.amt, 0))::text AS open, (o.open_base_amount + coalesce(l.base, 0))::text AS "openBase"
      FROM open_items o
      JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
      LEFT JOIN later l ON l.id = o.document_id
      WHERE o.tenant_id = ${tenantId} AND o.currency <> ${base} AND d.doc_type <> 'estimate'
        AND d.posting_date <= ${asOf}::date AND (o.status <> 'settled' OR l.id IS NOT NULL)
    ) t
    WHERE t.open::numeric <> 0
    ORDER BY "documentId"`,
  );
}

export type RevaluationRow = typeof fxRevaluations.$inferSelect;
export type RevaluationLineRow = typeof fxRevaluationLines.$inferInsert;

export async function findRevaluation(db: Executor, tenantId: string, by: { period: string } | { id: string }) {
  const [r] = await db
    .select()
    .from(fxRevaluations)
    .where(
      and(
        eq(fxRevaluations.tenantId, tenantId),
        'id' in by ? eq(fxRevaluations.id, by.id) : eq(fxRevaluations.period, by.period),
      ),
    );
  return r;
}

export async function insertRevaluation(
  tx: Executor,
  run: typeof fxRevaluations.$inferInsert,
  lines: RevaluationLineRow[],
): Promise<void> {
  await tx.insert(fxRevaluations).values(run);
  for (let i = 0; i < lines.length; i += 2000) await tx.insert(fxRevaluationLines).values(lines.slice(i, i + 2000));
}

export async function revaluationLines(db: Executor, tenantId: string, id: string, limit: number) {
  return db
    .select()
    .from(fxRevaluationLines)
    .where(and(eq(fxRevaluationLines.tenantId, tenantId), eq(fxRevaluationLines.revaluationId, id)))
    .orderBy(fxRevaluationLines.lineNo)
    .limit(limit);
}
