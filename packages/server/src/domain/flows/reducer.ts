import { HexiaoError } from '../errors.ts';
import { resolveAssignees } from './assignees.ts';
import type { ApproveStep, FlowDocument } from './flow-schema.ts';
import { downstreamOf } from './graph.ts';
import { defaultActions, Run, type FlowEnv } from './run.ts';
import type { Effect, FlowData, FlowEvent, FlowState, Frame, Task, Winner } from './state.ts';

export type FlowCommand =
  | { type: 'submit'; by: string; data: FlowData }
  | { type: 'resubmit'; by: string; data?: FlowData; comment?: string }
  | { type: 'approve' | 'reject'; taskId: string; by: string; comment?: string; evidence?: readonly string[] }
  | { type: 'return'; taskId: string; by: string; to: string; comment?: string }
  | { type: 'delegate'; taskId: string; by: string; to: string; comment?: string }
  | { type: 'add-signer'; taskId: string; by: string; user: string; comment?: string }
  | { type: 'withdraw'; by: string; comment?: string }
  | { type: 'remind'; taskId: string }
  | { type: 'escalate'; taskId: string };

export interface Advanced {
  state: FlowState;
  events: FlowEvent[];
  effects: Effect[];
}

const describeWinner = (w: Winner) =>
  `${w.step ? `step ${w.step} was ` : 'the request was '}${w.decision} by ${w.by} at ${w.at}`;

/**
 * The flow reducer: `(definition, state, command, env) → { state, events, effects }`. Pure — the state
 * passed in is never changed; a refused command throws a HexiaoError and yields nothing. The runtime
 * persists the new state, its tasks and events, and performs the effects, in one transaction.
 */
export function advance(def: FlowDocument, state: FlowState | null, cmd: FlowCommand, env: FlowEnv): Advanced {
  if (cmd.type === 'submit') {
    if (state) throw new HexiaoError('unexpected_state', 'the request was already submitted');
    const fresh: FlowState = {
      status: 'running',
      round: 1,
      requester: cmd.by,
      data: cmd.data,
      frames: [],
      activations: [],
      tasks: [],
      decisions: 0,
      actionEmitted: false,
      endedAt: null,
    };
    const run = new Run(def, fresh, env);
    run.event({ type: 'submitted', by: cmd.by });
    run.go(def.start, null, null);
    return { state: run.state, events: run.events, effects: run.effects };
  }
  if (!state) throw new HexiaoError('unexpected_state', 'the request has not been submitted');
  const run = new Run(def, structuredClone(state), env);
  handlers[cmd.type](run, cmd as never);
  return { state: run.state, events: run.events, effects: run.effects };
}

type Handler<C> = (run: Run, cmd: C) => void;
type Of<T extends FlowCommand['type']> = Extract<FlowCommand, { type: T }>;

/** The open task `by` holds, with its step; every refusal names why (409 for a task already closed). */
function ownTask(run: Run, taskId: string, by: string, action: string): { task: Task; step: ApproveStep } {
  const task = run.state.tasks.find((t) => t.id === taskId);
  if (!task) throw new HexiaoError('not_found', `task ${taskId} does not exist in this request`);
  if (task.status !== 'open') {
    const why = task.closedBy
      ? `it was ${task.status}: ${describeWinner(task.closedBy)}`
      : `it was already ${task.status} by ${task.assignee} at ${task.decidedAt}`;
    const winner = task.closedBy ?? {
      taskId: task.id,
      decision: task.status,
      by: task.assignee,
      at: task.decidedAt,
      step: task.step,
    };
    throw new HexiaoError('conflict', `task ${taskId} (step ${task.step}) cannot be decided again: ${why}`, {
      extra: { task: { id: task.id, status: task.status }, winner },
    });
  }
  if (run.state.status !== 'running') throw new HexiaoError('unexpected_state', `the request is ${run.state.status}`);
  if (task.assignee !== by) throw new HexiaoError('not_allowed', `task ${taskId} is assigned to someone else`);
  if (by === run.state.requester && !run.policies.initiatorMayApprove)
    throw new HexiaoError('not_allowed', 'the user who requested this cannot decide it');
  const step = run.def.steps[task.step] as ApproveStep;
  if (!defaultActions(step).includes(action))
    throw new HexiaoError('not_allowed', `step ${task.step} does not allow ${action}`, {
      pointer: `/steps/${task.step}/actions`,
    });
  return { task, step };
}

const winnerOf = (run: Run, t: Task, decision: Winner['decision']): Winner => ({
  taskId: t.id,
  decision,
  by: t.assignee,
  at: run.env.now,
  step: t.step,
});

