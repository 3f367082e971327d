import { Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { jobs } from '../../api/workbench.ts';
import type { JobView } from '../../api/workbench-types.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';
import { resultSummary } from './summary.ts';

const stateColour: Record<JobView['state'], string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};

/** My jobs (every job of the tenant for administrators and auditors): runs, imports, sweeps, with their progress. */
export default function JobsPage() {
  const { t } = useTranslation();
  const lang = useLocale();
  const list = useQuery({
    queryKey: ['jobs'],
    queryFn: () => jobs.list({ limit: 100 }),
    // while something runs, the list follows it
    refetchInterval: (q) =>
      q.state.data?.jobs.some((j) => j.state === 'queued' || j.state === 'running') ? 1500 : false,
  });
  return (
    <div data-ready={list.isLoading ? 'false' : 'true'} data-testid="jobs-page">
      <Typography.Title level={3}>{t('jobs.title')}</Typography.Title>
      <ErrorAlert error={list.error} />
      <Table
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.jobs ?? []}
        pagination={false}
        locale={{ emptyText: t('jobs.empty') }}
        columns={[
          { title: t('jobs.what'), render: (_, j) => j.titles[lang] },
          {
            title: t('jobs.state'),
            render: (_, j) => <Tag color={stateColour[j.state]}>{t(`jobs.states.${j.state}`)}</Tag>,
          },
          {
            title: t('jobs.progressOrResult'),
            render: (_, j) =>
              j.state === 'queued' || j.state === 'running' ? (
                <JobProgress job={j} />
              ) : (
                <Typography.Text type={j.state === 'failed' ? 'danger' : undefined}>
                  {resultSummary(j, t)}
                </Typography.Text>
              ),
          },
          { title: t('jobs.by'), dataIndex: 'createdByName' },
          { title: t('jobs.submitted'), render: (_, j) => formatDateTime(j.createdAt, lang) },
          { title: t('jobs.finished'), render: (_, j) => formatDateTime(j.finishedAt, lang) },
        ]}
      />
    </div>
  );
}
