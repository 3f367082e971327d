import { Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requestsApi } from '../../api/workbench.ts';
import type { RequestSummary } from '../../api/workbench-types.ts';
import { EmptyState, ErrorAlert } from '../../components/common.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';

const statusColour: Record<string, string> = {
  running: 'blue',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

function ApprovalState(p: { request: RequestSummary }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['request-approval', p.request.id],
    queryFn: () => requestsApi.approval(p.request.id),
  });
  if (!q.data) return null;
  return (
    <span data-testid={`state-${p.request.number}`}>
      <Tag color={statusColour[q.data.status] ?? 'default'}>
        {t(`req.status.${q.data.status}`, { defaultValue: q.data.status })}
      </Tag>
      {q.data.openSteps.length > 0 && t('req.waitingAt', { steps: q.data.openSteps.join(', ') })}
    </span>
  );
}

/** What I filed, newest first, with where each approval stands. */
export function MyRequests() {
  const { t } = useTranslation();
  const lang = useLocale();
  const list = useQuery({ queryKey: ['my-requests'], queryFn: requestsApi.mine });
  if (list.data && list.data.items.length === 0) return <EmptyState text={t('req.noneYet')} />;
  return (
    <>
      <ErrorAlert error={list.error} />
      <Table
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        data-testid="my-requests"
        columns={[
          { title: t('inbox.request'), dataIndex: 'number' },
          { title: t('req.action'), dataIndex: 'action' },
          { title: t('inbox.requestedAt'), render: (_, r) => formatDateTime(r.createdAt, lang) },
          { title: t('req.state'), render: (_, r) => <ApprovalState request={r} /> },
        ]}
      />
    </>
  );
}
