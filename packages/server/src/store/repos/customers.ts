import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { customerBankAccounts, customers } from '../schema/index.ts';
import { scopeToSql, type ScopeColumns } from '../scope-sql.ts';
import type { RowScope } from '../../model/scope.ts';

/** What an actor's data scope may filter customers on. */
export const customerScopeColumns: ScopeColumns = {
  'customer.id': customers.id,
  'customer.code': customers.code,
  'customer.region': customers.region,
  'customer.salesOwner': customers.salesOwner,
  'customer.parentId': customers.parentId,
  'customer.status': customers.status,
  'customer.currency': customers.currency,
  'customer.taxId': customers.taxId,
  'customer.paymentTermsDays': customers.paymentTermsDays,
  'customer.creditLimit': customers.creditLimit,
};

export type { RowScope };

const scoped = (scope: RowScope | undefined) => (scope ? scopeToSql(scope, customerScopeColumns) : undefined);

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerInsert = typeof customers.$inferInsert;
export type BankAccountRow = typeof customerBankAccounts.$inferSelect;

export async function insertCustomers(tx: Executor, rows: CustomerInsert[]): Promise<CustomerRow[]> {
  const out: CustomerRow[] = [];
  for (let i = 0; i < rows.length; i += 500)
    out.push(
      ...(await tx
        .insert(customers)
        .values(rows.slice(i, i + 500))
        .returning()),
    );
  return out;
}

export async function findCustomer(
  db: Executor,
  tenantId: string,
  id: string,
  forUpdate = false,
  scope?: RowScope,
): Promise<CustomerRow | undefined> {
  const q = db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id), scoped(scope)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r;
}

export async function findCustomerByCode(
  db: Executor,
  tenantId: string,
  code: string,
): Promise<CustomerRow | undefined> {
  const [r] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.code, code)));
  return r;
}

export interface CustomerFilter {
  q?: string;
  region?: string;
  salesOwner?: string;
  taxId?: string;
  status?: string;
  /** Keyset pagination: codes after this one. */
  after?: string;
  limit: number;
}

export async function listCustomers(
  db: Executor,
  tenantId: string,
  f: CustomerFilter,
  scope?: RowScope,
): Promise<CustomerRow[]> {
  const conds: (SQL | undefined)[] = [eq(customers.tenantId, tenantId), scoped(scope)];
  if (f.q)
    conds.push(or(ilike(customers.name, `%${f.q}%`), ilike(customers.code, `%${f.q}%`), eq(customers.taxId, f.q)));
  if (f.region) conds.push(eq(customers.region, f.region));
  if (f.salesOwner) conds.push(eq(customers.salesOwner, f.salesOwner));
  if (f.taxId) conds.push(eq(customers.taxId, f.taxId));
  if (f.status) conds.push(eq(customers.status, f.status));
  if (f.after) conds.push(gt(customers.code, f.after));
  return db
    .select()
    .from(customers)
    .where(and(...conds))
    .orderBy(asc(customers.code))
    .limit(f.limit);
}

export async function updateCustomer(
  tx: Executor,
  tenantId: string,
  id: string,
  set: Partial<CustomerInsert>,
): Promise<CustomerRow> {
  const [r] = await tx
    .update(customers)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)))
    .returning();
  return r!;
}

export async function countCustomers(db: Executor, tenantId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<string>`count(*)` })
    .from(customers)
    .where(eq(customers.tenantId, tenantId));
  return Number(r!.n);
}

export async function insertBankAccounts(
  tx: Executor,
  rows: (typeof customerBankAccounts.$inferInsert)[],
): Promise<BankAccountRow[]> {
  if (!rows.length) return [];
  const out: BankAccountRow[] = [];
  for (let i = 0; i < rows.length; i += 500)
    out.push(
      ...(await tx
        .insert(customerBankAccounts)
        .values(rows.slice(i, i + 500))
        .returning()),
    );
  return out;
}

export async function listBankAccounts(
  db: Executor,
  tenantId: string,
  customerIds: string[],
): Promise<BankAccountRow[]> {
  if (!customerIds.length) return [];
  return db
    .select()
    .from(customerBankAccounts)
    .where(and(eq(customerBankAccounts.tenantId, tenantId), inArray(customerBankAccounts.customerId, customerIds)))
    .orderBy(customerBankAccounts.createdAt, customerBankAccounts.id); // ids are time-ordered: one transaction's rows keep their order
}

/** `customer_id IN (…)` for rows whose customer lies in the actor's data scope (rows without a customer are outside any scope). */
export function inCustomerScope(column: SQLWrapper, tenantId: string, scope: RowScope | undefined): SQL | undefined {
  const where = scoped(scope);
  if (!where) return undefined;
  return sql`${column} IN (SELECT ${customers.id} FROM ${customers} WHERE ${customers.tenantId} = ${tenantId} AND ${where})`;
}

/** Customers with any of these codes (one query per 5,000 codes). */
export async function findCustomersByCodes(db: Executor, tenantId: string, codes: string[]): Promise<CustomerRow[]> {
  const out: CustomerRow[] = [];
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 5000)
    out.push(
      ...(await db
        .select()
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), inArray(customers.code, unique.slice(i, i + 5000))))),
    );
  return out;
}

/** Customers with any of these ids (one query per 5,000 ids). */
export async function listCustomerRows(db: Executor, tenantId: string, ids: string[]): Promise<CustomerRow[]> {
  const out: CustomerRow[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 5000)
    out.push(
      ...(await db
        .select()
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, unique.slice(i, i + 5000))))),
    );
  return out;
}
