import { useState } from 'react';
import { Button, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requestsApi } from '../../api/workbench.ts';
import type { StartedForm } from '../../api/workbench-types.ts';
import { EmptyState, ErrorAlert, Money } from '../../components/common.tsx';
import { formatDate } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';
import { localText } from '../../i18n/local-text.ts';

/** A published screen lists its candidates; the clerk picks some and starts the screen's form for them. */
export function ScreenPicker(p: { onStarted: (s: StartedForm) => void }) {
  const { t } = useTranslation();
  const lang = useLocale();
  const screens = useQuery({ queryKey: ['screens'], queryFn: requestsApi.screens });
  const published = (screens.data?.items ?? []).filter((s) => s.status === 'published');
  const [key, setKey] = useState<string>();
  const chosen = key ?? published[0]?.key;
  const candidates = useQuery({
    queryKey: ['screen-candidates', chosen],
    queryFn: () => requestsApi.candidates(chosen!),
    enabled: chosen !== undefined,
  });
  const [selected, setSelected] = useState<string[]>([]);
  const start = useMutation({ mutationFn: () => requestsApi.start(chosen!, selected), onSuccess: p.onStarted });
  return (
    <div data-testid="screen-picker" data-ready={candidates.isLoading ? 'false' : 'true'}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          aria-label={t('req.screen')}
          data-testid="pick-screen"
          style={{ minWidth: 360 }}
          value={chosen}
          onChange={(k) => {
            setKey(k);
            setSelected([]);
          }}
          options={published.map((s) => ({ value: s.key, label: localText(s.title, lang) ?? s.key }))}
        />
        {candidates.data && (
          <Typography.Text type="secondary">
            {t('req.matched', { n: candidates.data.matched, asOf: candidates.data.asOf })}
          </Typography.Text>
        )}
        <Button
          type="primary"
          disabled={!selected.length}
          loading={start.isPending}
          onClick={() => start.mutate()}
          data-testid="start-request"
        >
          {t('req.start', { n: selected.length })}
        </Button>
      </Space>
      <ErrorAlert error={screens.error ?? candidates.error ?? start.error} />
      {screens.data && published.length === 0 ? (
        <EmptyState text={t('req.noScreens')} />
      ) : (
        <Table
          size="small"
          rowKey={(r) => r.item.id}
          loading={candidates.isFetching}
          dataSource={candidates.data?.rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }}
          columns={[
            { title: t('recv.number'), render: (_, r) => r.item.number ?? '—' },
            { title: t('recv.customer'), render: (_, r) => `${r.customer.code} ${r.customer.name}` },
            { title: t('recv.dueDate'), render: (_, r) => formatDate(r.item.dueDate, lang) },
            { title: t('recv.daysPastDue'), align: 'right', render: (_, r) => r.item.daysOverdue },
            {
              title: t('recv.open'),
              align: 'right',
              render: (_, r) => <Money amount={r.item.openAmount} currency={r.item.currency} />,
            },
          ]}
        />
      )}
    </div>
  );
}
