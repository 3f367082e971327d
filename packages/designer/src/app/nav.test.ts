import { describe, expect, it } from 'vitest';
import { navItems } from './nav.ts';

const perms = (...p: string[]) => new Set(p);

describe('role-aware navigation', () => {
  it('an analyst sees the designer; a clerk never does, but sees imports', () => {
    const analyst = navItems(perms('definition.read', 'definition.write', 'definition.publish', 'import.read'));
    expect(analyst.filter((i) => i.group === 'designer').map((i) => i.to)).toEqual([
      '/designer/object-type',
      '/designer/rule',
      '/designer/connector-config',
    ]);
    const clerk = navItems(perms('definition.read', 'import.run', 'import.read', 'customer.read'));
    expect(clerk.some((i) => i.group === 'designer')).toBe(false);
    expect(clerk.map((i) => i.to)).toEqual(['/', '/inbox', '/imports', '/jobs']);
  });
  it('the workbench shows receivables and the matching queue to those who may read them; everyone has an inbox', () => {
    const clerk = navItems(perms('receivable.read', 'settlement.read', 'settlement.post'));
    expect(clerk.filter((i) => i.group === 'work').map((i) => i.to)).toEqual([
      '/receivables',
      '/matching',
      '/inbox',
      '/jobs',
    ]);
    const rep = navItems(perms('receivable.read', 'settlement.read'), [], { dataScoped: true });
    expect(rep.filter((i) => i.group === 'work').map((i) => i.to)).toEqual(['/receivables', '/inbox']);
    const approver = navItems(perms('request.approve'));
    expect(approver.filter((i) => i.group === 'work').map((i) => i.to)).toEqual(['/inbox']);
  });
  it('kinds the server adds later appear once, after the built-in editors', () => {
    const items = navItems(perms('definition.write'), ['rule', 'account-mapping']);
    expect(items.filter((i) => i.group === 'designer').map((i) => i.to)).toEqual([
      '/designer/object-type',
      '/designer/rule',
      '/designer/connector-config',
      '/designer/account-mapping',
    ]);
  });
  it('jobs are listed for those who may start long work', () => {
    expect(navItems(perms('receivable.read', 'settlement.read')).some((i) => i.key === 'jobs')).toBe(false);
    for (const p of ['settlement.post', 'import.run', 'provision.run', 'tenant.admin'])
      expect(
        navItems(perms(p)).some((i) => i.key === 'jobs'),
        p,
      ).toBe(true);
  });
  it('roles administration needs tenant.admin', () => {
    expect(navItems(perms('user.read')).some((i) => i.key === 'roles')).toBe(false);
    expect(navItems(perms('user.read', 'tenant.admin')).some((i) => i.key === 'roles')).toBe(true);
  });
});
