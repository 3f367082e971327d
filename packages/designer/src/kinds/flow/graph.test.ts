import { describe, expect, it } from 'vitest';
import { flowGraph, type FlowDoc } from './graph.ts';

const doc: FlowDoc = {
  subject: { form: 'write-off-request' },
  start: 'route',
  steps: {
    route: {
      type: 'switch',
      cases: [{ when: { '>': [{ var: 'form.amount' }, 100000] }, to: 'review' }],
      default: 'sales',
    },
    sales: {
      type: 'approve',
      title: { en: 'Sales', zh: '销售' },
      assignees: [{ role: 'sales-rep' }],
      next: '$approved',
    },
    review: {
      type: 'parallel',
      branches: { finance: { start: 'fin' }, legal: { start: 'law', when: { '==': [1, 1] } } },
      next: 'cfo',
    },
    fin: { type: 'approve', assignees: [{ role: 'finance-manager' }], decision: { mode: 'any' }, next: '$join' },
    law: { type: 'approve', assignees: [{ user: 'legal@x.test' }], next: '$join' },
    cfo: {
      type: 'approve',
      assignees: [{ role: 'cfo' }],
      due: { after: 'P2D' },
      returnTo: ['sales'],
      next: '$approved',
    },
  },
};

describe('flow diagram graph', () => {
  it('draws every step, the join of a parallel, the terminals, guards and returns', () => {
    const g = flowGraph(doc, 'zh');
    expect(g.nodes.map((n) => `${n.kind}:${n.id}`).sort()).toEqual(
      [
        'start:$start',
        'switch:route',
        'approve:sales',
        'parallel:review',
        'join:$join:review',
        'approve:fin',
        'approve:law',
        'approve:cfo',
        'approved:$approved',
      ].sort(),
    );
    const e = (s: string, t: string) => g.edges.find((x) => x.source === s && x.target === t);
    expect(e('$start', 'route')?.kind).toBe('next');
    expect(e('route', 'review')).toMatchObject({ kind: 'case', guard: true });
    expect(e('route', 'sales')).toMatchObject({ kind: 'default', label: '否则' });
    expect(e('review', 'law')).toMatchObject({ kind: 'branch', label: 'legal', guard: true });
    expect(e('fin', '$join:review')?.kind).toBe('next');
    expect(e('$join:review', 'cfo')?.kind).toBe('join');
    expect(e('cfo', 'sales')?.kind).toBe('return');
    expect(g.nodes.find((n) => n.id === 'sales')?.label).toBe('销售');
    expect(g.nodes.find((n) => n.id === 'cfo')?.detail).toEqual(['role:cfo', 'due P2D']);
  });

  it('keeps an edge to a missing step visible on a marked placeholder', () => {
    const g = flowGraph({ ...doc, start: 'nowhere', steps: {} });
    expect(g.nodes.find((n) => n.id === 'nowhere')?.detail).toEqual(['no such step']);
  });
});

describe('flow diagram layout', () => {
  it('lays the flow out top-down: every step below the one that leads to it', async () => {
    const { layoutFlow } = await import('./layout.ts');
    const g = flowGraph(doc);
    const pos = layoutFlow(g.nodes, g.edges);
    expect(pos.size).toBe(g.nodes.length);
    for (const e of g.edges.filter((x) => x.kind !== 'return'))
      expect(pos.get(e.target)!.y, `${e.source} → ${e.target}`).toBeGreaterThan(pos.get(e.source)!.y);
  });
});
