import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { findTenantBySlug } from '../../store/repos/tenants.ts';
import { systemActor } from '../context.ts';
import type { Executor } from '../deps.ts';
import type { Authenticated } from './sessions.ts';

/**
 * The hand-off credential of an embedded server: a secret the server writes into its data folder's secrets
 * (mode 0600) while it runs, so a `hexiao` command run by whoever owns that folder (and could open the
 * database directly, were it free) hands its work to the server instead of failing on the folder lock. It
 * acts as the CLI does: a system actor of the tenant it names.
 */
export const handoffPrefix = 'hxl_';

export const newHandoffSecret = () => `${handoffPrefix}${randomBytes(32).toString('base64url')}`;

const digest = (s: string) => createHash('sha256').update(s).digest();

export async function authenticateHandoff(
  db: Executor,
  given: string,
  expected: string | undefined,
  tenantSlug: string,
): Promise<Authenticated | undefined> {
  if (!expected || !timingSafeEqual(digest(given), digest(expected))) return undefined;
  const tenant = await findTenantBySlug(db, tenantSlug);
  return tenant ? { tenant, actor: systemActor('cli') } : undefined;
}
