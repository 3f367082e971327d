import type { TenantCtx } from '../model/tenant.ts';

/** Who acts, for which tenant: put on every request by the API middleware and passed to every use-case. */
export type { TenantCtx, RoundingModeName } from '../model/tenant.ts';

export interface Actor {
  type: 'user' | 'token' | 'system' | 'anonymous';
  /** user id, token id, or a system name such as `cli`. */
  id: string;
  name: string;
  userId?: string;
  roles: string[];
  /** Token scopes (permissions) when acting through an API token; undefined = the user's own. */
  scopes?: string[];
  /** Permissions resolved from the tenant's roles at authentication (built-in roles when absent). */
  permissions?: string[];
  /** Rows the actor may see (JSON-Logic subset, see identity/data-scope.ts); null = all. */
  dataScope?: unknown;
  /** Facts data scopes read as `$user.*`: id, email and the user's attributes. */
  user?: Record<string, unknown>;
}

/** Request facts the audit log records. */
export interface RequestInfo {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

export interface ActionCtx {
  tenant: TenantCtx;
  actor: Actor;
  request?: RequestInfo;
  /**
   * Set inside a bulk run (domain/ledger/bulk.ts), which leaves to its last step what takes a lock the whole tenant
   * shares: chaining its audit entries (the head) and numbering its vouchers (the period's counter).
   */
  bulk?: true;
}

export const systemActor = (name = 'cli'): Actor => ({
  type: 'system',
  id: name,
  name: `system:${name}`,
  roles: ['admin'],
});
