import { HexiaoError } from '../errors.ts';
import { resolveAssignees } from './assignees.ts';
import { outcome } from './completion.ts';
import { People, type Directory, type DirectoryUser } from './directory.ts';
import { addDuration } from './due.ts';
import type { ApproveStep, FlowDocument } from './flow-schema.ts';
import { analyzeFlow, type FlowGraph } from './graph.ts';
import { evaluate, truthy, type GuardTrace } from './guards.ts';
import type {
  Activation,
  Effect,
  FlowEvent,
  FlowState,
  Frame,
  NotifyTemplate,
  Task,
  TaskStatus,
  Winner,
} from './state.ts';

/** What a command runs with besides the definition and state: the clock, ids and the people. */
export interface FlowEnv {
  /** ISO instant of the command. */
  now: string;
  newId: () => string;
  directory: Directory;
}

const graphs = new WeakMap<FlowDocument, FlowGraph>();
export function graphOf(def: FlowDocument): FlowGraph {
  let g = graphs.get(def);
  if (!g) {
    g = analyzeFlow(def);
    graphs.set(def, g);
  }
  return g;
}

export const defaultActions = (step: ApproveStep) =>
  step.actions ?? ['approve', 'reject', 'comment', ...(step.returnTo?.length ? ['return'] : [])];

/**
 * One command's working copy: routes tokens through switch, parallel and approve steps, creates and
 * closes tasks, and collects the history events and effects. Mutates only its own clone of the state.
 */
export class Run {
  readonly events: FlowEvent[] = [];
  readonly effects: Effect[] = [];
  readonly people: People;
  readonly graph: FlowGraph;

  constructor(
    readonly def: FlowDocument,
    readonly state: FlowState,
    readonly env: FlowEnv,
  ) {
    this.people = new People(env.directory);
    this.graph = graphOf(def);
  }

  get policies() {
    return this.def.policies ?? {};
  }

  event(e: Omit<FlowEvent, 'round'> & { round?: number }) {
    this.events.push({ round: this.state.round, ...e });
  }

  notify(to: readonly string[], template: NotifyTemplate, extra: { taskId?: string; step?: string } = {}) {
    const users = [...new Set(to)];
    if (users.length) this.effects.push({ type: 'notify', to: users, template, ...extra });
  }

  /** Moves a token to `to` (a step or terminal) inside `frame`/`branch`. */
  go(to: string, frame: string | null, branch: string | null): void {
    if (this.state.status !== 'running') return;
    if (to === '$approved') return this.finish('approved', null);
    if (to === '$rejected') return this.finish('rejected', null);
    if (to === '$join') return this.join(frame!, branch!);
    const step = this.def.steps[to]!;
    if (step.type === 'switch') {
      const guards: GuardTrace[] = [];
      let chosen = step.default;
      for (const [i, c] of step.cases.entries()) {
        const g = evaluate(c.when, this.state.data, `/steps/${to}/cases/${i}/when`);
        guards.push(g);
        if (truthy(g.result)) {
          chosen = c.to;
          break;
        }
      }
      this.event({ type: 'switch.taken', step: to, detail: { to: chosen }, guards });
      return this.go(chosen, frame, branch);
    }
    if (step.type === 'parallel') {
      const f: Frame = { id: this.env.newId(), step: to, parent: frame, branch, branches: {} };
      const guards: GuardTrace[] = [];
      for (const [name, b] of Object.entries(step.branches)) {
        let on = true;
        if (b.when !== undefined) {
          const g = evaluate(b.when, this.state.data, `/steps/${to}/branches/${name}/when`);
          guards.push(g);
          on = truthy(g.result);
        }
        f.branches[name] = on ? 'running' : 'skipped';
      }
      this.event({ type: 'parallel.started', step: to, detail: { branches: { ...f.branches } }, guards });
      this.state.frames.push(f);
      const running = Object.entries(step.branches).filter(([name]) => f.branches[name] === 'running');
      if (running.length === 0) return this.closeFrame(f);
      for (const [name, b] of running) {
        if (this.state.status !== 'running') return;
        this.go(b.start, f.id, name);
      }
      return;
    }
    this.activate(to, step, frame, branch);
  }

