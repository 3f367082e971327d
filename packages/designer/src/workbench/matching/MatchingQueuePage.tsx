import { useEffect, useState } from 'react';
import { App, Button, Col, Input, Row, Segmented, Space, Tag, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { matching } from '../../api/workbench.ts';
import type { QueueEntry, RunReport } from '../../api/workbench-types.ts';
import { ErrorAlert, Money } from '../../components/common.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDate } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';
import { useSession } from '../../app/session.ts';
import { ReceiptPanel } from './ReceiptPanel.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useJob } from '../../components/useJob.ts';

const statuses = ['all', 'suggested', 'held', 'unmatched', 'unidentified'] as const;
const statusColour: Record<QueueEntry['status'], string> = {
  suggested: 'blue',
  held: 'orange',
  unmatched: 'default',
};

/** The clerk's queue: receipts with money still open on the left, the chosen one's evidence and actions on the right. */
export default function MatchingQueuePage() {
  const { t } = useTranslation();
  const lang = useLocale();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { perms } = useSession();
  const [status, setStatus] = useState<(typeof statuses)[number]>('all');
  const [q, setQ] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [selected, setSelected] = useState<string>();
  const [lastRun, setLastRun] = useState<RunReport>();
  const cursor = cursors[cursors.length - 1];
  const queue = useQuery({
    queryKey: ['queue', status, q, cursor],
    queryFn: () =>
      matching.queue({ status: status === 'all' ? undefined : status, q: q || undefined, cursor, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  const items = queue.data?.items ?? [];
  const entry = items.find((i) => i.receipt.id === selected);
  useEffect(() => {
    if (!entry && items[0]) setSelected(items[0].receipt.id);
  }, [entry, items]);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['queue'] });
    void qc.invalidateQueries({ queryKey: ['queue-receivables'] });
  };
  // a run is a job on the server: the page follows its progress and shows the report when it ends
  const run = useMutation({ mutationFn: matching.runAsJob });
  const job = useJob(run.data);
  useEffect(() => {
    if (job?.state !== 'succeeded') return;
    const r = job.result as RunReport;
    setLastRun(r);
    void message.success(t('match.ran', r.counts));
    refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per finished job
  }, [job?.id, job?.state]);
  const running = run.isPending || job?.state === 'queued' || job?.state === 'running';
  const move = (delta: number) => {
    const i = items.findIndex((x) => x.receipt.id === selected);
    const next = items[Math.min(items.length - 1, Math.max(0, i + delta))];
    if (next) setSelected(next.receipt.id);
  };
  const nextPage = () => setCursors((c) => [...c, queue.data!.next!]);
  const previousPage = () => setCursors((c) => c.slice(0, -1));
  const canPost = perms.has('settlement.post');
  return (
    <div data-ready={queue.isLoading ? 'false' : 'true'} data-testid="matching-queue">
      <Space className="page-head" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('match.title')}
        </Typography.Title>
        {canPost && (
          <Button
            type="primary"
            icon={<ThunderboltOutlined />}
            loading={running}
            onClick={() => run.mutate()}
            data-testid="run-matching"
          >
            {t('match.run')}
          </Button>
        )}
        {job && job.state !== 'succeeded' && <JobProgress job={job} />}
        {lastRun && job?.state === 'succeeded' && (
          <Typography.Text data-testid="run-result">
            {t('match.ran', lastRun.counts)} ({lastRun.ruleSet.key} v{lastRun.ruleSet.version})
          </Typography.Text>
        )}
      </Space>
      <ErrorAlert error={queue.error ?? run.error} />
      <Row gutter={16}>
        <Col xs={24} xl={11}>
          <Space style={{ marginBottom: 8 }} wrap>
            <Segmented
              aria-label={t('match.statusFilter')}
              data-testid="queue-status"
              value={status}
              onChange={(v) => {
                setStatus(v as (typeof statuses)[number]);
                setCursors([undefined]);
              }}
              options={statuses.map((s) => ({ value: s, label: t(`match.status.${s}`) }))}
            />
            <Input.Search
              aria-label={t('match.search')}
              placeholder={t('match.search')}
              allowClear
              onSearch={(v) => {
                setQ(v.trim());
                setCursors([undefined]);
              }}
              style={{ width: 220 }}
            />
          </Space>
          <div
            tabIndex={0}
            aria-label={t('match.keys')}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'j') (e.preventDefault(), move(1));
              if (e.key === 'ArrowUp' || e.key === 'k') (e.preventDefault(), move(-1));
              if ((e.key === 'PageDown' || e.key === 'n') && queue.data?.next) (e.preventDefault(), nextPage());
              if ((e.key === 'PageUp' || e.key === 'p') && cursors.length > 1) (e.preventDefault(), previousPage());
            }}
          >
            <DataTable<QueueEntry>
              rowKey={(e) => e.receipt.id}
              loading={queue.isFetching}
              data={items}
              selected={selected}
              onRowClick={(e) => setSelected(e.receipt.id)}
              empty={t('match.empty')}
              columns={[
                {
                  id: 'date',
                  header: t('match.date'),
                  cell: ({ row: { original: e } }) => formatDate(e.receipt.valueDate ?? e.receipt.documentDate, lang),
                },
                {
                  id: 'payer',
                  header: t('match.payerOrText'),
                  cell: ({ row: { original: e } }) => (
                    <div>
                      <div>
                        {e.receipt.customer
                          ? `${e.receipt.customer.code} ${e.receipt.customer.name}`
                          : (e.receipt.payerName ?? '—')}
                      </div>
                      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 220 }}>
                        {e.receipt.text}
                      </Typography.Text>
                    </div>
                  ),
                },
                {
                  id: 'open',
                  header: t('match.open'),
                  meta: { align: 'right' },
                  cell: ({ row: { original: e } }) => <Money amount={e.receipt.open} currency={e.receipt.currency} />,
                },
                {
                  id: 'state',
                  header: t('match.state'),
                  cell: ({ row: { original: e } }) => (
                    <Space size={4}>
                      <Tag color={statusColour[e.status]}>{t(`match.status.${e.status}`)}</Tag>
                      {e.decision && e.status === 'suggested' && <Tag>{e.decision.score}</Tag>}
                    </Space>
                  ),
                },
              ]}
            />
          </div>
          <Space style={{ marginTop: 8 }}>
            <Button disabled={cursors.length === 1} onClick={previousPage}>
              {t('common.previous')}
            </Button>
            <Button disabled={!queue.data?.next} onClick={nextPage}>
              {t('common.next')}
            </Button>
          </Space>
        </Col>
        <Col xs={24} xl={13}>
          <ReceiptPanel key={entry?.receipt.id} entry={entry} onDone={refresh} canPost={canPost} />
        </Col>
      </Row>
    </div>
  );
}
