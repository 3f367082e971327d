import { describe, expect, it } from 'vitest';
import { HexiaoError } from '../errors.ts';
import { advance, type FlowCommand } from './reducer.ts';
import type { FlowDocument } from './flow-schema.ts';
import type { FlowState } from './state.ts';
import { badDebtFlow, people, testEnv, writeOff } from './test-fixtures.ts';

/** Drives one instance through commands, keeping every event and effect. */
function instance(def: FlowDocument = badDebtFlow, directory = people) {
  const env = testEnv(directory);
  let state: FlowState | null = null;
  const effects: ReturnType<typeof advance>['effects'] = [];
  const events: ReturnType<typeof advance>['events'] = [];
  const api = {
    get state() {
      return state!;
    },
    effects,
    events,
    send(cmd: FlowCommand) {
      const r = advance(def, state, cmd, env);
      state = r.state;
      effects.push(...r.effects);
      events.push(...r.events);
      return r;
    },
    open: (step?: string) => state!.tasks.filter((t) => t.status === 'open' && (!step || t.step === step)),
    task: (step: string, assignee: string) => {
      const t = state!.tasks.find((x) => x.status === 'open' && x.step === step && x.assignee === assignee);
      if (!t) throw new Error(`no open ${step} task for ${assignee}`);
      return t.id;
    },
  };
  return api;
}

const refused = (fn: () => unknown, type: string, message?: RegExp) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HexiaoError);
    expect((e as HexiaoError).type).toBe(type);
    if (message) expect((e as HexiaoError).message).toMatch(message);
    return;
  }
  throw new Error('expected a refusal');
};

