import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { requests } from '../schema/requests.ts';

/** Requests whose subject snapshot names a document (a write-off, a debt transfer), newest first. */
export async function requestsNaming(db: Executor, tenantId: string, customerId: string, documentId: string) {
  return db
    .select({
      id: requests.id,
      number: requests.number,
      action: requests.action,
      formKey: requests.formKey,
      requestedByName: requests.requestedByName,
      createdAt: requests.createdAt,
    })
    .from(requests)
    .where(
      and(
        eq(requests.tenantId, tenantId),
        eq(requests.customerId, customerId),
        sql`${requests.subject} -> 'subject' -> 'receivables' @> jsonb_build_array(jsonb_build_object('id', ${documentId}::text))`,
      ),
    )
    .orderBy(desc(requests.createdAt))
    .limit(100);
}
