import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';
import { badDebtFlow, people, writeOff } from './test-fixtures.ts';

const run = (amount: string, o?: Parameters<typeof writeOff>[1]) =>
  simulate(badDebtFlow, { data: writeOff(amount, o), directory: people, requester: 'clerk' });

describe('simulation of the §2.4 bad-debt write-off', () => {
  it('80,000 not disputed: sales → finance → $approved', () => {
    const s = run('80000.00');
    expect(s.summary).toBe('sales → finance → $approved');
    expect(s.outcome).toBe('approved');
    expect(s.path).toEqual(['sales', { parallel: 'review', branches: { finance: ['finance'], legal: 'skipped' } }]);
    expect(s.route).toEqual(['sales', 'review', 'finance', 'tier', '$approved']);
    expect(s.steps.map((x) => [x.step, x.assignees.map((a) => a.id)])).toEqual([
      ['sales', ['sm-east']],
      ['finance', ['fm']],
    ]);
  });

  it('150,000: sales → finance → cfo', () => {
    expect(run('150000').summary).toBe('sales → finance → cfo → $approved');
  });

  it('600,000: sales → {finance ∥ legal} → cfo, legal countersigned by counsel and head', () => {
    const s = run('600000');
    expect(s.summary).toBe('sales → {finance ∥ legal} → cfo → $approved');
    expect(s.steps.find((x) => x.step === 'legal')!.assignees.map((a) => a.id)).toEqual(['lc', 'lh']);
    const legalGuard = s.guards.find((g) => g.pointer === '/steps/review/branches/legal/when')!;
    expect(legalGuard.result).toBe(true);
    expect(legalGuard.trace?.op).toBe('or');
  });

  it('1,200,000 disputed: sales → {finance ∥ legal} → executive (CFO then GM)', () => {
    const s = run('1200000', { disputed: true });
    expect(s.summary).toBe('sales → {finance ∥ legal} → executive → $approved');
    const exec = s.steps.find((x) => x.step === 'executive')!;
    expect(exec.order).toBe('sequential');
    expect(exec.assignees.map((a) => a.id)).toEqual(['cfo', 'gm']);
  });

  it('a disputed small write-off still goes to legal; the named sales manager wins over the role', () => {
    const s = run('1000', { disputed: true, manager: 'sm-north@example.test' });
    expect(s.summary).toBe('sales → {finance ∥ legal} → $approved');
    expect(s.steps[0]!.assignees.map((a) => a.id)).toEqual(['sm-north']);
  });

  it('a step nobody can approve fails the simulation with the reason, creating nothing', () => {
    const noCfo = { ...people, users: people.users.filter((u) => u.id !== 'cfo') };
    const s = simulate(badDebtFlow, { data: writeOff('150000'), directory: noCfo, requester: 'clerk' });
    expect(s.outcome).toBe('failed');
    expect(s.problem).toMatch(/step cfo has no approver.*role cfo/);
  });
});
