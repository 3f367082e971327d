import { useEffect, useState } from 'react';
import { Col, Empty, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { inbox } from '../../api/workbench.ts';
import { ErrorAlert, Money } from '../../components/common.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';
import { TaskDetail } from './TaskDetail.tsx';
import { localText } from '../../i18n/local-text.ts';

/** The approver's inbox: open tasks overdue first (as the server orders them), or what they decided. */
export default function InboxPage() {
  const { t } = useTranslation();
  const lang = useLocale();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [selected, setSelected] = useState<string>();
  const list = useQuery({ queryKey: ['inbox', status], queryFn: () => inbox.list(status) });
  const items = list.data?.items ?? [];
  const item = items.find((i) => i.task.id === selected);
  useEffect(() => {
    if (!item && items[0]) setSelected(items[0].task.id);
  }, [item, items]);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['inbox'] });
    void qc.invalidateQueries({ queryKey: ['approval'] });
    void qc.invalidateQueries({ queryKey: ['notifications'] });
  };
  return (
    <div data-ready={list.isLoading ? 'false' : 'true'} data-testid="inbox">
      <Space className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('inbox.title')}
        </Typography.Title>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'open' | 'done')}
          options={[
            { value: 'open', label: t('inbox.open') },
            { value: 'done', label: t('inbox.done') },
          ]}
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Table
            size="small"
            rowKey={(i) => i.task.id}
            loading={list.isFetching}
            dataSource={items}
            pagination={false}
            rowClassName={(i) => (i.task.id === selected ? 'clickable ant-table-row-selected' : 'clickable')}
            onRow={(i) => ({ onClick: () => setSelected(i.task.id) })}
            locale={{ emptyText: t('inbox.empty') }}
            columns={[
              {
                title: t('inbox.request'),
                render: (_, i) => (
                  <div>
                    <div>
                      {i.request.number} {i.task.overdue && <Tag color="red">{t('inbox.overdue')}</Tag>}
                    </div>
                    <Typography.Text type="secondary">
                      {localText(i.task.stepTitle, lang) ?? i.task.step}
                    </Typography.Text>
                  </div>
                ),
              },
              { title: t('inbox.customer'), render: (_, i) => i.request.customer?.name ?? '—' },
              {
                title: t('inbox.amount'),
                align: 'right',
                render: (_, i) =>
                  i.request.amount ? <Money amount={i.request.amount} currency={i.request.currency ?? 'CNY'} /> : '—',
              },
              { title: t('inbox.due'), render: (_, i) => formatDateTime(i.task.dueAt, lang) },
            ]}
          />
        </Col>
        <Col xs={24} xl={14}>
          {item ? (
            <TaskDetail key={item.task.id} item={item} onDone={refresh} />
          ) : (
            <Empty description={t('inbox.pick')} />
          )}
        </Col>
      </Row>
    </div>
  );
}
