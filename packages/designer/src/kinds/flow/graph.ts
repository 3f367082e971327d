/** The flow document as the designer draws it: nodes and edges, derived from the document alone (pure, tested). */
export type Text = string | { zh?: string; en?: string };

export interface FlowStepDoc {
  type: 'approve' | 'switch' | 'parallel';
  title?: Text;
  next?: string;
  assignees?: { role?: string; user?: unknown; expression?: unknown; orgUnit?: unknown }[];
  decision?: { mode: 'any' | 'all' | 'quorum'; min?: number; ratio?: string };
  returnTo?: string[];
  due?: { after: string };
  cases?: { when: unknown; to: string }[];
  default?: string;
  branches?: Record<string, { start: string; when?: unknown }>;
}

export interface FlowDoc {
  subject: { form: string; object?: string };
  start: string;
  steps: Record<string, FlowStepDoc>;
  title?: Text;
  [k: string]: unknown;
}

export type NodeKind = 'start' | 'approve' | 'switch' | 'parallel' | 'join' | 'approved' | 'rejected';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** approvers summary, decision mode, due time; guard count for switches */
  detail: string[];
  /** the step id in the document (not for start, join and terminals) */
  step?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: 'next' | 'case' | 'default' | 'branch' | 'join' | 'return';
  label?: string;
  /** a JSON-Logic guard on this edge (switch case, parallel branch) */
  guard?: boolean;
}

export const textOf = (t: Text | undefined, lang: 'en' | 'zh', fallback: string) =>
  t === undefined ? fallback : typeof t === 'string' ? t : (t[lang] ?? t.en ?? t.zh ?? fallback);

function assigneeText(a: NonNullable<FlowStepDoc['assignees']>[number]): string {
  if (a.role) return `role:${a.role}${a.orgUnit !== undefined ? ' (org unit)' : ''}`;
  if (typeof a.user === 'string') return a.user;
  if (a.user !== undefined) return 'user (rule)';
  if (a.expression !== undefined) return 'expression';
  return '?';
}

/** Which parallel step each step's `$join` belongs to: the parallel whose branch reaches it. */
function joinOwners(doc: FlowDoc): Map<string, string> {
  const owner = new Map<string, string>();
  for (const [pid, p] of Object.entries(doc.steps)) {
    if (p.type !== 'parallel') continue;
    const seen = new Set<string>();
    const stack = Object.values(p.branches ?? {}).map((b) => b.start);
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id) || !doc.steps[id]) continue;
      seen.add(id);
      owner.set(id, pid);
      const s = doc.steps[id]!;
      for (const t of [s.next, s.default, ...(s.cases ?? []).map((c) => c.to)]) if (t) stack.push(t);
    }
  }
  return owner;
}

export function flowGraph(doc: FlowDoc, lang: 'en' | 'zh' = 'en'): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [{ id: '$start', kind: 'start', label: lang === 'zh' ? '提交' : 'Submit', detail: [] }];
  const edges: GraphEdge[] = [];
  const terminals = new Set<string>();
  const owners = joinOwners(doc);
  const target = (from: string, to: string) => {
    if (to === '$approved' || to === '$rejected') {
      terminals.add(to);
      return to;
    }
    if (to === '$join') return `$join:${owners.get(from) ?? '?'}`;
    return to;
  };
  const edge = (e: Omit<GraphEdge, 'id'>) =>
    edges.push({ id: `${e.source}->${e.target}:${e.kind}:${edges.length}`, ...e });
  edge({ source: '$start', target: target('$start', doc.start), kind: 'next' });
  for (const [id, s] of Object.entries(doc.steps ?? {})) {
    const label = textOf(s.title, lang, id);
    if (s.type === 'approve') {
      const detail = [(s.assignees ?? []).map(assigneeText).join(', ')];
      if (s.decision)
        detail.push(
          `${s.decision.mode}${s.decision.min ? ` ≥${s.decision.min}` : ''}${s.decision.ratio ? ` ≥${s.decision.ratio}` : ''}`,
        );
      if (s.due) detail.push(`due ${s.due.after}`);
      nodes.push({ id, kind: 'approve', label, detail, step: id });
      if (s.next) edge({ source: id, target: target(id, s.next), kind: 'next' });
      for (const r of s.returnTo ?? [])
        edge({ source: id, target: target(id, r), kind: 'return', label: lang === 'zh' ? '退回' : 'return' });
    } else if (s.type === 'switch') {
      nodes.push({
        id,
        kind: 'switch',
        label,
        detail: [`${(s.cases ?? []).length} ${lang === 'zh' ? '个条件' : 'guards'}`],
        step: id,
      });
      (s.cases ?? []).forEach((c, i) =>
        edge({ source: id, target: target(id, c.to), kind: 'case', label: `#${i + 1}`, guard: true }),
      );
      if (s.default)
        edge({
          source: id,
          target: target(id, s.default),
          kind: 'default',
          label: lang === 'zh' ? '否则' : 'otherwise',
        });
    } else if (s.type === 'parallel') {
      nodes.push({
        id,
        kind: 'parallel',
        label,
        detail: [`${Object.keys(s.branches ?? {}).length} ${lang === 'zh' ? '个分支' : 'branches'}`],
        step: id,
      });
      nodes.push({ id: `$join:${id}`, kind: 'join', label: lang === 'zh' ? '汇合' : 'join', detail: [] });
      for (const [name, b] of Object.entries(s.branches ?? {}))
        edge({ source: id, target: target(id, b.start), kind: 'branch', label: name, guard: b.when !== undefined });
      if (s.next) edge({ source: `$join:${id}`, target: target(id, s.next), kind: 'join' });
    }
  }
  if (terminals.has('$approved'))
    nodes.push({ id: '$approved', kind: 'approved', label: lang === 'zh' ? '通过' : 'Approved', detail: [] });
  if (terminals.has('$rejected'))
    nodes.push({ id: '$rejected', kind: 'rejected', label: lang === 'zh' ? '驳回' : 'Rejected', detail: [] });
  const known = new Set(nodes.map((n) => n.id));
  // an edge to a step that does not exist stays visible, pointing at a marked placeholder
  for (const e of edges)
    if (!known.has(e.target)) {
      known.add(e.target);
      nodes.push({
        id: e.target,
        kind: 'rejected',
        label: `? ${e.target}`,
        detail: [lang === 'zh' ? '不存在的步骤' : 'no such step'],
      });
    }
  return { nodes, edges };
}
