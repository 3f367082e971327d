import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { definitions } from '../schema/index.ts';

/** The newest published `account-mapping` definition of a tenant (highest version), if any. */
export async function latestPublishedAccountMapping(
  db: Executor,
  tenantId: string,
): Promise<{ key: string; version: number; document: unknown } | undefined> {
  const [r] = await db
    .select({ key: definitions.key, version: definitions.version, document: definitions.document })
    .from(definitions)
    .where(
      and(
        eq(definitions.tenantId, tenantId),
        eq(definitions.kind, 'account-mapping'),
        eq(definitions.status, 'published'),
      ),
    )
    .orderBy(desc(definitions.version), desc(definitions.publishedAt))
    .limit(1);
  return r;
}
