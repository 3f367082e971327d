import { useMemo, useState } from 'react';
import { Button, Empty, Space, Tabs, Tag, Typography } from 'antd';
import { Background, Controls, MarkerType, MiniMap, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTranslation } from 'react-i18next';
import type { KindEditorProps } from '../contract.ts';
import { flowGraph, textOf, type FlowDoc, type FlowStepDoc, type GraphNode } from './graph.ts';
import { StepCard } from './StepCard.tsx';
import { FlowSimulator } from './FlowSimulator.tsx';
import { layoutFlow } from './layout.ts';
import { ThreePanes } from '../../components/ThreePanes.tsx';
import { PlainList, ProblemList } from '../../components/common.tsx';
import { JsonPane } from '../../definitions/JsonPane.tsx';
import { CodeEditor } from '../../monaco/CodeEditor.tsx';
import { pretty } from '../../definitions/diff.ts';
import { useLocale } from '../../app/locale.ts';

const nodeTypes = { step: StepCard };

/** Flows: steps and their guards | the auto-laid-out diagram (or JSON) | the selected step's editor. */
export default function FlowEditor(p: KindEditorProps<FlowDoc>) {
  const { t } = useTranslation();
  const lang = useLocale();
  const [selected, setSelected] = useState<string | undefined>(p.doc.start);
  // the steps the last simulation entered, kept with the document it ran on: an edit makes them stale
  const [sim, setSim] = useState<{ doc: FlowDoc; route: string[] }>();
  const simRoute = sim?.doc === p.doc ? sim.route : undefined;
  const graph = useMemo(() => flowGraph(p.doc, lang), [p.doc, lang]);
  const positions = useMemo(() => layoutFlow(graph.nodes, graph.edges), [graph]);
  const errorsAt = (step: string) => p.errors.filter((e) => e.pointer.startsWith(`/steps/${step}`));
  const nodes: Node[] = graph.nodes.map((n) => ({
    id: n.id,
    type: 'step',
    position: positions.get(n.id) ?? { x: 0, y: 0 },
    data: {
      node: n,
      selected: n.step === selected,
      errors: n.step ? errorsAt(n.step).length : 0,
      state: simRoute && (n.id === '$start' || simRoute.includes(n.step ?? n.id)) ? 'done' : undefined,
    },
    draggable: false,
  }));
  const edges: Edge[] = graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.guard ? `${e.label ?? ''} ⚑` : e.label,
    animated: e.kind === 'return',
    style: e.kind === 'return' ? { strokeDasharray: '4 4', stroke: '#fa8c16' } : undefined,
    markerEnd: { type: MarkerType.ArrowClosed },
  }));
  const step = selected ? p.doc.steps[selected] : undefined;
  const setStep = (id: string, s: FlowStepDoc) => p.setDoc({ ...p.doc, steps: { ...p.doc.steps, [id]: s } });
  const addStep = (type: FlowStepDoc['type']) => {
    let i = Object.keys(p.doc.steps).length + 1;
    while (p.doc.steps[`step${i}`]) i++;
    const id = `step${i}`;
    const s: FlowStepDoc =
      type === 'approve'
        ? { type, assignees: [{ role: 'finance-manager' }], next: '$approved' }
        : type === 'switch'
          ? { type, cases: [{ when: true, to: '$approved' }], default: '$rejected' }
          : { type, branches: { a: { start: '$approved' } }, next: '$approved' };
    setStep(id, s);
    setSelected(id);
  };
  const diagram = (
    <div style={{ height: 'calc(100vh - 260px)' }} data-testid="flow-diagram">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        nodesConnectable={false}
        onNodeClick={(_, n) => {
          const step = (n.data as { node: GraphNode }).node.step;
          if (step) setSelected(step);
        }}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable />
      </ReactFlow>
    </div>
  );
  return (
    <ThreePanes
      id="flow"
      left={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {t('flow.form')}: <Typography.Text code>{p.doc.subject?.form}</Typography.Text>
          </Typography.Text>
          <Typography.Title level={5}>{t('flow.steps')}</Typography.Title>
          <PlainList
            items={Object.entries(p.doc.steps)}
            itemKey={([id]) => id}
            testId="flow-steps"
            render={([id, s]) => (
              <button type="button" className="linklike" onClick={() => setSelected(id)} aria-current={id === selected}>
                <strong>{textOf(s.title, lang, id)}</strong> <Tag>{s.type}</Tag>
                {id === p.doc.start && <Tag color="blue">{t('flow.start')}</Tag>}
                {errorsAt(id).length > 0 && <Tag color="red">{errorsAt(id).length}</Tag>}
              </button>
            )}
          />
          <Space wrap>
            {(['approve', 'switch', 'parallel'] as const).map((type) => (
              <Button key={type} size="small" disabled={p.readOnly} onClick={() => addStep(type)}>
                + {t(`flow.type.${type}`)}
              </Button>
            ))}
          </Space>
          {p.errors.length > 0 && <ProblemList errors={p.errors} />}
        </Space>
      }
      center={
        <Tabs
          items={[
            { key: 'diagram', label: t('flow.diagram'), children: diagram },
            { key: 'json', label: t('defs.json'), children: <JsonPane {...p} schema={p.kind.metaSchema} /> },
            {
              key: 'simulate',
              label: t('flow.simulate'),
              children: <FlowSimulator defKey={p.defKey} onRoute={(route) => setSim(route && { doc: p.doc, route })} />,
            },
          ]}
        />
      }
      right={
        selected && step ? (
          <StepPane
            key={selected}
            id={selected}
            step={step}
            readOnly={p.readOnly}
            onChange={(s) => setStep(selected, s)}
            errors={errorsAt(selected).map((e) => ({
              ...e,
              pointer: e.pointer.slice(`/steps/${selected}`.length) || '/',
            }))}
            defKey={p.defKey}
          />
        ) : (
          <Empty description={t('flow.pick')} />
        )
      }
    />
  );
}

