import { eq } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { tenants } from '../schema/index.ts';
import type { TenantCtx, RoundingModeName } from '../../model/tenant.ts';

export type TenantRow = typeof tenants.$inferSelect;

export const tenantCtxOf = (r: TenantRow): TenantCtx => ({
  id: r.tenantId,
  slug: r.slug,
  name: r.name,
  baseCurrency: r.baseCurrency,
  timeZone: r.timeZone,
  roundingMode: r.roundingMode as RoundingModeName,
});

export async function findTenantBySlug(db: Executor, slug: string): Promise<TenantCtx | undefined> {
  const [r] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return r ? tenantCtxOf(r) : undefined;
}

/** Every tenant, by slug (operations over the whole database: a restore's checks). */
export async function listTenants(db: Executor): Promise<TenantCtx[]> {
  return (await db.select().from(tenants).orderBy(tenants.slug)).map(tenantCtxOf);
}

export async function findTenantById(db: Executor, id: string): Promise<TenantCtx | undefined> {
  const [r] = await db.select().from(tenants).where(eq(tenants.tenantId, id)).limit(1);
  return r ? tenantCtxOf(r) : undefined;
}

export async function insertTenant(
  db: Executor,
  t: {
    id: string;
    slug: string;
    name: string;
    baseCurrency?: string;
    timeZone?: string;
    roundingMode?: RoundingModeName;
  },
): Promise<TenantCtx> {
  const [r] = await db
    .insert(tenants)
    .values({
      tenantId: t.id,
      slug: t.slug,
      name: t.name,
      baseCurrency: t.baseCurrency ?? 'CNY',
      timeZone: t.timeZone ?? 'Asia/Shanghai',
      roundingMode: t.roundingMode ?? 'half_up',
      settings: {},
    })
    .returning();
  return tenantCtxOf(r!);
}

/** The tenant's settings document (policies read by the domain). */
export async function readTenantSettings(db: Executor, tenantId: string): Promise<Record<string, unknown>> {
  const [r] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.tenantId, tenantId));
  return (r?.settings ?? {}) as Record<string, unknown>;
}
