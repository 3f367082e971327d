import { Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import type { Explanation, TraceNode } from '../api/types.ts';

const show = (v: unknown) => {
  const s = v === undefined ? 'undefined' : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
};

function toNode(n: TraceNode, key: string): DataNode {
  const cls = n.result === true ? 'trace-true' : n.result === false ? 'trace-false' : '';
  return {
    key,
    title: (
      <span className="trace-node" data-pointer={n.pointer}>
        <strong>{n.op}</strong>
        {n.inputs.length > 0 && <span> ({n.inputs.map(show).join(', ')})</span>} →{' '}
        {n.error ? (
          <Typography.Text type="danger">{n.error.message}</Typography.Text>
        ) : (
          <span className={cls}>{show(n.result)}</span>
        )}
      </span>
    ),
    children: n.children.map((c, i) => toNode(c, `${key}.${i}`)),
  };
}

const keys = (n: TraceNode, key: string, depth: number): string[] =>
  depth > 4 ? [] : [key, ...n.children.flatMap((c, i) => keys(c, `${key}.${i}`, depth + 1))];

/** The explain trace as a tree: each operation with the values it saw and its result, true green, false red. */
export function ExplainTree(p: { explanation: Explanation }) {
  const { t } = useTranslation();
  const { trace, truncated } = p.explanation;
  if (!trace) return null;
  return (
    <div data-testid="explain-tree">
      <Tree showLine defaultExpandedKeys={keys(trace, '0', 0)} treeData={[toNode(trace, '0')]} selectable={false} />
      {truncated > 0 && <Typography.Text type="secondary">{t('rule.truncated', { n: truncated })}</Typography.Text>}
    </div>
  );
}
