import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { settlementLines, settlements } from '../schema/index.ts';
import { inCustomerScope, type RowScope } from './customers.ts';
import type { SettlementLine } from '../../model/ledger.ts';
import { insertRows } from '../insert-rows.ts';

export type SettlementKind = 'allocation' | 'reversal' | 'document-reversal' | 'write-off' | 'transfer' | 'recovery';

export interface SettlementHeader {
  id: string;
  kind: SettlementKind;
  customerId: string | null;
  postingDate: string;
  period: string;
  reversesId: string | null;
  reason: string | null;
  voucherId: string | null;
}

export interface StoredSettlement extends SettlementHeader {
  lines: SettlementLine[];
  createdAt: string;
  createdBy: string | null;
}

export async function insertSettlement(
  tx: Executor,
  tenantId: string,
  s: SettlementHeader,
  lines: SettlementLine[],
  createdBy: string,
): Promise<void> {
  await tx.insert(settlements).values({ tenantId, ...s, createdBy });
  await tx.insert(settlementLines).values(lines.map((l) => ({ tenantId, settlementId: s.id, ...l })));
}

/** Many settlements with their lines, in multi-row inserts. */
export async function insertSettlements(
  tx: Executor,
  tenantId: string,
  list: readonly { header: SettlementHeader; lines: readonly SettlementLine[] }[],
  createdBy: string,
): Promise<void> {
  const heads = list.map((s) => ({ tenantId, ...s.header, createdBy }));
  const lines = list.flatMap((s) => s.lines.map((l) => ({ tenantId, settlementId: s.header.id, ...l })));
  await insertRows(tx, settlements, heads);
  await insertRows(tx, settlementLines, lines);
}

type LineRow = typeof settlementLines.$inferSelect;
const toLine = (l: LineRow): SettlementLine => ({
  lineNo: l.lineNo,
  debitDocumentId: l.debitDocumentId,
  creditDocumentId: l.creditDocumentId,
  sign: l.sign as 1 | -1,
  debitAmount: l.debitAmount,
  creditAmount: l.creditAmount,
  debitBaseAmount: l.debitBaseAmount,
  creditBaseAmount: l.creditBaseAmount,
  fxDifference: l.fxDifference,
});

async function withLines(
  db: Executor,
  tenantId: string,
  rows: (typeof settlements.$inferSelect)[],
): Promise<StoredSettlement[]> {
  if (rows.length === 0) return [];
  // in chunks: one statement carries at most 65,535 parameters (a whole tenant's settlements are read at once)
  const lines: (typeof settlementLines.$inferSelect)[] = [];
  for (let i = 0; i < rows.length; i += 10_000)
    lines.push(
      ...(await db
        .select()
        .from(settlementLines)
        .where(
          and(
            eq(settlementLines.tenantId, tenantId),
            inArray(
              settlementLines.settlementId,
              rows.slice(i, i + 10_000).map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(settlementLines.lineNo))),
    );
  const bySettlement = new Map<string, (typeof settlementLines.$inferSelect)[]>();
  for (const l of lines) {
    const list = bySettlement.get(l.settlementId);
    if (list) list.push(l);
    else bySettlement.set(l.settlementId, [l]);
  }
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as SettlementKind,
    customerId: r.customerId,
    postingDate: r.postingDate,
    period: r.period,
    reversesId: r.reversesId,
    reason: r.reason,
    voucherId: r.voucherId,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    lines: (bySettlement.get(r.id) ?? []).map(toLine),
  }));
}

export async function getSettlement(
  db: Executor,
  tenantId: string,
  id: string,
  forUpdate = false,
): Promise<StoredSettlement | undefined> {
  const q = db
    .select()
    .from(settlements)
    .where(and(eq(settlements.tenantId, tenantId), eq(settlements.id, id)));
  const rows = forUpdate ? await q.for('update') : await q;
  return (await withLines(db, tenantId, rows))[0];
}

export async function findSettlementReversal(db: Executor, tenantId: string, id: string): Promise<string | undefined> {
  const [r] = await db
    .select({ id: settlements.id })
    .from(settlements)
    .where(and(eq(settlements.tenantId, tenantId), eq(settlements.reversesId, id)));
  return r?.id;
}

export async function listSettlements(
  db: Executor,
  tenantId: string,
  f: { customerId?: string; before?: string; limit: number; scope?: RowScope },
): Promise<StoredSettlement[]> {
  const conds = [eq(settlements.tenantId, tenantId)];
  const scope = inCustomerScope(settlements.customerId, tenantId, f.scope);
  if (scope) conds.push(scope);
  if (f.customerId) conds.push(eq(settlements.customerId, f.customerId));
  if (f.before) conds.push(lt(settlements.id, f.before));
  return withLines(
    db,
    tenantId,
    await db
      .select()
      .from(settlements)
      .where(and(...conds))
      .orderBy(desc(settlements.id))
      .limit(f.limit),
  );
}

/** Every settlement line of a tenant, for rebuilding open items. */
export async function allSettlementLines(db: Executor, tenantId: string): Promise<SettlementLine[]> {
  return (await db.select().from(settlementLines).where(eq(settlementLines.tenantId, tenantId))).map(toLine);
}

/** Lines touching a document, with their settlement's id and kind. */
export async function linesOfDocument(db: Executor, tenantId: string, documentId: string) {
  const a = await db
    .select()
    .from(settlementLines)
    .where(and(eq(settlementLines.tenantId, tenantId), eq(settlementLines.debitDocumentId, documentId)));
  const b = await db
    .select()
    .from(settlementLines)
    .where(and(eq(settlementLines.tenantId, tenantId), eq(settlementLines.creditDocumentId, documentId)));
  return [...a, ...b].map((l) => ({ settlementId: l.settlementId, ...toLine(l) }));
}