describe('the flow reducer on §2.4', () => {
  it('three levels: return to the requester, resubmit (round 2), parallel legal, CFO: the action once', () => {
    const i = instance();
    i.send({ type: 'submit', by: 'clerk', data: writeOff('600000') });
    expect(i.open().map((t) => [t.step, t.assignee])).toEqual([['sales', 'sm-east']]);
    expect(i.open()[0]!.dueAt).toBe('2026-03-04T09:00:00.000Z'); // P2D on the CN calendar (Mon → Wed)
    i.send({
      type: 'return',
      taskId: i.task('sales', 'sm-east'),
      by: 'sm-east',
      to: '$initiator',
      comment: 'attach the court ruling',
    });
    expect(i.state.status).toBe('returned');
    expect(i.state.round).toBe(2);
    expect(i.effects.at(-1)).toEqual({ type: 'notify', to: ['clerk'], template: 'request.returned' });
    i.send({ type: 'resubmit', by: 'clerk' });
    i.send({ type: 'approve', taskId: i.task('sales', 'sm-east'), by: 'sm-east' });
    expect(
      i
        .open()
        .map((t) => t.step)
        .sort(),
    ).toEqual(['finance', 'legal', 'legal']);
    i.send({ type: 'approve', taskId: i.task('finance', 'fm'), by: 'fm' });
    refused(
      () => i.send({ type: 'approve', taskId: i.task('legal', 'lc'), by: 'lc' }),
      'invalid_data',
      /legal-opinion/,
    );
    i.send({ type: 'approve', taskId: i.task('legal', 'lc'), by: 'lc', evidence: ['legal-opinion'] });
    expect(i.open().map((t) => t.step)).toEqual(['legal']); // all-of: the head still has to sign
    i.send({ type: 'approve', taskId: i.task('legal', 'lh'), by: 'lh', evidence: ['legal-opinion'] });
    expect(i.open().map((t) => [t.step, t.assignee])).toEqual([['cfo', 'cfo']]);
    i.send({ type: 'approve', taskId: i.task('cfo', 'cfo'), by: 'cfo' });
    expect(i.state.status).toBe('approved');
    const actions = i.effects.filter((e) => e.type === 'action');
    expect(actions).toEqual([
      {
        type: 'action',
        action: 'post-bad-debt-write-off',
        key: 'on-approved',
        input: { receivableIds: ['r1'], amount: '600000', reason: 'bankruptcy' },
      },
    ]);
    expect(i.events.filter((e) => e.type === 'switch.taken')[0]!.guards![0]!.pointer).toBe('/steps/tier/cases/0/when');
  });

  it('a legal reject rejects the join and supersedes finance; a late click gets 409 naming the winner', () => {
    const i = instance();
    i.send({ type: 'submit', by: 'clerk', data: writeOff('600000') });
    i.send({ type: 'approve', taskId: i.task('sales', 'sm-east'), by: 'sm-east' });
    const finance = i.task('finance', 'fm');
    i.send({ type: 'reject', taskId: i.task('legal', 'lh'), by: 'lh', comment: 'no evidence of insolvency' });
    expect(i.state.status).toBe('rejected');
    expect(i.open()).toEqual([]);
    refused(
      () => i.send({ type: 'approve', taskId: finance, by: 'fm' }),
      'conflict',
      /superseded: step legal was rejected by lh/,
    );
    expect(i.effects.some((e) => e.type === 'action')).toBe(false);
  });

  it('finance returns to sales: the open legal tasks are cancelled and round 2 starts at sales', () => {
    const i = instance();
    i.send({ type: 'submit', by: 'clerk', data: writeOff('600000') });
    i.send({ type: 'approve', taskId: i.task('sales', 'sm-east'), by: 'sm-east' });
    const legal = i.open('legal').map((t) => t.id);
    i.send({ type: 'return', taskId: i.task('finance', 'fm'), by: 'fm', to: 'sales' });
    expect(i.state.round).toBe(2);
    expect(i.state.tasks.filter((t) => legal.includes(t.id)).map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
    expect(i.open().map((t) => [t.step, t.round])).toEqual([['sales', 2]]);
    expect(i.state.tasks.filter((t) => t.round === 1 && t.status === 'approved').map((t) => t.step)).toEqual(['sales']);
  });

  it("the CFO returns to finance: only finance runs again, legal's approval stands", () => {
    const i = instance();
    i.send({ type: 'submit', by: 'clerk', data: writeOff('600000') });
    i.send({ type: 'approve', taskId: i.task('sales', 'sm-east'), by: 'sm-east' });
    i.send({ type: 'approve', taskId: i.task('finance', 'fm'), by: 'fm' });
    for (const u of ['lc', 'lh'])
      i.send({ type: 'approve', taskId: i.task('legal', u), by: u, evidence: ['legal-opinion'] });
    i.send({ type: 'return', taskId: i.task('cfo', 'cfo'), by: 'cfo', to: 'finance' });
    expect(i.open().map((t) => t.step)).toEqual(['finance']);
    i.send({ type: 'approve', taskId: i.task('finance', 'fm'), by: 'fm' });
    expect(i.open().map((t) => t.step)).toEqual(['cfo']);
  });

  it('refuses: a stranger, the requester, twice, a return target not allowed, withdraw after a decision', () => {
    const self = { ...badDebtFlow, steps: { ...badDebtFlow.steps } };
    const i = instance(self);
    i.send({ type: 'submit', by: 'clerk', data: writeOff('80000') });
    const sales = i.task('sales', 'sm-east');
    refused(() => i.send({ type: 'approve', taskId: sales, by: 'fm' }), 'not_allowed', /assigned to someone else/);
    refused(
      () => i.send({ type: 'return', taskId: sales, by: 'sm-east', to: 'finance' }),
      'invalid_data',
      /can return to \$initiator/,
    );
    refused(() => i.send({ type: 'approve', taskId: 'nope', by: 'sm-east' }), 'not_found');
    i.send({ type: 'approve', taskId: sales, by: 'sm-east' });
    refused(() => i.send({ type: 'approve', taskId: sales, by: 'sm-east' }), 'conflict', /already approved/);
    refused(() => i.send({ type: 'withdraw', by: 'clerk' }), 'unexpected_state', /before the first decision/);
    refused(() => i.send({ type: 'withdraw', by: 'fm' }), 'not_allowed');
  });

  it('withdraw before the first decision cancels every task; acting afterwards is refused', () => {
    const i = instance();
    i.send({ type: 'submit', by: 'clerk', data: writeOff('80000') });
    const sales = i.task('sales', 'sm-east');
    i.send({ type: 'withdraw', by: 'clerk' });
    expect(i.state.status).toBe('withdrawn');
    refused(() => i.send({ type: 'approve', taskId: sales, by: 'sm-east' }), 'conflict', /withdrawn by clerk/);
    refused(() => i.send({ type: 'resubmit', by: 'clerk' }), 'unexpected_state');
  });

  it('the requester is never assigned, even when named as sales manager: empty escalates to the director', () => {
    const i = instance();
    i.send({ type: 'submit', by: 'sm-east', data: writeOff('80000', { manager: 'sm-east' }) });
    // sm-east is excluded and org unit East has nobody else: onEmptyAssignees escalate → sales-director
    expect(i.open().map((t) => t.assignee)).toEqual(['sd']);
    expect(i.events.find((e) => e.type === 'step.entered')!.detail).toMatchObject({ escalatedOnEmpty: true });
  });
});

describe('delegation, added signers, timers', () => {
  const away = {
    ...people,
    delegations: [
      { from: 'fm', to: 'sd', starts: '2026-03-01', ends: '2026-03-10' },
      { from: 'sd', to: 'gm', starts: '2026-03-01', ends: '2026-03-10' },
    ],
  };

  it('a standing delegation sends the task to the delegate on behalf of the holder, one level deep', () => {
    const i = instance(badDebtFlow, away);
    i.send({ type: 'submit', by: 'clerk', data: writeOff('80000') });
    i.send({ type: 'approve', taskId: i.task('sales', 'sm-east'), by: 'sm-east' });
    const t = i.open('finance')[0]!;
    expect([t.assignee, t.onBehalfOf, t.origin]).toEqual(['sd', 'fm', 'delegated']);
    refused(() => i.send({ type: 'delegate', taskId: t.id, by: 'sd', to: 'cfo' }), 'not_allowed'); // finance does not allow delegate
  });

  it('delegate once; the delegate decides for the slot; a second delegation is refused', () => {
    const i = instance();
    i.send({ type: 'submit', by: 'clerk', data: writeOff('80000') });
    i.send({ type: 'delegate', taskId: i.task('sales', 'sm-east'), by: 'sm-east', to: 'sd@example.test' });
    const t = i.open()[0]!;
    expect([t.assignee, t.onBehalfOf]).toEqual(['sd', 'sm-east']);
    refused(() => i.send({ type: 'delegate', taskId: t.id, by: 'sd', to: 'gm' }), 'not_allowed', /one level deep/);
    refused(() => i.send({ type: 'delegate', taskId: t.id, by: 'sd', to: 'clerk' }), 'not_allowed');
    i.send({ type: 'approve', taskId: t.id, by: 'sd' });
    expect(i.open().map((x) => x.step)).toEqual(['finance']);
  });

  it('an added signer must also approve the step', () => {
    const i = instance();
    i.send({ type: 'submit', by: 'clerk', data: writeOff('80000') });
    i.send({ type: 'approve', taskId: i.task('sales', 'sm-east'), by: 'sm-east' });
    i.send({ type: 'add-signer', taskId: i.task('finance', 'fm'), by: 'fm', user: 'cfo' });
    i.send({ type: 'approve', taskId: i.task('finance', 'fm'), by: 'fm' });
    expect(i.state.status).toBe('running');
    i.send({ type: 'approve', taskId: i.task('finance', 'cfo'), by: 'cfo' });
    expect(i.state.status).toBe('approved');
  });

  it('reminder and escalation fire once per task; the escalation joins the slot', () => {
    const i = instance();
    i.send({ type: 'submit', by: 'clerk', data: writeOff('80000') });
    const sales = i.task('sales', 'sm-east');
    expect(i.send({ type: 'remind', taskId: sales }).effects).toEqual([
      { type: 'notify', to: ['sm-east'], template: 'task.reminder', taskId: sales, step: 'sales' },
    ]);
    expect(i.send({ type: 'remind', taskId: sales }).effects).toEqual([]);
    i.send({ type: 'escalate', taskId: sales });
    expect(i.send({ type: 'escalate', taskId: sales }).events).toEqual([]);
    i.send({ type: 'approve', taskId: i.task('sales', 'sd'), by: 'sd' });
    expect(i.state.tasks.find((t) => t.id === sales)!.status).toBe('superseded');
    expect(i.open().map((t) => t.step)).toEqual(['finance']);
  });

  it('quorum 2 of 3 in sequence hands tasks out one at a time and completes at two approvals', () => {
    const def: FlowDocument = {
      subject: { form: 'x' },
      start: 'board',
      steps: {
        board: {
          type: 'approve',
          assignees: [{ user: 'cfo' }, { user: 'gm' }, { user: 'fm' }],
          decision: { mode: 'quorum', min: 2 },
          order: 'sequential',
          next: '$approved',
        },
      },
    };
    const i = instance(def);
    i.send({ type: 'submit', by: 'clerk', data: { form: {} } });
    expect(i.open().map((t) => t.assignee)).toEqual(['cfo']);
    i.send({ type: 'reject', taskId: i.task('board', 'cfo'), by: 'cfo' });
    i.send({ type: 'approve', taskId: i.task('board', 'gm'), by: 'gm' });
    expect(i.state.status).toBe('running');
    i.send({ type: 'approve', taskId: i.task('board', 'fm'), by: 'fm' });
    expect(i.state.status).toBe('approved');
  });
});
