import { describe, expect, it } from 'vitest';
import { check } from '../../schema/ajv.ts';
import { flowMetaSchema, type FlowDocument } from './flow-schema.ts';
import { checkFlow } from './validate-flow.ts';
import { badDebtFlow, people } from './test-fixtures.ts';

const formSchema = {
  type: 'object',
  properties: {
    receivableIds: { type: 'array', items: { type: 'string' } },
    amount: { type: 'string', format: 'decimal' },
    reason: { enum: ['bankruptcy', 'litigation', 'deregistered', 'overdue-3y'] },
  },
};
const dataSchema = {
  type: 'object',
  properties: {
    form: formSchema,
    customer: {
      type: 'object',
      properties: {
        salesManagerId: { type: 'string' },
        orgUnit: { type: 'string' },
        inLegalDispute: { type: 'boolean' },
      },
    },
  },
};
const ctx = {
  dataSchema,
  directory: people,
  attachmentLabels: ['legal-opinion'],
  actions: ['post-bad-debt-write-off'],
};
const edit = (f: (d: FlowDocument) => void): FlowDocument => {
  const d = structuredClone(badDebtFlow);
  f(d);
  return d;
};
const errorsOf = (d: FlowDocument) => checkFlow(d, ctx).errors;

describe('publish-time validation of a flow', () => {
  it('accepts §2.4 against its form, with no warning when every role has a holder', () => {
    expect(check(flowMetaSchema, badDebtFlow)).toEqual([]);
    expect(checkFlow(badDebtFlow, ctx)).toEqual({ errors: [], warnings: [] });
  });

  it('refuses an unreachable step', () => {
    const d = edit((d) => (d.steps.orphan = { type: 'approve', assignees: [{ role: 'cfo' }], next: '$approved' }));
    expect(errorsOf(d)).toEqual([{ pointer: '/steps/orphan', reason: 'is not reachable from the start step' }]);
  });

  it('refuses a path that cannot end (a loop)', () => {
    const d = edit((d) => ((d.steps.cfo as { next: string }).next = 'sales'));
    expect(errorsOf(d)).toContainEqual({
      pointer: '/steps/cfo/next',
      reason: expect.stringMatching(/loops back to step sales: a path through it cannot end/),
    });
  });

  it('refuses a return target that is not upstream, or not a step', () => {
    const d = edit((d) => {
      (d.steps.sales as { returnTo: string[] }).returnTo = ['$initiator', 'cfo'];
      (d.steps.finance as { returnTo: string[] }).returnTo = ['legal', 'nowhere'];
    });
    expect(errorsOf(d)).toEqual([
      {
        pointer: '/steps/sales/returnTo/1',
        reason: 'cfo is not upstream of sales: a request can only be returned to an earlier step',
      },
      {
        pointer: '/steps/finance/returnTo/0',
        reason: 'legal is not upstream of finance: a request can only be returned to an earlier step',
      },
      { pointer: '/steps/finance/returnTo/1', reason: 'names step nowhere, which does not exist' },
    ]);
  });

  it('refuses a quorum larger than the possible approvers', () => {
    const d = edit((d) => ((d.steps.legal as { decision: object }).decision = { mode: 'quorum', min: 3 }));
    expect(errorsOf(d)).toEqual([
      { pointer: '/steps/legal/decision/min', reason: 'quorum 3 is larger than the 2 possible approvers of this step' },
    ]);
  });

  it('refuses a guard reading a field the bound form does not have', () => {
    const d = edit((d) => {
      const tier = d.steps.tier as { cases: { when: unknown }[] };
      tier.cases[1]!.when = { 'dec>': [{ var: 'form.total' }, '100000'] };
    });
    const errors = errorsOf(d);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.pointer).toBe('/steps/tier/cases/1/when/dec>/0');
    expect(errors[0]!.reason).toMatch(/form\.total/);
  });

  it('refuses $join outside a branch, $approved inside one, and a step reached from two branches', () => {
    const d = edit((d) => {
      (d.steps.cfo as { next: string }).next = '$join';
      (d.steps.legal as { next: string }).next = 'finance';
    });
    expect(errorsOf(d)).toEqual(
      expect.arrayContaining([
        { pointer: '/steps/cfo/next', reason: '$join ends a parallel branch, and this step is not inside one' },
        {
          pointer: '/steps/legal/next',
          reason: expect.stringMatching(
            /leads into step finance in branch legal of parallel step review, but finance is reached in branch finance/,
          ),
        },
      ]),
    );
  });

  it('refuses JSON-Logic that does not compile, an unknown action, and an attachment the form lacks', () => {
    const d = edit((d) => {
      (d.steps.tier as { cases: { when: unknown }[] }).cases[0]!.when = { 'no-such-op': [1] };
      d.onApproved!.action = 'launch-rockets';
      (d.steps.legal as { requires: string[] }).requires = ['attachment:court-ruling'];
    });
    expect(errorsOf(d).map((e) => e.pointer)).toEqual([
      '/steps/legal/requires/0',
      '/steps/tier/cases/0/when',
      '/onApproved/action',
    ]);
  });

  it('warns (does not refuse) when a role has no user today', () => {
    const nobodyInLegal = { ...people, users: people.users.filter((u) => u.id !== 'lh') };
    expect(checkFlow(badDebtFlow, { ...ctx, directory: nobodyInLegal })).toEqual({
      errors: [],
      warnings: [{ pointer: '/steps/legal/assignees/1/role', reason: 'no active user holds role legal-head today' }],
    });
  });

  it('the meta-schema refuses unknown members and step types with pointers', () => {
    const bad = { ...badDebtFlow, steps: { ...badDebtFlow.steps, sales: { type: 'vote', next: '$approved' } } };
    expect(check(flowMetaSchema, bad)).toEqual([
      { pointer: '/steps/sales', reason: 'value of tag "type" must be in oneOf' },
    ]);
  });
});
