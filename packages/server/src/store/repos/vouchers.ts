import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { voucherLines, vouchers } from '../schema/index.ts';
import type { StoredVoucherHead, VoucherLineDraft } from '../../model/ledger.ts';
import { inCustomerScope, type RowScope } from './customers.ts';
import { insertRows } from '../insert-rows.ts';

/** Without a number, the transaction numbers it later (hexiao_number_vouchers, at the latest at commit). */
type VoucherToInsert = Omit<StoredVoucherHead, 'number'> & { number: number | null };

export async function insertVoucher(
  tx: Executor,
  tenantId: string,
  v: VoucherToInsert,
  createdBy: string,
): Promise<void> {
  await tx.insert(vouchers).values({
    tenantId,
    id: v.id,
    period: v.period,
    number: v.number,
    voucherDate: v.voucherDate,
    sourceType: v.sourceType,
    sourceId: v.sourceId,
    description: v.description,
    currency: v.currency,
    total: v.total,
    mappingKey: v.mappingKey,
    mappingVersion: v.mappingVersion,
    createdBy,
  });
  // a provisioning voucher carries a line pair per customer: tens of thousands of lines
  const lines = v.lines.map((l, i) => ({ tenantId, voucherId: v.id, lineNo: i + 1, ...l }));
  if (lines.length > 8) await insertRows(tx, voucherLines, lines);
  else await tx.insert(voucherLines).values(lines);
}

/** Many vouchers and all their lines, in chunks of multi-row inserts. */
export async function insertVouchers(
  tx: Executor,
  tenantId: string,
  vs: VoucherToInsert[],
  createdBy: string,
): Promise<void> {
  const heads = vs.map((v) => ({
    tenantId,
    id: v.id,
    period: v.period,
    number: v.number,
    voucherDate: v.voucherDate,
    sourceType: v.sourceType,
    sourceId: v.sourceId,
    description: v.description,
    currency: v.currency,
    total: v.total,
    mappingKey: v.mappingKey,
    mappingVersion: v.mappingVersion,
    createdBy,
  }));
  const lines = vs.flatMap((v) => v.lines.map((l, i) => ({ tenantId, voucherId: v.id, lineNo: i + 1, ...l })));
  await insertRows(tx, vouchers, heads);
  await insertRows(tx, voucherLines, lines);
}

type VoucherRow = typeof vouchers.$inferSelect;
type LineRow = typeof voucherLines.$inferSelect;

const toLine = (l: LineRow): VoucherLineDraft => ({
  accountCode: l.accountCode,
  accountName: l.accountName,
  debit: l.debit,
  credit: l.credit,
  currency: l.currency,
  amountCurrency: l.amountCurrency,
  customerId: l.customerId,
  documentId: l.documentId,
  memo: l.memo,
});

const toVoucher = (
  v: VoucherRow,
  lines: LineRow[],
): StoredVoucherHead & { createdAt: string; createdBy: string | null } => ({
  id: v.id,
  period: v.period,
  number: numberOf(v),
  voucherDate: v.voucherDate,
  sourceType: v.sourceType as StoredVoucherHead['sourceType'],
  sourceId: v.sourceId,
  description: v.description,
  currency: v.currency,
  total: v.total,
  mappingKey: v.mappingKey,
  mappingVersion: v.mappingVersion,
  lines: lines.sort((a, b) => a.lineNo - b.lineNo).map(toLine),
  createdAt: v.createdAt,
  createdBy: v.createdBy,
});

export type StoredVoucher = ReturnType<typeof toVoucher>;

/** Only the transaction that inserted a voucher sees it without a number, and no bulk run reads its own back. */
function numberOf(v: VoucherRow): number {
  if (v.number === null) throw new Error(`voucher ${v.id} was read before its transaction numbered it`);
  return v.number;
}

async function withLines(db: Executor, tenantId: string, rows: VoucherRow[]): Promise<StoredVoucher[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .select()
    .from(voucherLines)
    .where(
      and(
        eq(voucherLines.tenantId, tenantId),
        inArray(
          voucherLines.voucherId,
          rows.map((r) => r.id),
        ),
      ),
    );
  const by = new Map<string, LineRow[]>();
  for (const l of lines) {
    const of = by.get(l.voucherId);
    if (of) of.push(l);
    else by.set(l.voucherId, [l]);
  }
  return rows.map((r) => toVoucher(r, by.get(r.id) ?? []));
}

/**
 * A voucher lies in a data scope when it has customer lines and every one of them is of a customer in the
 * scope (a voucher of two customers, such as a debt transfer, needs both; one without customers is outside).
 */
function voucherInScope(tenantId: string, scope: RowScope | undefined): SQL | undefined {
  const inside = inCustomerScope(voucherLines.customerId, tenantId, scope);
  if (!inside) return undefined;
  const lines = sql`${voucherLines.tenantId} = ${vouchers.tenantId} AND ${voucherLines.voucherId} = ${vouchers.id}`;
  return sql`(EXISTS (SELECT 1 FROM ${voucherLines} WHERE ${lines} AND ${inside})
    AND NOT EXISTS (SELECT 1 FROM ${voucherLines} WHERE ${lines} AND ${voucherLines.customerId} IS NOT NULL AND NOT (${inside})))`;
}

export async function getVoucher(
  db: Executor,
  tenantId: string,
  id: string,
  scope?: RowScope,
): Promise<StoredVoucher | undefined> {
  const rows = await db
    .select()
    .from(vouchers)
    .where(and(eq(vouchers.tenantId, tenantId), eq(vouchers.id, id), voucherInScope(tenantId, scope)));
  return (await withLines(db, tenantId, rows))[0];
}

export interface VoucherFilter {
  period?: string;
  sourceId?: string;
  /** Keyset paging: vouchers after this (period, number). */
  after?: { period: string; number: number };
  limit: number;
  scope?: RowScope;
}

export async function listVouchers(db: Executor, tenantId: string, f: VoucherFilter): Promise<StoredVoucher[]> {
  const conds = [eq(vouchers.tenantId, tenantId)];
  if (f.period) conds.push(eq(vouchers.period, f.period));
  if (f.sourceId) conds.push(eq(vouchers.sourceId, f.sourceId));
  if (f.after) conds.push(sql`(${vouchers.period}, ${vouchers.number}) > (${f.after.period}, ${f.after.number})`);
  const scope = voucherInScope(tenantId, f.scope);
  if (scope) conds.push(scope);
  const rows = await db
    .select()
    .from(vouchers)
    .where(and(...conds))
    .orderBy(asc(vouchers.period), asc(vouchers.number))
    .limit(f.limit);
  return withLines(db, tenantId, rows);
}

/** Every voucher number of a tenant per period, for the gaplessness check. */
export async function voucherNumbers(
  db: Executor,
  tenantId: string,
): Promise<{ period: string; number: number | null }[]> {
  return db
    .select({ period: vouchers.period, number: vouchers.number })
    .from(vouchers)
    .where(eq(vouchers.tenantId, tenantId))
    .orderBy(asc(vouchers.period), asc(vouchers.number));
}

export async function countVouchers(db: Executor, tenantId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<string>`count(*)` })
    .from(vouchers)
    .where(and(eq(vouchers.tenantId, tenantId), gt(vouchers.number, 0)));
  return Number(r!.n);
}
