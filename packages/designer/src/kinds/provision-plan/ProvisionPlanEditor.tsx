import { useState } from 'react';
import { Alert, Button, Empty, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KindEditorProps } from '../contract.ts';
import { ThreePanes } from '../../components/ThreePanes.tsx';
import { PlainList, ProblemList } from '../../components/common.tsx';
import { JsonPane } from '../../definitions/JsonPane.tsx';
import { percentRate, ratePercent } from './percent.ts';
import { addBucket, withStage, type PlanBucket, type PlanDoc, type PlanStage } from './plan.ts';

/** A rate typed as a percent: the plan changes only when the text is a rate; until the field is left, it shows what was typed. */
function PercentInput(p: { rate: string; label: string; readOnly: boolean; onRate: (rate: string) => void }) {
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed ?? ratePercent(p.rate);
  return (
    <Input
      aria-label={p.label}
      value={text}
      status={percentRate(text) === null ? 'error' : undefined}
      suffix="%"
      readOnly={p.readOnly}
      style={{ width: 100, textAlign: 'right' }}
      onBlur={() => setTyped(null)}
      onChange={(e) => {
        setTyped(e.target.value);
        const r = percentRate(e.target.value);
        if (r !== null) p.onRate(r);
      }}
    />
  );
}

/** A bucket's bound in days (empty: unbounded). */
function DaysInput(p: { label: string; value?: number; readOnly: boolean; onChange: (v?: number) => void }) {
  return (
    <InputNumber
      aria-label={p.label}
      value={p.value}
      precision={0}
      placeholder="∞"
      style={{ width: 70 }}
      readOnly={p.readOnly}
      onChange={(v) => p.onChange(v ?? undefined)}
    />
  );
}

/** An aging matrix as a table: each bucket's days and rate, buckets added and removed in order. */
function MatrixTable(p: { stage: PlanStage; readOnly: boolean; onChange: (s: PlanStage) => void }) {
  const { t } = useTranslation();
  const buckets = p.stage.buckets ?? [];
  const set = (i: number, b: PlanBucket) =>
    p.onChange({ ...p.stage, buckets: buckets.map((x, k) => (k === i ? b : x)) });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={buckets}
        scroll={{ x: 'max-content' }}
        data-testid="plan-buckets"
        columns={[
          {
            title: t('plan.bucket'),
            render: (_, b, i) => (
              <Input
                aria-label={`${t('plan.bucket')} ${i + 1}`}
                value={b.id}
                style={{ width: 90 }}
                readOnly={p.readOnly}
                onChange={(e) => set(i, { ...b, id: e.target.value })}
              />
            ),
          },
          {
            title: t('plan.from'),
            render: (_, b, i) => (
              <DaysInput
                label={`${t('plan.from')} ${b.id}`}
                value={b.from}
                readOnly={p.readOnly}
                onChange={(from) => set(i, { ...b, from })}
              />
            ),
          },
          {
            title: t('plan.to'),
            render: (_, b, i) => (
              <DaysInput
                label={`${t('plan.to')} ${b.id}`}
                value={b.to}
                readOnly={p.readOnly}
                onChange={(to) => set(i, { ...b, to })}
              />
            ),
          },
          {
            title: t('plan.rate'),
            render: (_, b, i) => (
              <PercentInput
                rate={b.rate}
                label={`${t('plan.rate')} ${b.id}`}
                readOnly={p.readOnly}
                onRate={(rate) => set(i, { ...b, rate })}
              />
            ),
          },
          {
            title: '',
            render: (_, b, i) => (
              <Button
                size="small"
                type="text"
                aria-label={`${t('plan.remove')} ${b.id}`}
                title={t('plan.remove')}
                disabled={p.readOnly || buckets.length <= 1}
                onClick={() => p.onChange({ ...p.stage, buckets: buckets.filter((_x, k) => k !== i) })}
              >
                ✕
              </Button>
            ),
          },
        ]}
      />
      <Button
        size="small"
        disabled={p.readOnly}
        onClick={() => p.onChange({ ...p.stage, buckets: addBucket(buckets) })}
        data-testid="add-bucket"
      >
        + {t('plan.addBucket')}
      </Button>
    </Space>
  );
}

/** Provision plans: settings and stages | the selected stage (an aging matrix as a table) or JSON | problems. */
export default function ProvisionPlanEditor(p: KindEditorProps<PlanDoc>) {
  const { t } = useTranslation();
  const stages = p.doc.stages ?? [];
  const [selected, setSelected] = useState(() =>
    Math.max(
      0,
      stages.findIndex((s) => s.type === 'aging-matrix'),
    ),
  );
  const stage = stages[selected];
  const setStage = (s: PlanStage) => p.setDoc(withStage(p.doc, selected, s));
  const stagePane = !stage ? (
    <Empty />
  ) : stage.type === 'aging-matrix' ? (
    <MatrixTable stage={stage} readOnly={p.readOnly} onChange={setStage} />
  ) : (
    <Space orientation="vertical">
      {stage.rate !== undefined && (
        <Form.Item label={t('plan.rate')}>
          <PercentInput
            rate={stage.rate}
            label={t('plan.rate')}
            readOnly={p.readOnly}
            onRate={(rate) => setStage({ ...stage, rate })}
          />
        </Form.Item>
      )}
      <Alert type="info" showIcon title={t('plan.jsonHint')} />
    </Space>
  );
  return (
    <ThreePanes
      id="provision-plan"
      left={
        <Form layout="vertical" disabled={p.readOnly}>
          <Form.Item label={t('plan.title')}>
            <Input value={p.doc.title ?? ''} onChange={(e) => p.setDoc({ ...p.doc, title: e.target.value })} />
          </Form.Item>
          <Form.Item label={t('plan.t0')}>
            <Select
              value={p.doc.t0 ?? 'dueDate'}
              onChange={(t0) => p.setDoc({ ...p.doc, t0 })}
              options={(['dueDate', 'documentDate', 'postingDate'] as const).map((v) => ({
                value: v,
                label: t(`plan.t0s.${v}`),
              }))}
            />
          </Form.Item>
          <Typography.Title level={5}>{t('plan.stages')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('plan.stagesHint')}</Typography.Paragraph>
          <PlainList
            items={stages.map((s, i) => [s, i] as const)}
            itemKey={([s, i]) => `${i}:${s.id}`}
            testId="plan-stages"
            render={([s, i]) => (
              <button type="button" className="linklike" onClick={() => setSelected(i)} aria-current={i === selected}>
                <strong>{s.id}</strong> <Tag>{t(`plan.type.${s.type}`)}</Tag>
              </button>
            )}
          />
        </Form>
      }
      center={
        <Tabs
          items={[
            { key: 'stage', label: stage ? `${t('plan.stage')}: ${stage.id}` : t('plan.stage'), children: stagePane },
            { key: 'json', label: t('defs.json'), children: <JsonPane {...p} schema={p.kind.metaSchema} /> },
          ]}
        />
      }
      right={
        p.errors.length ? <ProblemList errors={p.errors} /> : <Alert type="success" title={t('defs.noProblems')} />
      }
    />
  );
}
