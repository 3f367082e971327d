import { useState } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { openItems } from '../../api/workbench.ts';
import { EmptyState, ErrorAlert, Money } from '../../components/common.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import type { OpenItem } from '../../api/workbench-types.ts';
import { formatDate } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';
import { daysPastDue } from '../dashboard/drill.ts';
import { CustomerName } from './CustomerName.tsx';
import type { ReceivablesSearch } from './search.ts';

const pageSize = 50;

/** Open receivables filtered on the server (a chart's bucket, a customer, a due range) and paged by cursor. */
export default function OpenItemsPage(p: { search: ReceivablesSearch }) {
  const { t } = useTranslation();
  const lang = useLocale();
  const navigate = useNavigate();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const { bucket, ...filter } = p.search;
  const list = useQuery({
    queryKey: ['open-items', filter, cursor],
    queryFn: () => openItems.list({ ...filter, side: 'debit', open: 'true', limit: pageSize, cursor }),
    placeholderData: keepPreviousData,
  });
  const asOf = list.data?.asOf ?? filter.asOf ?? new Date().toISOString().slice(0, 10);
  const clear = (key: keyof ReceivablesSearch) => {
    const next = { ...p.search };
    delete next[key];
    if (key === 'bucket') {
      delete next.dueFrom;
      delete next.dueTo;
    }
    setCursors([undefined]);
    void navigate({ to: '/receivables', search: next });
  };
  const chips = (['bucket', 'customerId', 'region', 'salesOwner', 'asOf', 'currency'] as const).filter(
    (k) => p.search[k] !== undefined,
  );
  return (
    <div data-ready={list.isLoading ? 'false' : 'true'} data-testid="receivables">
      <Space className="page-head" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('recv.title')}
        </Typography.Title>
        {chips.map((k) => (
          <Tag key={k} closable onClose={() => clear(k)} data-testid={`filter-${k}`}>
            {t(`recv.filter.${k}`)}:{' '}
            {k === 'customerId' ? <CustomerName id={p.search.customerId!} /> : String(p.search[k])}
          </Tag>
        ))}
        {!bucket && (filter.dueFrom || filter.dueTo) && (
          <Tag>
            {t('recv.due')}: {filter.dueFrom ?? '…'} – {filter.dueTo ?? '…'}
          </Tag>
        )}
      </Space>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 && cursors.length === 1 ? (
        <EmptyState text={t('recv.empty')} />
      ) : (
        <DataTable<OpenItem>
          rowKey={(r) => r.documentId}
          loading={list.isFetching}
          data={list.data?.items}
          columns={[
            {
              id: 'number',
              header: t('recv.number'),
              cell: ({ row: { original: r } }) => (
                <Link to="/receivables/$id" params={{ id: r.documentId }}>
                  {r.number ?? r.documentId.slice(0, 8)}
                </Link>
              ),
            },
            {
              id: 'customer',
              header: t('recv.customer'),
              cell: ({ row: { original: r } }) =>
                r.customerId ? (
                  <Link to="/customers/$id" params={{ id: r.customerId }}>
                    {r.customer ? `${r.customer.code} ${r.customer.name}` : r.customerId.slice(0, 8)}
                  </Link>
                ) : (
                  '—'
                ),
            },
            {
              id: 'documentDate',
              header: t('recv.documentDate'),
              cell: ({ row: { original: r } }) => formatDate(r.documentDate, lang),
            },
            {
              id: 'dueDate',
              header: t('recv.dueDate'),
              cell: ({ row: { original: r } }) => formatDate(r.dueDate, lang),
            },
            {
              id: 'daysPastDue',
              header: t('recv.daysPastDue'),
              meta: { align: 'right' },
              cell: ({ row: { original: r } }) => {
                if (!r.dueDate) return '—';
                const d = daysPastDue(asOf, r.dueDate);
                return d > 0 ? <Typography.Text type="danger">{d}</Typography.Text> : d;
              },
            },
            {
              id: 'amount',
              header: t('recv.amount'),
              meta: { align: 'right' },
              cell: ({ row: { original: r } }) => <Money amount={r.amount} currency={r.currency} />,
            },
            {
              id: 'open',
              header: t('recv.open'),
              meta: { align: 'right' },
              cell: ({ row: { original: r } }) => <Money amount={r.openAmount} currency={r.currency} />,
            },
          ]}
        />
      )}
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('common.previous')}
        </Button>
        <Button
          disabled={!list.data?.next}
          data-testid="next-page"
          onClick={() => setCursors((c) => [...c, list.data!.next!])}
        >
          {t('common.next')}
        </Button>
      </Space>
    </div>
  );
}
