import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Input, Space, Statistic, Table, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { matching, requestsApi } from '../../api/workbench.ts';
import type { QueueReceipt, StartedForm } from '../../api/workbench-types.ts';
import { RequestForm } from '../requests/RequestForm.tsx';
import { ErrorAlert, Money } from '../../components/common.tsx';
import { formatDate } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';
import { allocationState, fillInOrder, type AllocationRow } from './allocation.ts';

/** Allocating a receipt by hand across its customer's open items: a running total, the remainder, one settlement. */
export function AllocatePanel(p: {
  receipt: QueueReceipt & { customer: NonNullable<QueueReceipt['customer']> };
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLocale();
  const { message } = App.useApp();
  const r = p.receipt;
  const items = useQuery({
    queryKey: ['queue-receivables', r.customer.id, r.currency],
    queryFn: () => matching.receivables({ customerId: r.customer.id, currency: r.currency, group: 'true', limit: 200 }),
  });
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  useEffect(() => setAmounts({}), [r.id]);
  const rows: AllocationRow[] = useMemo(
    () => (items.data?.items ?? []).map((i) => ({ id: i.id, open: i.open, amount: amounts[i.id] ?? '' })),
    [items.data, amounts],
  );
  const state = allocationState(r.open, rows);
  const post = useMutation({
    mutationFn: () =>
      matching.allocate({
        customerId: r.customer.id,
        reason: t('match.manualReason'),
        lines: rows
          .filter((x) => x.amount.trim() !== '' && Number(x.amount) !== 0)
          .map((x) => ({ debitDocumentId: x.id, creditDocumentId: r.id, amount: x.amount.trim() })),
      }),
    onSuccess: () => {
      void message.success(t('match.posted'));
      setAmounts({});
      p.onDone();
    },
  });
  // a form bound to the settlement override, when the tenant publishes one (its key is the tenant's choice)
  const forms = useQuery({ queryKey: ['forms'], queryFn: () => requestsApi.forms(), staleTime: 60_000 });
  const overrideForm = forms.data?.items.find((f) => f.action === 'settlement-override');
  const [override, setOverride] = useState<StartedForm>();
  const typed = rows.filter((x) => x.amount.trim() !== '' && Number(x.amount) !== 0).map((x) => x.id);
  const startOverride = useMutation({
    mutationFn: () => requestsApi.startForm(overrideForm!.key, typed, r.id),
    onSuccess: setOverride,
  });
  const fill = () => setAmounts(Object.fromEntries(fillInOrder(r.open, rows).map((x) => [x.id, x.amount])));
  return (
    <Card size="small" title={t('match.allocateTitle')} data-testid="allocate">
      <Space size="large" style={{ marginBottom: 8 }}>
        <Statistic title={t('match.receiptOpen')} valueRender={() => <Money amount={r.open} currency={r.currency} />} />
        <Statistic
          title={t('match.allocated')}
          valueRender={() => (
            <span data-testid="allocated">
              <Money amount={state.allocated} currency={r.currency} />
            </span>
          )}
        />
        <Statistic
          title={t('match.remaining')}
          valueRender={() => (
            <Typography.Text type={state.overReceipt ? 'danger' : undefined} data-testid="remaining">
              <Money amount={state.remaining} currency={r.currency} />
            </Typography.Text>
          )}
        />
      </Space>
      {state.overReceipt && (
        <Alert
          type={overrideForm ? 'warning' : 'error'}
          showIcon
          title={t('match.overReceipt')}
          description={overrideForm ? t('match.overrideHint') : undefined}
          action={
            overrideForm && (
              <Button
                size="small"
                loading={startOverride.isPending}
                onClick={() => startOverride.mutate()}
                data-testid="request-override"
              >
                {t('match.requestOverride')}
              </Button>
            )
          }
        />
      )}
      <ErrorAlert error={startOverride.error} />
      <Drawer
        open={!!override}
        size="large"
        title={t('match.overrideTitle', { number: r.number ?? '' })}
        onClose={() => setOverride(undefined)}
        destroyOnHidden
      >
        {override && <RequestForm started={override} onCancel={() => setOverride(undefined)} />}
      </Drawer>
      <Table
        size="small"
        rowKey="id"
        loading={items.isLoading}
        dataSource={items.data?.items}
        pagination={false}
        scroll={{ y: 280 }}
        locale={{ emptyText: t('match.noOpenItems') }}
        columns={[
          { title: t('recv.number'), dataIndex: 'number' },
          { title: t('recv.dueDate'), render: (_, i) => formatDate(i.dueDate, lang) },
          { title: t('recv.open'), align: 'right', render: (_, i) => <Money amount={i.open} currency={i.currency} /> },
          {
            title: t('match.allocate'),
            width: 150,
            render: (_, i) => (
              <Input
                aria-label={t('match.allocateTo', { number: i.number ?? '' })}
                inputMode="decimal"
                status={state.errors[i.id] ? 'error' : undefined}
                value={amounts[i.id] ?? ''}
                onChange={(e) => setAmounts((a) => ({ ...a, [i.id]: e.target.value }))}
                style={{ textAlign: 'right' }}
              />
            ),
          },
        ]}
      />
      {Object.values(state.errors).length > 0 && (
        <Typography.Paragraph type="danger">{t('match.badAmounts')}</Typography.Paragraph>
      )}
      <ErrorAlert error={post.error} />
      <Space style={{ marginTop: 8 }}>
        <Button onClick={fill} disabled={!items.data?.items.length}>
          {t('match.fillOldest')}
        </Button>
        <Button
          type="primary"
          disabled={!state.postable}
          loading={post.isPending}
          onClick={() => post.mutate()}
          data-testid="post-allocation"
        >
          {t('match.post')}
        </Button>
      </Space>
    </Card>
  );
}
