import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { bankAccountChanges, customerBankAccounts } from '../schema/index.ts';
import { inCustomerScope, type RowScope } from './customers.ts';

export type BankAccountChangeRow = typeof bankAccountChanges.$inferSelect;

export async function insertChange(
  tx: Executor,
  row: typeof bankAccountChanges.$inferInsert,
): Promise<BankAccountChangeRow> {
  const [r] = await tx.insert(bankAccountChanges).values(row).returning();
  return r!;
}

export async function findChange(
  tx: Executor,
  tenantId: string,
  id: string,
  forUpdate = false,
): Promise<BankAccountChangeRow | undefined> {
  const q = tx
    .select()
    .from(bankAccountChanges)
    .where(and(eq(bankAccountChanges.tenantId, tenantId), eq(bankAccountChanges.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r;
}

export async function listChanges(
  db: Executor,
  tenantId: string,
  status?: string,
  scope?: RowScope,
): Promise<BankAccountChangeRow[]> {
  return db
    .select()
    .from(bankAccountChanges)
    .where(
      and(
        eq(bankAccountChanges.tenantId, tenantId),
        status ? eq(bankAccountChanges.status, status) : undefined,
        inCustomerScope(bankAccountChanges.customerId, tenantId, scope),
      ),
    )
    .orderBy(desc(bankAccountChanges.requestedAt))
    .limit(500);
}

export async function decideChange(
  tx: Executor,
  tenantId: string,
  id: string,
  status: 'confirmed' | 'rejected',
  by: string,
): Promise<BankAccountChangeRow> {
  const [r] = await tx
    .update(bankAccountChanges)
    .set({ status, decidedBy: by, decidedAt: sql`now()` })
    .where(
      and(
        eq(bankAccountChanges.tenantId, tenantId),
        eq(bankAccountChanges.id, id),
        eq(bankAccountChanges.status, 'pending'),
      ),
    )
    .returning();
  return r!;
}

export async function setBankAccountStatus(
  tx: Executor,
  tenantId: string,
  id: string,
  status: 'active' | 'removed',
): Promise<void> {
  await tx
    .update(customerBankAccounts)
    .set({ status })
    .where(and(eq(customerBankAccounts.tenantId, tenantId), eq(customerBankAccounts.id, id)));
}

/** Pending changes of these customers (any number of customers, one query per 5,000). */
export async function pendingChangesOf(
  db: Executor,
  tenantId: string,
  customerIds: string[],
): Promise<BankAccountChangeRow[]> {
  const out: BankAccountChangeRow[] = [];
  for (let i = 0; i < customerIds.length; i += 5000)
    out.push(
      ...(await db
        .select()
        .from(bankAccountChanges)
        .where(
          and(
            eq(bankAccountChanges.tenantId, tenantId),
            eq(bankAccountChanges.status, 'pending'),
            inArray(bankAccountChanges.customerId, customerIds.slice(i, i + 5000)),
          ),
        )),
    );
  return out;
}