  private join(frameId: string, branch: string): void {
    const f = this.state.frames.find((x) => x.id === frameId);
    if (!f) return;
    f.branches[branch] = 'done';
    if (Object.values(f.branches).every((s) => s !== 'running')) this.closeFrame(f);
  }

  private closeFrame(f: Frame): void {
    this.state.frames = this.state.frames.filter((x) => x.id !== f.id);
    this.event({ type: 'parallel.joined', step: f.step, detail: { branches: { ...f.branches } } });
    const p = this.def.steps[f.step]!;
    if (p.type === 'parallel') this.go(p.next, f.parent, f.branch);
  }

  /** Users excluded from new tasks: the requester (by policy) and who already decided in this round. */
  excluded(): Set<string> {
    const out = new Set<string>();
    if (!this.policies.initiatorMayApprove) out.add(this.state.requester);
    if (this.policies.oneDecisionPerUser !== false)
      for (const t of this.state.tasks)
        if (t.round === this.state.round && (t.status === 'approved' || t.status === 'rejected')) out.add(t.assignee);
    return out;
  }

  private activate(id: string, step: ApproveStep, frame: string | null, branch: string | null): void {
    const at = `/steps/${id}/assignees`;
    let r = resolveAssignees(step.assignees, step.resolve ?? 'all', at, this.state.data, this.people, this.excluded());
    const onEmpty = this.policies.onEmptyAssignees ?? 'fail';
    let escalated = false;
    if (r.users.length === 0 && onEmpty === 'escalate' && step.due?.escalate) {
      const notes = r.notes;
      r = resolveAssignees(
        step.due.escalate.add,
        'all',
        `/steps/${id}/due/escalate/add`,
        this.state.data,
        this.people,
        this.excluded(),
      );
      r.notes.unshift(...notes);
      escalated = r.users.length > 0;
    }
    const act: Activation = {
      id: this.env.newId(),
      step: id,
      frame,
      branch,
      round: this.state.round,
      slots: [],
      status: 'open',
    };
    this.state.activations.push(act);
    this.event({
      type: 'step.entered',
      step: id,
      detail: { assignees: r.users.map((u) => u.id), ...(escalated ? { escalatedOnEmpty: true } : {}) },
      guards: r.guards,
    });
    if (r.users.length === 0) {
      if (onEmpty === 'skip') {
        act.status = 'skipped';
        this.event({ type: 'step.skipped', step: id, detail: { why: r.notes } });
        return this.go(step.next, frame, branch);
      }
      throw new HexiaoError(
        'unexpected_state',
        `step ${id} has no approver: ${r.notes.join('; ') || 'no source yields a user'}`,
        {
          pointer: at,
        },
      );
    }
    const sequential = step.order === 'sequential';
    act.slots = r.users.map((u, i) => ({
      user: u.id,
      kind: 'assigned',
      status: sequential && i > 0 ? 'waiting' : 'open',
    }));
    act.slots.forEach((s, i) => {
      if (s.status === 'open') this.openTask(act, step, i, this.people.get(s.user)!, 'assigned', null);
    });
  }

