import { and, eq, gte, like, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { ledgerDocuments, openItems } from '../schema/index.ts';

/**
 * Benchmark data only (`hexiao bench api`), never a business path: `n` random open invoices with at least
 * `minOpen` left open, with their customers — what the load generator reads by id and settles against.
 */
export async function sampleOpenInvoices(
  db: Executor,
  tenantId: string,
  n: number,
  minOpen: string,
): Promise<{ id: string; customerId: string }[]> {
  const rows = await db
    .select({ id: openItems.documentId, customerId: openItems.customerId })
    .from(openItems)
    .where(and(eq(openItems.tenantId, tenantId), eq(openItems.side, 'debit'), gte(openItems.openAmount, minOpen)))
    .orderBy(sql`random()`)
    .limit(n);
  return rows.map((r) => ({ id: r.id, customerId: r.customerId! }));
}

/** Receipts whose reference starts with `prefix`: how many rows, and how many distinct references among them. */
export async function countReceiptsByReference(
  db: Executor,
  tenantId: string,
  prefix: string,
): Promise<{ rows: number; references: number }> {
  const [r] = await db
    .select({ rows: sql<string>`count(*)`, references: sql<string>`count(DISTINCT ${ledgerDocuments.reference})` })
    .from(ledgerDocuments)
    .where(
      and(
        eq(ledgerDocuments.tenantId, tenantId),
        eq(ledgerDocuments.docType, 'receipt'),
        like(ledgerDocuments.reference, `${prefix}%`),
      ),
    );
  return { rows: Number(r!.rows), references: Number(r!.references) };
}
