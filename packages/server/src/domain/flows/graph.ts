import type { FieldError } from '../errors.ts';
import type { FlowDocument, FlowStep } from './flow-schema.ts';

/** Where a step sits: nested parallel branches, outermost first (empty = the top level). */
export type Scope = readonly { parallel: string; branch: string }[];

export interface Edge {
  to: string;
  /** JSON pointer of the member naming the target, relative to the step. */
  at: string;
  /** Set on an edge into a parallel branch. */
  branch?: string;
}

export const isTerminal = (target: string) => target.startsWith('$');

/** The forward edges of a step: next, switch cases and default, parallel branch starts and the join's next. */
export function edgesOf(step: FlowStep): Edge[] {
  switch (step.type) {
    case 'approve':
      return [{ to: step.next, at: '/next' }];
    case 'switch':
      return [...step.cases.map((c, i) => ({ to: c.to, at: `/cases/${i}/to` })), { to: step.default, at: '/default' }];
    case 'parallel':
      return [
        ...Object.entries(step.branches).map(([branch, b]) => ({
          to: b.start,
          at: `/branches/${branch}/start`,
          branch,
        })),
        { to: step.next, at: '/next' },
      ];
  }
}

export interface FlowGraph {
  /** The scope of every reachable step. */
  scopes: Map<string, Scope>;
  /** Reachable steps in the order a breadth-first walk from start meets them. */
  reachable: string[];
  errors: FieldError[];
  /** True when some path reaches $approved. */
  canApprove: boolean;
}

const scopeKey = (s: Scope) => s.map((f) => `${f.parallel}.${f.branch}`).join('/');

/**
 * Walks the flow from `start`: every step gets one scope, and every edge is checked — a known step or a
 * terminal allowed where it stands ($join only inside a branch, $approved only outside one). Loops and
 * steps no path reaches are refused, since a path through a loop cannot end.
 */
export function analyzeFlow(doc: FlowDocument): FlowGraph {
  const errors: FieldError[] = [];
  const scopes = new Map<string, Scope>();
  const reachable: string[] = [];
  let canApprove = false;
  const queue: { id: string; scope: Scope; from: string }[] = [];
  const visit = (id: string, scope: Scope, from: string) => {
    if (!(id in doc.steps)) {
      errors.push({ pointer: from, reason: `names step ${id}, which does not exist` });
      return;
    }
    const seen = scopes.get(id);
    if (seen) {
      if (scopeKey(seen) !== scopeKey(scope))
        errors.push({
          pointer: from,
          reason: `leads into step ${id} ${where(scope)}, but ${id} is reached ${where(seen)}: a branch must end in $join`,
        });
      return;
    }
    scopes.set(id, scope);
    reachable.push(id);
    queue.push({ id, scope, from });
  };
  visit(doc.start, [], '/start');
  while (queue.length) {
    const { id, scope } = queue.shift()!;
    const step = doc.steps[id]!;
    for (const e of edgesOf(step)) {
      const at = `/steps/${id}${e.at}`;
      if (e.branch !== undefined) {
        visit(e.to, [...scope, { parallel: id, branch: e.branch }], at);
        continue;
      }
      if (!isTerminal(e.to)) visit(e.to, scope, at);
      else if (e.to === '$join' && scope.length === 0)
        errors.push({ pointer: at, reason: '$join ends a parallel branch, and this step is not inside one' });
      else if (e.to === '$approved' && scope.length > 0)
        errors.push({
          pointer: at,
          reason: `$approved cannot end a parallel branch (${where(scope)}); end it with $join`,
        });
      else if (e.to === '$approved') canApprove = true;
    }
  }
  for (const id of Object.keys(doc.steps))
    if (!scopes.has(id)) errors.push({ pointer: `/steps/${id}`, reason: 'is not reachable from the start step' });
  errors.push(...findLoops(doc, reachable));
  if (!canApprove && errors.length === 0)
    errors.push({ pointer: '/steps', reason: 'no path reaches $approved: the flow could never approve' });
  return { scopes, reachable, errors, canApprove };
}

const where = (scope: Scope) =>
  scope.length === 0
    ? 'at the top level'
    : `in branch ${scope[scope.length - 1]!.branch} of parallel step ${scope[scope.length - 1]!.parallel}`;

/** Depth-first search for a cycle of forward edges: each is a path that cannot end. */
function findLoops(doc: FlowDocument, reachable: string[]): FieldError[] {
  const errors: FieldError[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const dfs = (id: string) => {
    state.set(id, 'open');
    for (const e of edgesOf(doc.steps[id]!)) {
      if (isTerminal(e.to) || !(e.to in doc.steps)) continue;
      const s = state.get(e.to);
      if (s === 'open')
        errors.push({
          pointer: `/steps/${id}${e.at}`,
          reason: `loops back to step ${e.to}: a path through it cannot end (use returnTo to send a request back)`,
        });
      else if (s === undefined) dfs(e.to);
    }
    state.set(id, 'done');
  };
  for (const id of reachable) if (!state.has(id)) dfs(id);
  return errors;
}

/**
 * Steps reachable from `from` by forward edges; a branch's `$join` continues at its parallel step's `next`
 * (the scopes come from analyzeFlow).
 */
export function downstreamOf(doc: FlowDocument, scopes: ReadonlyMap<string, Scope>, from: string): Set<string> {
  const out = new Set<string>();
  const stack = [from];
  const push = (to: string) => {
    if (!isTerminal(to) && to in doc.steps && !out.has(to)) {
      out.add(to);
      stack.push(to);
    }
  };
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of edgesOf(doc.steps[id]!)) {
      if (e.to !== '$join') push(e.to);
      else {
        const after = afterJoin(doc, scopes, id);
        if (after !== undefined) push(after);
      }
    }
  }
  return out;
}

/** Where a token goes when its branch reaches $join and the join completes: the enclosing parallel's next. */
export function afterJoin(doc: FlowDocument, scopes: ReadonlyMap<string, Scope>, id: string): string | undefined {
  let scope = scopes.get(id);
  while (scope && scope.length) {
    const parallel = scope[scope.length - 1]!.parallel;
    const p = doc.steps[parallel];
    if (p?.type !== 'parallel') return undefined;
    if (p.next !== '$join') return p.next;
    scope = scopes.get(parallel);
  }
  return undefined;
}
