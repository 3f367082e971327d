import { randomBytes } from 'node:crypto';
import type { Database } from '../../packages/server/src/store/db.ts';
import { insertTenant } from '../../packages/server/src/store/repos/tenants.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import { createDefinitionKinds } from '../../packages/server/src/startup/definition-kinds.ts';
import type { ActionCtx, TenantCtx } from '../../packages/server/src/domain/context.ts';
import { systemActor } from '../../packages/server/src/domain/context.ts';

export const testAuditKey = Buffer.from('test-audit-key-0123456789abcdef');

/** The definition kinds a server starts with, built as start-up builds them. */
export const testKinds = createDefinitionKinds();

/** A fresh tenant with a random slug: tests isolate themselves by tenant on a shared database. */
export async function createTestTenant(database: Database, o: { baseCurrency?: string } = {}): Promise<TenantCtx> {
  const slug = `t-${randomBytes(6).toString('hex')}`;
  return insertTenant(database.db, { id: newId(), slug, name: `Test ${slug}`, baseCurrency: o.baseCurrency ?? 'CNY' });
}

export const systemCtx = (tenant: TenantCtx): ActionCtx => ({ tenant, actor: systemActor('test') });
