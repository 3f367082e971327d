import { Tag } from 'antd';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { GraphNode } from './graph.ts';

const colors: Record<GraphNode['kind'], string> = {
  start: '#e6f0ff',
  approve: '#ffffff',
  switch: '#fff7e6',
  parallel: '#f0f5ff',
  join: '#f0f5ff',
  approved: '#f6ffed',
  rejected: '#fff1f0',
};

/** One node of a flow diagram: selected or with errors in the editor; current or done where a request stands. */
export function StepCard(
  p: NodeProps<Node<{ node: GraphNode; selected?: boolean; errors?: number; state?: 'current' | 'done' }>>,
) {
  const n = p.data.node;
  const state = p.data.state;
  return (
    <div
      className="flow-node"
      data-step={n.step ?? n.id}
      data-state={state}
      style={{
        background: state === 'current' ? '#e6f4ff' : state === 'done' ? '#f6ffed' : colors[n.kind],
        border:
          state === 'current'
            ? '2px solid #1f6feb'
            : `1px solid ${p.data.errors ? '#ff4d4f' : p.data.selected ? '#1f6feb' : state === 'done' ? '#52c41a' : '#d9d9d9'}`,
        borderRadius: 8,
        padding: '6px 10px',
        minWidth: 100,
        fontSize: 12,
      }}
    >
      <Handle type="target" position={Position.Top} />
      <strong>{n.label}</strong> {n.kind !== 'approve' && <Tag style={{ marginLeft: 4 }}>{n.kind}</Tag>}
      {n.detail.filter(Boolean).map((d) => (
        <div key={d} style={{ color: '#666' }}>
          {d}
        </div>
      ))}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}