/** One step as JSON (assignees, decision mode, due times, return targets) and each guard in the rules editor. */
function StepPane(p: {
  id: string;
  step: FlowStepDoc;
  readOnly: boolean;
  onChange: (s: FlowStepDoc) => void;
  errors: { pointer: string; reason: string }[];
  defKey: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => pretty(p.step));
  const guards = (p.step.cases ?? []).map((c, i) => ({ at: i, when: c.when, to: c.to }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="step-pane">
      <Typography.Title level={5}>
        {t('flow.step')}: {p.id}
      </Typography.Title>
      <CodeEditor
        path={`hexiao://flows/${p.defKey}/steps/${p.id}.json`}
        value={text}
        height={280}
        readOnly={p.readOnly}
        ariaLabel={`${t('flow.step')} ${p.id}`}
        markers={p.errors.map((e) => ({ pointer: e.pointer, message: e.reason, severity: 'error' as const }))}
        onChange={(v) => {
          setText(v);
          try {
            p.onChange(JSON.parse(v) as FlowStepDoc);
          } catch {
            /* keep typing: the last valid step stays applied */
          }
        }}
      />
      {guards.length > 0 && <Typography.Title level={5}>{t('flow.guards')}</Typography.Title>}
      {guards.map((g) => (
        <div key={g.at}>
          <Typography.Text type="secondary">
            #{g.at + 1} → {g.to}
          </Typography.Text>
          <CodeEditor
            path={`hexiao://rules/flow-${p.defKey}-${p.id}-${g.at}.json`}
            value={pretty(g.when)}
            height={100}
            readOnly={p.readOnly}
            onChange={(v) => {
              try {
                const when = JSON.parse(v);
                const cases = [...(p.step.cases ?? [])];
                cases[g.at] = { ...cases[g.at]!, when };
                p.onChange({ ...p.step, cases });
                setText(pretty({ ...p.step, cases }));
              } catch {
                /* incomplete JSON */
              }
            }}
          />
        </div>
      ))}
    </Space>
  );
}
