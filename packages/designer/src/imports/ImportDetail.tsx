import { Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { imports } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/common.tsx';
import { ImportReportView } from './ImportReportView.tsx';

export default function ImportDetail(p: { id: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['import', p.id], queryFn: () => imports.get(p.id) });
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return <Skeleton active />;
  return (
    <div data-ready="true">
      <Typography.Title level={3}>
        {t('imports.report')} · {q.data.connector}
      </Typography.Title>
      <ImportReportView report={q.data.report} />
    </div>
  );
}