function decide(run: Run, cmd: Of<'approve' | 'reject'>) {
  const { task, step } = ownTask(run, cmd.taskId, cmd.by, cmd.type);
  if (cmd.type === 'approve')
    for (const req of step.requires ?? []) {
      const label = req.slice('attachment:'.length);
      if (!(cmd.evidence ?? []).includes(label))
        throw new HexiaoError(
          'invalid_data',
          `step ${task.step} needs an attachment labelled ${label} before approval`,
          {
            pointer: '/attachments',
          },
        );
    }
  const decision = cmd.type === 'approve' ? 'approved' : 'rejected';
  task.status = decision;
  task.decidedAt = run.env.now;
  task.comment = cmd.comment ?? null;
  run.state.decisions++;
  const act = run.state.activations.find((a) => a.id === task.activation)!;
  act.slots[task.slot]!.status = decision;
  run.event({
    type: 'task.decided',
    step: task.step,
    taskId: task.id,
    by: cmd.by,
    onBehalfOf: task.onBehalfOf,
    detail: { decision, comment: task.comment },
  });
  const winner = winnerOf(run, task, decision);
  // the slot is decided: its other tasks (a delegate's, an escalation's) are moot
  for (const t of run.state.tasks)
    if (t.activation === act.id && t.slot === task.slot) run.close(t, 'superseded', winner);
  run.settle(act, winner);
}

function sendBack(run: Run, cmd: Of<'return'>) {
  const { task, step } = ownTask(run, cmd.taskId, cmd.by, 'return');
  if (!(step.returnTo ?? []).includes(cmd.to))
    throw new HexiaoError(
      'invalid_data',
      `step ${task.step} can return to ${(step.returnTo ?? []).join(', ') || 'nowhere'}, not ${cmd.to}`,
      {
        pointer: '/to',
      },
    );
  task.status = 'returned';
  task.decidedAt = run.env.now;
  task.comment = cmd.comment ?? null;
  task.returnedTo = cmd.to;
  run.state.decisions++;
  const winner = winnerOf(run, task, 'returned');
  run.event({
    type: 'task.decided',
    step: task.step,
    taskId: task.id,
    by: cmd.by,
    onBehalfOf: task.onBehalfOf,
    detail: { decision: 'returned', to: cmd.to, comment: task.comment },
  });
  const s = run.state;
  if (cmd.to === '$initiator') {
    for (const a of s.activations) if (a.status === 'open') a.status = 'cancelled';
    for (const t of s.tasks) run.close(t, 'cancelled', winner);
    s.frames = [];
    s.status = 'returned';
    s.round++;
    run.event({ type: 'returned', step: task.step, by: cmd.by, detail: { to: '$initiator' } });
    run.notify([s.requester], 'request.returned');
    return;
  }
  // a new round from the target: what runs downstream of it restarts, independent parallel work goes on
  const downstream = downstreamOf(run.def, run.graph.scopes, cmd.to);
  downstream.add(cmd.to);
  for (const a of s.activations)
    if (a.status === 'open' && (a.id === task.activation || downstream.has(a.step))) {
      a.status = 'cancelled';
      for (const t of s.tasks) if (t.activation === a.id) run.close(t, 'cancelled', winner);
    }
  s.frames = s.frames.filter((f) => !downstream.has(f.step));
  s.round++;
  run.event({ type: 'returned', step: task.step, by: cmd.by, detail: { to: cmd.to } });
  const { frame, branch } = enterScope(run, cmd.to);
  run.go(cmd.to, frame, branch);
}

/** Finds or rebuilds the parallel frames around a return target: its branch runs again, the others count as done. */
function enterScope(run: Run, target: string): { frame: string | null; branch: string | null } {
  let frame: string | null = null;
  let branch: string | null = null;
  for (const level of run.graph.scopes.get(target) ?? []) {
    let f: Frame | undefined = run.state.frames.find((x) => x.step === level.parallel && x.parent === frame);
    if (!f) {
      const p = run.def.steps[level.parallel]!;
      const names = p.type === 'parallel' ? Object.keys(p.branches) : [];
      f = {
        id: run.env.newId(),
        step: level.parallel,
        parent: frame,
        branch,
        branches: Object.fromEntries(names.map((n) => [n, 'done' as const])),
      };
      run.state.frames.push(f);
    }
    f.branches[level.branch] = 'running';
    frame = f.id;
    branch = level.branch;
  }
  return { frame, branch };
}

function delegate(run: Run, cmd: Of<'delegate'>) {
  const { task, step } = ownTask(run, cmd.taskId, cmd.by, 'delegate');
  if (run.policies.delegation?.allowed === false)
    throw new HexiaoError('not_allowed', 'this flow does not allow delegation', { pointer: '/policies/delegation' });
  if (task.origin === 'delegated')
    throw new HexiaoError('not_allowed', `task ${task.id} was delegated already; delegation is one level deep`);
  const to = run.people.find(cmd.to);
  if (!to) throw new HexiaoError('invalid_data', `${cmd.to} is not an active user of this tenant`, { pointer: '/to' });
  if (to.id === task.assignee)
    throw new HexiaoError('invalid_data', 'a task cannot be delegated to its holder', { pointer: '/to' });
  if (run.excluded().has(to.id))
    throw new HexiaoError(
      'not_allowed',
      `${to.email} may not decide this request (the requester, or already decided)`,
      { pointer: '/to' },
    );
  task.status = 'delegated';
  task.decidedAt = run.env.now;
  task.comment = cmd.comment ?? null;
  task.returnedTo = to.id;
  run.event({
    type: 'task.delegated',
    step: task.step,
    taskId: task.id,
    by: cmd.by,
    detail: { to: to.id, comment: task.comment },
  });
  const act = run.state.activations.find((a) => a.id === task.activation)!;
  run.openTask(act, step, task.slot, to, 'delegated', task.onBehalfOf ?? task.assignee);
}

