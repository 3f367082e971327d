import { Alert, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KindEditorProps } from '../contract.ts';
import type { RuleSetDocument, RuleSetRule } from './index.ts';
import { ThreePanes } from '../../components/ThreePanes.tsx';
import { JsonPane } from '../../definitions/JsonPane.tsx';
import { ProblemList } from '../../components/common.tsx';
import { MatchingLab } from './MatchingLab.tsx';

/** Matching rule sets: the rules in order | the document as JSON against the meta-schema | problems, backtest, learning. */
export default function RuleSetEditor(p: KindEditorProps<RuleSetDocument>) {
  const { t } = useTranslation();
  const rules = Array.isArray(p.doc.rules) ? p.doc.rules : [];
  return (
    <ThreePanes
      id="rule-set"
      left={
        <div data-testid="rule-set-rules">
          <Typography.Title level={5}>{t('ruleSet.rules')}</Typography.Title>
          <Table<RuleSetRule & { order: number }>
            size="small"
            rowKey="order"
            pagination={false}
            dataSource={rules.map((r, i) => ({ ...r, order: i + 1 }))}
            columns={[
              { title: '#', dataIndex: 'order', width: 36 },
              {
                title: t('ruleSet.rule'),
                dataIndex: 'name',
                render: (v: string, r) => (
                  <>
                    {r.title ?? v}
                    <br />
                    <Typography.Text type="secondary">{r.stage}</Typography.Text>
                  </>
                ),
              },
              {
                title: t('ruleSet.mode'),
                dataIndex: 'mode',
                render: (m: string, r) => (
                  <Tag color={m === 'auto' ? 'green' : 'blue'}>
                    {t(`ruleSet.modes.${m}`, { defaultValue: m })}
                    {m === 'auto' ? ` ≥ ${r.threshold ?? 90}` : ''}
                  </Tag>
                ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('ruleSet.learned', {
              payers: p.doc.learnedPayers?.length ?? 0,
              shapes: p.doc.learnedReferences?.length ?? 0,
            })}
          </Typography.Paragraph>
        </div>
      }
      center={<JsonPane {...p} schema={p.kind.metaSchema} />}
      right={
        <>
          {p.errors.length ? <ProblemList errors={p.errors} /> : <Alert type="success" title={t('defs.noProblems')} />}
          <MatchingLab ruleSetKey={p.defKey} readOnly={p.readOnly} />
        </>
      }
    />
  );
}
