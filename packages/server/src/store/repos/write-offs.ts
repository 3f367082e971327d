import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';
import { definitions, tenants, voucherLines } from '../schema/index.ts';

/** The allowance carried for a customer: the credit balance of the allowance account on its voucher lines. */
export async function allowanceCarried(
  db: Executor,
  tenantId: string,
  accountCode: string,
  customerId: string,
): Promise<string> {
  const [r] = await db
    .select({ balance: sql<string>`coalesce(sum(${voucherLines.credit} - ${voucherLines.debit}), 0)` })
    .from(voucherLines)
    .where(
      and(
        eq(voucherLines.tenantId, tenantId),
        eq(voucherLines.accountCode, accountCode),
        eq(voucherLines.customerId, customerId),
      ),
    );
  return String(r?.balance ?? '0');
}

/** The general allowance (no customer: what a percentage of credit sales built) on the allowance account. */
export async function generalAllowanceCarried(db: Executor, tenantId: string, accountCode: string): Promise<string> {
  const [r] = await db
    .select({ balance: sql<string>`coalesce(sum(${voucherLines.credit} - ${voucherLines.debit}), 0)` })
    .from(voucherLines)
    .where(
      and(
        eq(voucherLines.tenantId, tenantId),
        eq(voucherLines.accountCode, accountCode),
        isNull(voucherLines.customerId),
      ),
    );
  return String(r?.balance ?? '0');
}

/** Serialises write-offs of one customer (they read and use the same allowance) until the transaction ends. */
export async function lockCustomerWriteOffs(tx: Executor, tenantId: string, customerId: string): Promise<void> {
  await rows(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`write-off|${tenantId}`}), hashtext(${customerId}))`);
}

/** The newest published definition of a kind, whatever its key (e.g. the provision plan in force). */
export async function newestPublishedOfKind(db: Executor, tenantId: string, kind: string) {
  const [r] = await db
    .select({ key: definitions.key, version: definitions.version, document: definitions.document })
    .from(definitions)
    .where(and(eq(definitions.tenantId, tenantId), eq(definitions.kind, kind), eq(definitions.status, 'published')))
    .orderBy(desc(definitions.publishedAt), desc(definitions.version))
    .limit(1);
  return r;
}

export async function tenantSettings(db: Executor, tenantId: string): Promise<Record<string, unknown>> {
  const [r] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.tenantId, tenantId));
  return (r?.settings ?? {}) as Record<string, unknown>;
}