function addSigner(run: Run, cmd: Of<'add-signer'>) {
  const { task, step } = ownTask(run, cmd.taskId, cmd.by, 'add-signer');
  const user = run.people.find(cmd.user);
  if (!user)
    throw new HexiaoError('invalid_data', `${cmd.user} is not an active user of this tenant`, { pointer: '/user' });
  const act = run.state.activations.find((a) => a.id === task.activation)!;
  if (act.slots.some((s) => s.user === user.id) || run.excluded().has(user.id))
    throw new HexiaoError('invalid_data', `${user.email} already signs this step, or may not decide this request`, {
      pointer: '/user',
    });
  act.slots.push({ user: user.id, kind: 'added', status: 'open' });
  run.event({
    type: 'signer.added',
    step: task.step,
    taskId: task.id,
    by: cmd.by,
    detail: { user: user.id, comment: cmd.comment ?? null },
  });
  run.openTask(act, step, act.slots.length - 1, user, 'added', null);
}

function withdraw(run: Run, cmd: Of<'withdraw'>) {
  const s = run.state;
  if (cmd.by !== s.requester) throw new HexiaoError('not_allowed', 'only the requester can withdraw a request');
  if (s.status !== 'running' && s.status !== 'returned')
    throw new HexiaoError('unexpected_state', `the request is ${s.status}`);
  if (run.policies.withdraw === 'never') throw new HexiaoError('not_allowed', 'this flow does not allow withdrawal');
  if (s.status === 'running' && s.decisions > 0)
    throw new HexiaoError(
      'unexpected_state',
      'a request can be withdrawn only before the first decision (or while it is back with you)',
    );
  run.finish('withdrawn', { taskId: null, decision: 'withdrawn', by: cmd.by, at: run.env.now, step: null });
}

function resubmit(run: Run, cmd: Of<'resubmit'>) {
  const s = run.state;
  if (cmd.by !== s.requester) throw new HexiaoError('not_allowed', 'only the requester can resubmit a request');
  if (s.status !== 'returned')
    throw new HexiaoError(
      'unexpected_state',
      `only a request returned to its requester can be resubmitted (it is ${s.status})`,
    );
  if (cmd.data) s.data = cmd.data;
  s.status = 'running';
  run.event({ type: 'resubmitted', by: cmd.by, detail: { comment: cmd.comment ?? null } });
  run.go(run.def.start, null, null);
}

/** Timers (the jobs sweep): each fires once per task and level; a repeat or a closed task is a no-op. */
function remind(run: Run, cmd: Of<'remind'>) {
  const t = run.state.tasks.find((x) => x.id === cmd.taskId);
  if (!t || t.status !== 'open' || t.reminded) return;
  t.reminded = true;
  run.event({ type: 'task.reminded', step: t.step, taskId: t.id });
  run.notify([t.assignee], 'task.reminder', { taskId: t.id, step: t.step });
}

function escalate(run: Run, cmd: Of<'escalate'>) {
  const t = run.state.tasks.find((x) => x.id === cmd.taskId);
  if (!t || t.status !== 'open' || t.escalated) return;
  t.escalated = true;
  const step = run.def.steps[t.step] as ApproveStep;
  const act = run.state.activations.find((a) => a.id === t.activation)!;
  const holders = new Set(
    run.state.tasks.filter((x) => x.activation === act.id && x.slot === t.slot).map((x) => x.assignee),
  );
  const r = resolveAssignees(
    step.due?.escalate?.add ?? [],
    'all',
    `/steps/${t.step}/due/escalate/add`,
    run.state.data,
    run.people,
    new Set([...run.excluded(), ...holders]),
  );
  run.event({
    type: 'task.escalated',
    step: t.step,
    taskId: t.id,
    detail: { to: r.users.map((u) => u.id), notes: r.notes },
    guards: r.guards,
  });
  for (const u of r.users) run.openTask(act, step, t.slot, u, 'escalated', t.onBehalfOf ?? t.assignee);
  run.notify([t.assignee], 'task.escalated', { taskId: t.id, step: t.step });
}

const handlers: { [K in Exclude<FlowCommand['type'], 'submit'>]: Handler<Of<K>> } = {
  approve: decide,
  reject: decide,
  return: sendBack,
  delegate,
  'add-signer': addSigner,
  withdraw,
  resubmit,
  remind,
  escalate,
};
