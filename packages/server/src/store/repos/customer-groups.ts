import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';

/** A customer and every subsidiary below it (the customers a parent may pay for). */
export async function customerGroup(db: Executor, tenantId: string, customerId: string): Promise<string[]> {
  const r = await rows<{ id: string }>(
    db,
    sql`WITH RECURSIVE g(id, depth) AS (
          SELECT id, 0 FROM customers WHERE tenant_id = ${tenantId} AND id = ${customerId}
          UNION
          SELECT c.id, g.depth + 1 FROM customers c JOIN g ON c.parent_id = g.id
          WHERE c.tenant_id = ${tenantId} AND g.depth < 20)
        SELECT DISTINCT id FROM g`,
  );
  return r.map((x) => x.id);
}
