import { useMemo } from 'react';
import { MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { flowGraph, type FlowDoc } from './graph.ts';
import { layoutFlow } from './layout.ts';
import { StepCard } from './StepCard.tsx';
import { useLocale } from '../../app/locale.ts';

const nodeTypes = { step: StepCard };

/**
 * Where a request stands in its flow, drawn read-only: the flow version's diagram with the steps waiting now
 * highlighted and the steps already decided marked done.
 */
export function FlowProgress(p: { doc: FlowDoc; current: readonly string[]; done: readonly string[] }) {
  const lang = useLocale();
  const graph = useMemo(() => flowGraph(p.doc, lang), [p.doc, lang]);
  const positions = useMemo(() => layoutFlow(graph.nodes, graph.edges), [graph]);
  const nodes: Node[] = graph.nodes.map((n) => ({
    id: n.id,
    type: 'step',
    position: positions.get(n.id) ?? { x: 0, y: 0 },
    data: {
      node: n,
      state: n.step && p.current.includes(n.step) ? 'current' : n.step && p.done.includes(n.step) ? 'done' : undefined,
    },
    draggable: false,
  }));
  const edges: Edge[] = graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label,
    style: e.kind === 'return' ? { strokeDasharray: '4 4', stroke: '#fa8c16' } : undefined,
    markerEnd: { type: MarkerType.ArrowClosed },
  }));
  return (
    <div style={{ height: 360 }} data-testid="flow-progress">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        nodesConnectable={false}
        nodesDraggable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        proOptions={{ hideAttribution: true }}
      />
    </div>
  );
}