  /** Creates the task of a slot (to the assignee's delegate on a standing delegation, depth 1). */
  openTask(
    act: Activation,
    step: ApproveStep,
    slot: number,
    user: DirectoryUser,
    origin: Task['origin'],
    onBehalfOf: string | null,
  ): Task {
    let assignee = user;
    let behalf = onBehalfOf;
    if (origin === 'assigned' && this.policies.delegation?.allowed !== false) {
      const d = this.people.delegateOf(user.id, this.env.now.slice(0, 10));
      if (d && !this.excluded().has(d.id)) {
        assignee = d;
        behalf = user.id;
      }
    }
    const now = this.env.now;
    const cal = this.policies.calendar;
    const t: Task = {
      id: this.env.newId(),
      activation: act.id,
      step: act.step,
      round: act.round,
      slot,
      assignee: assignee.id,
      onBehalfOf: behalf,
      origin: behalf && origin === 'assigned' ? 'delegated' : origin,
      status: 'open',
      createdAt: now,
      dueAt: step.due ? addDuration(now, step.due.after, cal) : null,
      remindAt: step.due?.remind ? addDuration(now, step.due.remind, cal) : null,
      escalateAt: step.due?.escalate ? addDuration(now, step.due.escalate.after, cal) : null,
      decidedAt: null,
      comment: null,
      closedBy: null,
      reminded: false,
      escalated: false,
      returnedTo: null,
    };
    this.state.tasks.push(t);
    this.event({
      type: 'task.created',
      step: act.step,
      taskId: t.id,
      detail: { assignee: t.assignee, origin: t.origin, dueAt: t.dueAt },
      onBehalfOf: behalf,
    });
    this.notify([t.assignee], 'task.assigned', { taskId: t.id, step: act.step });
    return t;
  }

  /** Closes a task someone else's decision made moot (superseded) or a withdrawal/return ended (cancelled). */
  close(t: Task, status: Extract<TaskStatus, 'superseded' | 'cancelled'>, winner: Winner): void {
    if (t.status !== 'open') return;
    t.status = status;
    t.closedBy = winner;
    t.decidedAt = winner.at;
    this.event({ type: 'task.closed', step: t.step, taskId: t.id, detail: { status, by: winner } });
    this.notify([t.assignee], 'task.closed', { taskId: t.id, step: t.step });
  }

  /** After a decision in an activation: completes the step, or hands out the next sequential task. */
  settle(act: Activation, winner: Winner): void {
    const step = this.def.steps[act.step] as ApproveStep;
    const result = outcome(act.slots, step.decision ?? { mode: 'any' });
    if (result === 'pending') {
      if (!act.slots.some((s) => s.status === 'open')) {
        const next = act.slots.findIndex((s) => s.status === 'waiting');
        if (next >= 0) {
          act.slots[next]!.status = 'open';
          this.openTask(act, step, next, this.people.get(act.slots[next]!.user)!, 'assigned', null);
        }
      }
      return;
    }
    act.status = result;
    for (const t of this.state.tasks) if (t.activation === act.id) this.close(t, 'superseded', winner);
    this.event({ type: result === 'approved' ? 'step.approved' : 'step.rejected', step: act.step });
    if (result === 'approved') this.go(step.next, act.frame, act.branch);
    else this.finish('rejected', winner);
  }

  /** Ends the instance: every open task closes, and an approval hands the onApproved action over once. */
  finish(status: 'approved' | 'rejected' | 'withdrawn', winner: Winner | null): void {
    const at = this.env.now;
    const w: Winner = winner ?? {
      taskId: null,
      decision: status === 'withdrawn' ? 'withdrawn' : status,
      by: 'system',
      at,
      step: null,
    };
    for (const a of this.state.activations) if (a.status === 'open') a.status = 'cancelled';
    for (const t of this.state.tasks) this.close(t, status === 'withdrawn' ? 'cancelled' : 'superseded', w);
    this.state.frames = [];
    this.state.status = status;
    this.state.endedAt = at;
    this.event({ type: status, by: winner?.by });
    const requester = [this.state.requester];
    if (status === 'approved') {
      this.notify(requester, 'request.approved');
      const on = this.def.onApproved;
      if (on && !this.state.actionEmitted) {
        this.state.actionEmitted = true;
        const input: Record<string, unknown> = {};
        for (const [k, rule] of Object.entries(on.input ?? {}))
          input[k] = evaluate(rule, this.state.data, `/onApproved/input/${k}`).result;
        this.effects.push({ type: 'action', action: on.action, input, key: 'on-approved' });
      }
    } else if (status === 'rejected') {
      const extra = (this.def.onRejected?.notify ?? []).flatMap((r) =>
        r === '$initiator' ? requester : this.people.withRole(r.slice('role:'.length)).map((u) => u.id),
      );
      this.notify([...requester, ...extra], 'request.rejected');
    }
  }
}
