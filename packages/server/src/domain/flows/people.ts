import { listDelegations } from '../../store/repos/flows.ts';
import { listUsers } from '../../store/repos/users.ts';
import type { Executor } from '../deps.ts';
import type { Directory } from './directory.ts';

/**
 * The tenant's people as flows assign them: every user with roles and attributes (orgUnit, …; inactive
 * ones kept for names in history) and the standing delegations not revoked and not over before `today`.
 */
export async function loadDirectory(db: Executor, tenantId: string, today: string): Promise<Directory> {
  const [users, delegations] = await Promise.all([
    listUsers(db, tenantId),
    listDelegations(db, tenantId, { from: today }),
  ]);
  return {
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      roles: u.roles,
      attributes: (u.attributes ?? {}) as Record<string, unknown>,
      active: u.status === 'active',
    })),
    delegations: delegations.map((d) => ({ from: d.fromUser, to: d.toUser, starts: d.starts, ends: d.ends })),
  };
}
