/** The shell's navigation, decided by the permissions from /auth/me alone (pure, tested). */
export interface NavItem {
  key: string;
  to: string;
  label: string;
  group: 'home' | 'designer' | 'work' | 'admin';
}

export const designerKinds = ['object-type', 'rule', 'connector-config'] as const;

/** Designer = authoring definitions: only roles that may write them see it (a clerk reads, never designs). */
export const canDesign = (perms: ReadonlySet<string>) => perms.has('definition.write');

const jobStarters = ['settlement.post', 'import.run', 'provision.run', 'tenant.admin'];

export function navItems(
  perms: ReadonlySet<string>,
  extraKinds: readonly string[] = [],
  o: { dataScoped?: boolean } = {},
): NavItem[] {
  const items: NavItem[] = [{ key: 'home', to: '/', label: 'nav.home', group: 'home' }];
  if (canDesign(perms)) {
    for (const kind of [
      ...designerKinds,
      ...extraKinds.filter((k) => !(designerKinds as readonly string[]).includes(k)),
    ])
      items.push({ key: `kind:${kind}`, to: `/designer/${kind}`, label: `kinds.${kind}`, group: 'designer' });
  }
  if (perms.has('receivable.read'))
    items.push({ key: 'receivables', to: '/receivables', label: 'nav.receivables', group: 'work' });
  // the matching queue spans every customer: not for an actor a data scope limits
  if (perms.has('settlement.read') && !o.dataScoped)
    items.push({ key: 'matching', to: '/matching', label: 'nav.matching', group: 'work' });
  if (perms.has('writeoff.request'))
    items.push({ key: 'requests', to: '/requests', label: 'nav.requests', group: 'work' });
  items.push({ key: 'inbox', to: '/inbox', label: 'nav.inbox', group: 'work' });
  if (perms.has('import.run') || perms.has('import.read'))
    items.push({ key: 'imports', to: '/imports', label: 'nav.imports', group: 'work' });
  // jobs are what someone who may start long work (runs, imports) follows
  if (jobStarters.some((p) => perms.has(p))) items.push({ key: 'jobs', to: '/jobs', label: 'nav.jobs', group: 'work' });
  if (perms.has('user.read') && perms.has('tenant.admin'))
    items.push({ key: 'roles', to: '/admin/roles', label: 'nav.roles', group: 'admin' });
  return items;
}
