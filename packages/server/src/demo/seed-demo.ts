import { demoCustomerObjectType, demoCustomers, demoPassword, demoTenant, demoUsers } from '../../../../examples/demo-tenant/index.ts';
import { findTenantBySlug } from '../store/repos/tenants.ts';
import { createTenant, createUser } from '../domain/identity/index.ts';
import { publishDraft, saveDraft } from '../domain/definitions/index.ts';
import { createCustomers } from '../domain/customers/index.ts';
import { systemActor, type ActionCtx } from '../domain/context.ts';
import type { DomainDeps } from '../domain/deps.ts';

export interface SeedReport {
  tenant: string;
  created: boolean;
  users: number;
  customers: number;
}

/** Loads the demo tenant once: tenant, users, the customer object type and 300 customers. */
export async function seedDemo(deps: DomainDeps): Promise<SeedReport> {
  const existing = await findTenantBySlug(deps.db, demoTenant.slug);
  if (existing) return { tenant: demoTenant.slug, created: false, users: 0, customers: 0 };
  const actor = systemActor('seed');
  const tenant = await createTenant(deps, demoTenant, actor);
  const ctx: ActionCtx = { tenant, actor };
  for (const u of demoUsers) await createUser(deps, ctx, { ...u, password: demoPassword });
  await saveDraft(deps, ctx, { kind: 'object-type', key: 'customer', document: demoCustomerObjectType, title: 'Manufacturing customer' });
  await publishDraft(deps, ctx, 'object-type', 'customer');
  const customers = demoCustomers();
  // groups first, so members can name their parent
  const groups = customers.filter((c) => !c.parentCode);
  const members = customers.filter((c) => c.parentCode);
  await createCustomers(deps, ctx, groups);
  await createCustomers(deps, ctx, members);
  return { tenant: tenant.slug, created: true, users: demoUsers.length, customers: customers.length };
}

export { demoPassword, demoUsers, demoTenant };
