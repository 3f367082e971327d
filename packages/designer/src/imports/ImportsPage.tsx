import { Button, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { imports } from '../api/endpoints.ts';
import { EmptyState, ErrorAlert } from '../components/common.tsx';
import { formatDateTime } from '../app/format.ts';
import { useLocale } from '../app/locale.ts';
import { useSession } from '../app/session.ts';

export default function ImportsPage() {
  const { t } = useTranslation();
  const lang = useLocale();
  const navigate = useNavigate();
  const { perms } = useSession();
  const list = useQuery({ queryKey: ['imports'], queryFn: () => imports.list() });
  const newButton = perms.has('import.run') && (
    <Link to="/imports/new">
      <Button type="primary" icon={<PlusOutlined />}>
        {t('imports.new')}
      </Button>
    </Link>
  );
  return (
    <div>
      <Space className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('imports.title')}
        </Typography.Title>
        {newButton}
      </Space>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? (
        <EmptyState text={t('imports.empty')} action={newButton} />
      ) : (
        <Table
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items}
          pagination={false}
          rowClassName="clickable"
          onRow={(r) => ({
            onClick: () => void navigate({ to: '/imports/$id', params: { id: r.id } }),
            tabIndex: 0,
            onKeyDown: (e) => e.key === 'Enter' && void navigate({ to: '/imports/$id', params: { id: r.id } }),
          })}
          columns={[
            { title: t('imports.startedAt'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v, lang) },
            { title: t('connector.connector'), dataIndex: 'connector' },
            { title: t('imports.config'), render: (_, r) => (r.config ? `${r.config.key} v${r.config.version}` : '—') },
            { title: t('imports.read'), dataIndex: 'read', align: 'right' },
            { title: t('imports.created'), dataIndex: 'created', align: 'right' },
            { title: t('imports.duplicates'), dataIndex: 'duplicates', align: 'right' },
            { title: t('imports.rejected'), dataIndex: 'rejected', align: 'right' },
            { title: t('imports.by'), dataIndex: 'createdBy' },
          ]}
        />
      )}
    </div>
  );
}
