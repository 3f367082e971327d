import { findTenantBySlug, insertTenant, listTenants } from '../../store/repos/tenants.ts';
import { recordAudit } from '../audit/index.ts';
import { systemActor, type RoundingModeName, type TenantCtx } from '../context.ts';
import type { DomainDeps, Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { newId } from './secrets.ts';
import { seedRoles } from './roles.ts';
import { seedDefaultRuleSet } from '../matching/index.ts';
import { withTenant } from '../../store/tenant-scope.ts';

export interface TenantInput {
  slug: string;
  name: string;
  baseCurrency?: string;
  timeZone?: string;
  roundingMode?: RoundingModeName;
}

/** Creates a tenant and opens its audit chain with the creation itself. */
export async function createTenant(deps: DomainDeps, input: TenantInput, by = systemActor()): Promise<TenantCtx> {
  if (await findTenantBySlug(deps.db, input.slug))
    throw new HexiaoError('conflict', `tenant ${input.slug} already exists`, { pointer: '/slug' });
  const id = newId();
  return withTenant(deps.db, id, async (tx) => {
    const tenant = await insertTenant(tx, { id, ...input });
    await seedRoles(tx, tenant.id);
    await recordAudit(tx, { tenant, actor: by }, deps.auditKey, {
      action: 'tenant.create',
      entityType: 'tenant',
      entityId: tenant.id,
      after: tenant,
    });
    await seedDefaultRuleSet(tx, { tenant, actor: by }, deps.auditKey);
    return tenant;
  });
}

/** The tenant with this slug, if any (no tenant is bound yet: logins and the CLI start here). */
export function findTenant(db: Executor, slug: string): Promise<TenantCtx | undefined> {
  return findTenantBySlug(db, slug);
}

/** Every tenant of the database (operations: a restore checks each). */
export function listAllTenants(db: Executor): Promise<TenantCtx[]> {
  return listTenants(db);
}
