import { Graph, layout } from '@dagrejs/dagre';
import type { GraphEdge, GraphNode } from './graph.ts';

export const nodeSize = { width: 220, height: 76 };

/** Top-down positions for the diagram (dagre); return edges point backwards and are left out of the layout. */
export function layoutFlow(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
): Map<string, { x: number; y: number }> {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 56, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) {
    const small = n.kind === 'start' || n.kind === 'join' || n.kind === 'approved' || n.kind === 'rejected';
    g.setNode(n.id, { width: small ? 120 : nodeSize.width, height: small ? 40 : nodeSize.height });
  }
  for (const e of edges) if (e.kind !== 'return') g.setEdge(e.source, e.target, {}, e.id);
  layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const p = g.node(n.id) as { x: number; y: number; width: number; height: number };
    out.set(n.id, { x: p.x - p.width / 2, y: p.y - p.height / 2 });
  }
  return out;
}
