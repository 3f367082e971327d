import type { Directory } from './directory.ts';
import type { ApproveStep, FlowDocument } from './flow-schema.ts';
import type { GuardTrace } from './guards.ts';
import { advance, type Advanced } from './reducer.ts';
import { graphOf } from './run.ts';
import type { FlowData, FlowEvent, FlowState } from './state.ts';

/** An approve step in a path, or a parallel step with the path of each branch ('skipped' when its guard failed). */
export type PathNode = string | { parallel: string; branches: Record<string, PathNode[] | 'skipped'> };

export interface SimulatedStep {
  step: string;
  title: ApproveStep['title'] | null;
  mode: string;
  order: 'parallel' | 'sequential';
  /** The people the step would ask, in order (delegates in place of who they stand in for). */
  assignees: { id: string; email: string; name: string; onBehalfOf: string | null }[];
}

export interface Simulation {
  outcome: 'approved' | 'rejected' | 'failed';
  /** e.g. `sales → {finance ∥ legal} → cfo → $approved`. */
  summary: string;
  path: PathNode[];
  /** Every step entered, in order, switches and parallels included, then the terminal. */
  route: string[];
  steps: SimulatedStep[];
  guards: GuardTrace[];
  /** Why it failed (a step without approvers), when it did. */
  problem: string | null;
}

export interface SimulateInput {
  data: FlowData;
  directory: Directory;
  /** The requester (excluded from approving by default); a synthetic id when omitted. */
  requester?: string;
  now?: string;
}

/**
 * Runs a flow on a submission and a subject with every task approved by its assignee, creating nothing:
 * the path it takes, who would be asked at each step, and the guards' traces.
 */
export function simulate(def: FlowDocument, input: SimulateInput): Simulation {
  let n = 0;
  const env = { now: input.now ?? new Date().toISOString(), newId: () => `sim-${++n}`, directory: input.directory };
  const events: FlowEvent[] = [];
  let state: FlowState | null = null;
  let problem: string | null = null;
  const take = (r: Advanced) => {
    state = r.state;
    events.push(...r.events);
  };
  try {
    take(advance(def, null, { type: 'submit', by: input.requester ?? '$simulation', data: input.data }, env));
    for (let i = 0; i < 1000 && state!.status === 'running'; i++) {
      const task = state!.tasks.find((t) => t.status === 'open');
      if (!task) break;
      const step = def.steps[task.step] as ApproveStep;
      const evidence = (step.requires ?? []).map((r) => r.slice('attachment:'.length));
      take(advance(def, state, { type: 'approve', taskId: task.id, by: task.assignee, evidence }, env));
    }
  } catch (e) {
    problem = (e as Error).message;
  }
  const s = state as FlowState | null;
  const outcome =
    problem || !s || s.status !== 'approved' ? (s?.status === 'rejected' ? 'rejected' : 'failed') : 'approved';
  return summarize(def, events, s, outcome, problem, input.directory);
}

function summarize(
  def: FlowDocument,
  events: FlowEvent[],
  state: FlowState | null,
  outcome: Simulation['outcome'],
  problem: string | null,
  directory: Directory,
): Simulation {
  const scopes = graphOf(def).scopes;
  const path: PathNode[] = [];
  const route: string[] = [];
  const steps: SimulatedStep[] = [];
  const guards: GuardTrace[] = [];
  const users = new Map(directory.users.map((u) => [u.id, u]));
  const containerOf = (step: string): PathNode[] => {
    let c = path;
    for (const level of scopes.get(step) ?? []) {
      const node = [...c].reverse().find((x) => typeof x === 'object' && x.parallel === level.parallel);
      const b = typeof node === 'object' ? node.branches[level.branch] : undefined;
      if (!Array.isArray(b)) return c;
      c = b;
    }
    return c;
  };
  for (const e of events) {
    guards.push(...(e.guards ?? []));
    if (e.type === 'switch.taken' || e.type === 'parallel.started') route.push(e.step!);
    if (e.type === 'parallel.started') {
      const branches = e.detail!.branches as Record<string, string>;
      containerOf(e.step!).push({
        parallel: e.step!,
        branches: Object.fromEntries(Object.entries(branches).map(([b, st]) => [b, st === 'running' ? [] : 'skipped'])),
      });
    }
    if (e.type === 'step.entered') {
      route.push(e.step!);
      containerOf(e.step!).push(e.step!);
      const step = def.steps[e.step!] as ApproveStep;
      const tasks = (state?.tasks ?? []).filter((t) => t.step === e.step && t.origin !== 'escalated');
      const ids = (e.detail!.assignees as string[]) ?? [];
      steps.push({
        step: e.step!,
        title: step.title ?? null,
        mode: step.decision?.mode ?? 'any',
        order: step.order ?? 'parallel',
        assignees: ids.map((id) => {
          const t = tasks.find((x) => x.onBehalfOf === id);
          const u = users.get(t ? t.assignee : id);
          return { id: u?.id ?? id, email: u?.email ?? '', name: u?.name ?? '', onBehalfOf: t ? id : null };
        }),
      });
    }
  }
  const end = state && state.status !== 'running' ? `$${state.status}` : null;
  if (end && outcome !== 'failed') route.push(end);
  return {
    outcome,
    summary: [...render(path), ...(end && outcome !== 'failed' ? [end] : [])].join(' → '),
    path,
    route,
    steps,
    guards,
    problem,
  };
}

/**
 * `a → {b ∥ c} → d`: a parallel with one branch running reads as that branch. Branches are listed by name,
 * so the summary does not depend on the key order storage gives a document (jsonb does not keep it).
 */
function render(nodes: PathNode[]): string[] {
  return nodes.flatMap((n) => {
    if (typeof n === 'string') return [n];
    const running = Object.entries(n.branches)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, b]) => b)
      .filter((b): b is PathNode[] => Array.isArray(b));
    if (running.length === 1) return render(running[0]!);
    return [`{${running.map((b) => render(b).join(' → ')).join(' ∥ ')}}`];
  });
}
