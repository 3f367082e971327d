import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { companyBankAccounts } from '../schema/index.ts';

export type CompanyBankAccountRow = typeof companyBankAccounts.$inferSelect;

export async function insertCompanyBankAccount(
  tx: Executor,
  row: typeof companyBankAccounts.$inferInsert,
): Promise<CompanyBankAccountRow> {
  const [r] = await tx.insert(companyBankAccounts).values(row).returning();
  return r!;
}

export async function getCompanyBankAccount(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<CompanyBankAccountRow | undefined> {
  const [r] = await db
    .select()
    .from(companyBankAccounts)
    .where(and(eq(companyBankAccounts.tenantId, tenantId), eq(companyBankAccounts.id, id)));
  return r;
}

export async function findCompanyBankAccountByCode(
  db: Executor,
  tenantId: string,
  code: string,
): Promise<CompanyBankAccountRow | undefined> {
  const [r] = await db
    .select()
    .from(companyBankAccounts)
    .where(and(eq(companyBankAccounts.tenantId, tenantId), eq(companyBankAccounts.code, code)));
  return r;
}

export async function listCompanyBankAccounts(db: Executor, tenantId: string): Promise<CompanyBankAccountRow[]> {
  return db
    .select()
    .from(companyBankAccounts)
    .where(eq(companyBankAccounts.tenantId, tenantId))
    .orderBy(asc(companyBankAccounts.code));
}
