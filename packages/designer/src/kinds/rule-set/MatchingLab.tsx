import { useState } from 'react';
import { Button, Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { definitions, matchingLab } from '../../api/endpoints.ts';
import type { Responses } from '../../api/responses.generated.ts';
import { ErrorAlert } from '../../components/common.tsx';

type Backtest = Responses['POST /matching-backtests'];
type Figures = Backtest['candidate'];
type Learned = Responses['POST /matching-proposals'];

const pct = (v: number | null) => (v === null ? '—' : `${v} %`);

/** The draft tried on a period of history beside the published version, and rules learned from clerks' hands. */
export function MatchingLab(p: { ruleSetKey: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(1, 'year'), dayjs()]);
  const range = { from: period[0].format('YYYY-MM-DD'), to: period[1].format('YYYY-MM-DD') };
  const backtest = useMutation({
    mutationFn: () => matchingLab.backtest({ ruleSet: { key: p.ruleSetKey }, ...range }),
  });
  const learn = useMutation({ mutationFn: () => matchingLab.propose({ ruleSet: { key: p.ruleSetKey }, ...range }) });
  return (
    <Card size="small" title={t('ruleSet.lab')} style={{ marginTop: 12 }} data-testid="matching-lab">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <DatePicker.RangePicker
          value={period}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setPeriod([v[0], v[1]])}
          aria-label={t('ruleSet.period')}
        />
        <Space wrap>
          <Button type="primary" onClick={() => backtest.mutate()} loading={backtest.isPending} disabled={p.readOnly}>
            {t('ruleSet.backtest')}
          </Button>
          <Button onClick={() => learn.mutate()} loading={learn.isPending} disabled={p.readOnly}>
            {t('ruleSet.learn')}
          </Button>
        </Space>
        <ErrorAlert error={backtest.error ?? learn.error} />
        {backtest.data && <BacktestResult result={backtest.data} />}
        {learn.data && <LearnResult result={learn.data} />}
      </Space>
    </Card>
  );
}

function BacktestResult({ result }: { result: Backtest }) {
  const { t } = useTranslation();
  const row = (label: string, of: (f: Figures) => string | number) => ({
    label,
    draft: of(result.candidate),
    published: of(result.published),
  });
  const rows = [
    row(t('ruleSet.auto'), (f) => f.counts.auto),
    row(t('ruleSet.suggested'), (f) => f.counts.suggested),
    row(t('ruleSet.unmatched'), (f) => f.counts.unmatched),
    row(t('ruleSet.held'), (f) => f.counts.held),
    row(t('ruleSet.matchRate'), (f) => `${f.matchRate} %`),
    row(t('ruleSet.precision'), (f) => pct(f.precision)),
  ];
  return (
    <div data-testid="backtest-result">
      <Typography.Text type="secondary">
        {t('ruleSet.backtestOf', {
          receipts: result.receipts,
          settled: result.settledByPeople,
          from: result.period.from,
          to: result.period.to,
        })}
      </Typography.Text>
      <Table
        size="small"
        rowKey="label"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '', dataIndex: 'label' },
          {
            title: t(result.candidate.ruleSet.status === 'draft' ? 'ruleSet.draftVersion' : 'ruleSet.thisVersion', {
              version: result.candidate.ruleSet.version,
            }),
            dataIndex: 'draft',
          },
          {
            title: t('ruleSet.publishedVersion', { version: result.published.ruleSet.version }),
            dataIndex: 'published',
          },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 8 }} data-testid="backtest-changes">
        {t('ruleSet.changes', { count: result.changes.total })}
      </Typography.Paragraph>
      {result.flaggedForDemotion.length > 0 && (
        <Typography.Paragraph>
          {t('ruleSet.flagged')}{' '}
          {result.flaggedForDemotion.map((r) => (
            <Tag color="red" key={r}>
              {r}
            </Tag>
          ))}
        </Typography.Paragraph>
      )}
    </div>
  );
}

function LearnResult({ result }: { result: Learned }) {
  const { t } = useTranslation();
  if (!result.draft)
    return (
      <Typography.Paragraph data-testid="learn-result">
        {t('ruleSet.noProposals')}
        {result.skipped.length > 0 && ` ${t('ruleSet.skipped', { count: result.skipped.length })}`}
      </Typography.Paragraph>
    );
  return (
    <div data-testid="learn-result">
      <Typography.Paragraph>
        {t('ruleSet.proposalDraft', { key: result.draft.key, version: result.draft.version })}
      </Typography.Paragraph>
      <ul>
        {result.proposals.map((x) =>
          x.kind === 'payer-account' ? (
            <li key={`p:${x.account}`}>
              {t('ruleSet.payerProposal', {
                account: x.account,
                customer: `${x.customer.code} ${x.customer.name}`,
                count: x.settlements,
              })}
            </li>
          ) : (
            <li key={`s:${x.text}:${x.number}`}>
              {t('ruleSet.shapeProposal', { text: x.text, number: x.number, count: x.settlements })}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
