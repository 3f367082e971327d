/** Every action a route or use-case can require. Roles are sets of these. */
export const permissions = [
  'tenant.admin',
  'user.read',
  'user.manage',
  'token.manage',
  'customer.read',
  'customer.write',
  'bank-account.read',
  'bank-account.write',
  'receivable.read',
  'receivable.write',
  'receipt.read',
  'receipt.write',
  'settlement.read',
  'settlement.post',
  'settlement.reverse',
  'voucher.read',
  'voucher.export',
  'fx.read',
  'fx.write',
  'period.read',
  'period.close',
  'definition.read',
  'definition.write',
  'definition.publish',
  'writeoff.request',
  'writeoff.approve',
  'provision.read',
  'provision.run',
  'import.run',
  'import.read',
  'audit.read',
] as const;
export type Permission = (typeof permissions)[number];

const read = permissions.filter((p) => p.endsWith('.read'));

/** Built-in roles: the defaults every tenant starts with; a tenant edits its own roles (roles.ts, `PUT /api/v1/roles/:key`). */
export const builtInRoles: Record<string, readonly Permission[]> = {
  'region-manager': [...read.filter((p) => p !== 'audit.read'), 'customer.write', 'writeoff.request'],
  admin: permissions,
  analyst: [...read, 'definition.write', 'definition.publish'],
  clerk: [
    ...read.filter((p) => p !== 'audit.read'),
    'customer.write',
    'receivable.write',
    'receipt.write',
    'settlement.post',
    'import.run',
    'writeoff.request',
  ],
  'sales-rep': ['customer.read', 'receivable.read', 'receipt.read', 'settlement.read'],
  'finance-manager': [
    ...read,
    'customer.write',
    'bank-account.write',
    'receivable.write',
    'receipt.write',
    'settlement.post',
    'settlement.reverse',
    'fx.write',
    'voucher.export',
    'writeoff.request',
    'writeoff.approve',
    'period.close',
    'provision.run',
    'import.run',
  ],
  cfo: [...read, 'writeoff.approve', 'period.close', 'settlement.reverse', 'voucher.export'],
  auditor: [...read, 'voucher.export'],
};

export const isPermission = (p: string): p is Permission => (permissions as readonly string[]).includes(p);

/** The permissions an actor holds: the union of its roles, narrowed to a token's scopes when it has any. */
export function grantedPermissions(roles: readonly string[], scopes?: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of builtInRoles[role] ?? []) granted.add(p);
  if (scopes && scopes.length) for (const p of [...granted]) if (!scopes.includes(p)) granted.delete(p);
  return granted;
}

/** The permissions an actor holds: resolved at authentication, narrowed to a token's scopes. */
export function actorPermissions(actor: {
  roles: readonly string[];
  scopes?: readonly string[];
  permissions?: readonly string[];
}): Set<Permission> {
  if (!actor.permissions) return grantedPermissions(actor.roles, actor.scopes);
  const granted = new Set(actor.permissions.filter(isPermission));
  if (actor.scopes && actor.scopes.length)
    for (const p of [...granted]) if (!actor.scopes.includes(p)) granted.delete(p);
  return granted;
}
