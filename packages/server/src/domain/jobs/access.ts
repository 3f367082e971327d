import type { Actor } from '../context.ts';
import { actorPermissions } from '../identity/index.ts';

/**
 * Who sees which jobs: administrators and auditors every job of the tenant, everyone else the jobs they
 * submitted (a job's result can name customers outside another person's data scope).
 */
export function jobOwnerFilter(actor: Actor): string | undefined {
  const p = actorPermissions(actor);
  return p.has('tenant.admin') || p.has('audit.read') ? undefined : (actor.userId ?? actor.id);
}
