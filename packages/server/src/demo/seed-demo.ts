import { seedDemoStatementInvoices } from './seed-statement.ts';
import {
  demoAgingDefinitions,
  demoConnectorDefinitions,
  demoCustomerObjectType,
  demoCustomers,
  demoReceivableObjectType,
  demoPassword,
  demoTenant,
  demoUsers,
} from '../../../../examples/demo-tenant/index.ts';
import { createTenant, createUser, findTenant } from '../domain/identity/index.ts';
import { publishDraft, saveDraft } from '../domain/definitions/index.ts';
import { todayIn } from '../domain/ledger/index.ts';
import { setPeriodStatus } from '../domain/periods/index.ts';
import { runProvisioning } from '../domain/provisions/index.ts';

/** The last day of the month before `today`'s. */
const lastMonthEnd = (today: string) =>
  new Date(Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, 0)).toISOString().slice(0, 10);
import { createCustomers } from '../domain/customers/index.ts';
import { systemActor, type ActionCtx } from '../domain/context.ts';
import { seedDemoLedger } from './seed-ledger.ts';
import { seedDemoApprovals, seedDemoRoles } from './seed-approvals.ts';
import { seedDemoBadDebts, seedDemoRecoveries } from './seed-recoveries.ts';
import { seedDemoCollections } from './seed-collections.ts';
import { withTenant } from '../domain/unit-of-work/index.ts';
import type { DefinitionsDeps } from '../domain/definitions/index.ts';

export interface SeedReport {
  tenant: string;
  created: boolean;
  users: number;
  customers: number;
  documents: number;
  settlements: number;
}

/** Loads the demo tenant once: tenant, users, the customer object type and 300 customers. */
export async function seedDemo(deps: DefinitionsDeps): Promise<SeedReport> {
  const existing = await findTenant(deps.db, demoTenant.slug);
  if (existing)
    return { tenant: demoTenant.slug, created: false, users: 0, customers: 0, documents: 0, settlements: 0 };
  const actor = systemActor('seed');
  const tenant = await createTenant(deps, demoTenant, actor);
  const ctx: ActionCtx = { tenant, actor };
  // one tenant-bound transaction: row-level security scopes it, and a failed seed leaves no half tenant data
  return withTenant(deps.db, tenant.id, (db) => seedTenantData({ ...deps, db }, ctx));
}

/** The demo tenant's data, into a tenant that exists (the caller's transaction): also what tests seed. */
export async function seedTenantData(deps: DefinitionsDeps, ctx: ActionCtx): Promise<SeedReport> {
  const { tenant } = ctx;
  await seedDemoRoles(deps, ctx);
  for (const u of demoUsers) await createUser(deps, ctx, { ...u, password: demoPassword });
  const objectTypes = [
    { kind: 'object-type', key: 'customer', document: demoCustomerObjectType, title: 'Manufacturing customer' },
    { kind: 'object-type', key: 'receivable', document: demoReceivableObjectType, title: 'Commercial invoice' },
  ];
  for (const d of [...objectTypes, ...demoAgingDefinitions(), ...demoConnectorDefinitions()]) {
    await saveDraft(deps, ctx, d);
    await publishDraft(deps, ctx, d.kind, d.key);
  }
  const customers = demoCustomers();
  // groups first, so members can name their parent
  const groups = customers.filter((c) => !c.parentCode);
  const members = customers.filter((c) => c.parentCode);
  const created = [...(await createCustomers(deps, ctx, groups)), ...(await createCustomers(deps, ctx, members))];
  // the books: CNY customers first, so the demo shows local invoices, receipts and settlements
  const local = created.filter((c) => c.currency === 'CNY').concat(created.filter((c) => c.currency !== 'CNY'));
  const ledger = await seedDemoLedger(deps, ctx, local, { count: 40, commercialDates: true });
  const approvals = await seedDemoApprovals(deps, ctx, created);
  const statementInvoices = await seedDemoStatementInvoices(deps, ctx, created);
  const badDebts = await seedDemoBadDebts(deps, ctx, created);
  const collections = await seedDemoCollections(deps, ctx, created);
  // last month's allowance for doubtful receivables, posted, and the month closed
  const monthEnd = lastMonthEnd(todayIn(tenant.timeZone));
  await runProvisioning(deps, ctx, { asOf: monthEnd });
  await setPeriodStatus(deps, ctx, monthEnd.slice(0, 7), 'closed');
  // this month: the two bad debts written off, one partly recovered, the other's payer paying again
  const recoveries = await seedDemoRecoveries(deps, ctx, badDebts);
  return {
    tenant: tenant.slug,
    created: true,
    users: demoUsers.length,
    customers: customers.length,
    documents:
      ledger.documents +
      approvals.documents +
      statementInvoices +
      badDebts.items.length +
      collections.documents +
      recoveries.documents,
    settlements: ledger.settlements + approvals.settlements,
  };
}

export { demoPassword, demoUsers, demoTenant };
