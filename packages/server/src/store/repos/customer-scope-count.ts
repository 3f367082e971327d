import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { customers } from '../schema/index.ts';
import { scopeToSql } from '../scope-sql.ts';
import { customerScopeColumns, type RowScope } from './customers.ts';

/** How many of the tenant's customers a data scope lets through (undefined scope = all). */
export async function countCustomersInScope(
  db: Executor,
  tenantId: string,
  scope: RowScope | undefined,
): Promise<number> {
  const where = scope ? scopeToSql(scope, customerScopeColumns) : undefined;
  const [r] = await db
    .select({ n: sql<string>`count(*)` })
    .from(customers)
    .where(where ? and(eq(customers.tenantId, tenantId), where) : eq(customers.tenantId, tenantId));
  return Number(r!.n);
}
