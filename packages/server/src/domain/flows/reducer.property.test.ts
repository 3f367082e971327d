import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHexiaoError } from '../errors.ts';
import type { FlowDocument } from './flow-schema.ts';
import { advance, type FlowCommand } from './reducer.ts';
import { finished, type FlowState, type TaskStatus } from './state.ts';
import { badDebtFlow, people, testEnv, writeOff } from './test-fixtures.ts';

/** A second shape: quorum in sequence, an empty step skipped, a switch that can reject. */
const boardFlow: FlowDocument = {
  subject: { form: 'x' },
  policies: { onEmptyAssignees: 'skip' },
  start: 'triage',
  steps: {
    triage: {
      type: 'approve',
      assignees: [{ role: 'finance-manager' }, { role: 'sales-director' }],
      decision: { mode: 'any' },
      returnTo: ['$initiator'],
      actions: ['approve', 'reject', 'return', 'delegate', 'add-signer'],
      next: 'gate',
    },
    gate: {
      type: 'switch',
      cases: [{ when: { 'dec>': [{ var: 'form.amount' }, '1000000'] }, to: '$rejected' }],
      default: 'board',
    },
    board: {
      type: 'approve',
      assignees: [{ role: 'cfo' }, { role: 'general-manager' }, { role: 'legal-head' }],
      decision: { mode: 'quorum', min: 2 },
      order: 'sequential',
      returnTo: ['triage', '$initiator'],
      next: 'nobody',
    },
    nobody: { type: 'approve', assignees: [{ role: 'no-such-role' }], next: '$approved' },
  },
  onApproved: { action: 'noop', input: { amount: { var: 'form.amount' } } },
};

const users = people.users.map((u) => u.id);
const types = [
  'approve',
  'approve',
  'approve',
  'reject',
  'return',
  'delegate',
  'add-signer',
  'withdraw',
  'resubmit',
  'remind',
  'escalate',
] as const;
const pick = fc.record({
  type: fc.constantFrom(...types),
  task: fc.nat(40),
  // one command in four comes from someone other than the task's holder: enough refusals to test, few enough
  // that random runs still reach approval
  stranger: fc.nat(3).map((n) => n === 0),
  user: fc.nat(users.length - 1),
  target: fc.nat(3),
  evidence: fc.boolean(),
});
type Pick = typeof pick extends fc.Arbitrary<infer T> ? T : never;

function command(def: FlowDocument, s: FlowState, p: Pick): FlowCommand {
  const task = s.tasks[p.task % Math.max(1, s.tasks.length)];
  const holder = p.stranger || !task ? users[p.user]! : task.assignee;
  const step = task ? def.steps[task.step] : undefined;
  const targets = step?.type === 'approve' ? (step.returnTo ?? ['$initiator']) : ['$initiator'];
  const taskId = task?.id ?? 'none';
  switch (p.type) {
    case 'approve':
    case 'reject':
      return { type: p.type, taskId, by: holder, evidence: p.evidence ? ['legal-opinion'] : [] };
    case 'return':
      return { type: 'return', taskId, by: holder, to: targets[p.target % targets.length]! };
    case 'delegate':
      return { type: 'delegate', taskId, by: holder, to: users[p.user]! };
    case 'add-signer':
      return { type: 'add-signer', taskId, by: holder, user: users[p.user]! };
    case 'withdraw':
      return { type: 'withdraw', by: p.stranger ? users[p.user]! : s.requester };
    case 'resubmit':
      return { type: 'resubmit', by: p.stranger ? users[p.user]! : s.requester };
    default:
      return { type: p.type, taskId };
  }
}

const amounts = ['800.00', '80000', '150000', '600000', '1200000', '5000000'];

/** Each holder approves the first open task in turn: a run that reaches approval whatever the seed. */
const approvesInTurn: Pick[] = [0, 1, 2, 3, 4].map((task) => ({
  type: 'approve',
  task,
  stranger: false,
  user: 0,
  target: 0,
  evidence: true,
}));

describe('the flow reducer under random command sequences', () => {
  it('never decides a task twice, never acts twice, and always ends or waits for someone', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.constantFrom(badDebtFlow, boardFlow),
        fc.constantFrom(...amounts),
        fc.boolean(),
        fc.array(pick, { minLength: 1, maxLength: 60 }),
        (def, amount, disputed, picks) => {
          const env = testEnv();
          let state = advance(
            def,
            null,
            { type: 'submit', by: 'clerk', data: writeOff(amount, { disputed }) },
            env,
          ).state;
          const closed = new Map<string, TaskStatus>();
          let actions = 0;
          for (const p of picks) {
            const before = structuredClone(state);
            const cmd = command(def, state, p);
            let next;
            try {
              next = advance(def, state, cmd, env);
            } catch (e) {
              if (!isHexiaoError(e)) throw e;
              expect(state).toEqual(before); // a refused command changes nothing
              continue;
            }
            expect(state).toEqual(before); // the reducer never mutates its input
            state = next.state;
            actions += next.effects.filter((x) => x.type === 'action').length;
            for (const t of state.tasks) {
              const was = closed.get(t.id);
              if (was !== undefined)
                expect(t.status).toBe(was); // decided (or closed) once, for good
              else if (t.status !== 'open') closed.set(t.id, t.status);
            }
            const open = state.tasks.filter((t) => t.status === 'open');
            if (finished.has(state.status) || state.status === 'returned') expect(open).toEqual([]);
            else expect(open.length).toBeGreaterThan(0);
            for (const a of state.activations.filter((x) => x.status === 'open'))
              expect(open.some((t) => t.activation === a.id)).toBe(true);
          }
          expect(actions).toBe(state.status === 'approved' ? 1 : 0);
          outcomes.set(state.status, (outcomes.get(state.status) ?? 0) + 1);
        },
      ),
      { numRuns: 400, examples: [[badDebtFlow, '600000', false, approvesInTurn]] },
    );
    // the generator reaches every outcome, so each invariant above was exercised
    expect([...outcomes.keys()].sort()).toEqual(['approved', 'rejected', 'returned', 'running', 'withdrawn']);
  });
});
