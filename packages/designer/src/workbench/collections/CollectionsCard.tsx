import { useState } from 'react';
import { App, Button, Card, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { collectionsApi } from '../../api/workbench.ts';
import type { Dispute, PaymentPromise } from '../../api/workbench-types.ts';
import { ErrorAlert, Money } from '../../components/common.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { formatDate } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';
import { useSession } from '../../app/session.ts';

const promiseColour: Record<PaymentPromise['status'], string> = {
  open: 'blue',
  kept: 'green',
  broken: 'red',
  cancelled: 'default',
};

/** Promises to pay and disputes of a customer or of one receivable, with withdraw and resolve. */
export function CollectionsCard(p: { customerId?: string; documentId?: string; onChange?: () => void }) {
  const { t } = useTranslation();
  const lang = useLocale();
  const { message } = App.useApp();
  const { perms } = useSession();
  const qc = useQueryClient();
  const q = {
    ...(p.customerId ? { customerId: p.customerId } : {}),
    ...(p.documentId ? { documentId: p.documentId } : {}),
  };
  const promises = useQuery({ queryKey: ['promises', q], queryFn: () => collectionsApi.promises(q) });
  const disputes = useQuery({ queryKey: ['disputes', q], queryFn: () => collectionsApi.disputes(q) });
  const [acting, setActing] = useState<{ type: 'cancel' | 'resolve'; id: string } | null>(null);
  const act = useMutation({
    mutationFn: async (text: string): Promise<unknown> =>
      acting!.type === 'cancel'
        ? collectionsApi.cancelPromise(acting!.id, text)
        : collectionsApi.resolve(acting!.id, text),
    onSuccess: () => {
      void message.success(acting!.type === 'cancel' ? t('coll.withdrawn') : t('coll.resolved'));
      setActing(null);
      void qc.invalidateQueries({ queryKey: ['promises'] });
      void qc.invalidateQueries({ queryKey: ['disputes'] });
      p.onChange?.();
    },
  });
  const canWrite = perms.has('receivable.write');
  const doc = (id: string) => (
    <Link to="/receivables/$id" params={{ id }}>
      {t('coll.item')}
    </Link>
  );
  return (
    <Card size="small" title={t('coll.title')} style={{ marginTop: 12 }} data-testid="collections">
      <ErrorAlert error={promises.error ?? disputes.error} />
      <Table<PaymentPromise>
        size="small"
        rowKey="id"
        pagination={false}
        loading={promises.isLoading}
        dataSource={promises.data?.items ?? []}
        locale={{ emptyText: t('coll.noPromises') }}
        title={() => t('coll.promises')}
        columns={[
          { title: t('coll.promisedDate'), dataIndex: 'promisedDate', render: (d: string) => formatDate(d, lang) },
          { title: t('coll.amount'), render: (_, r) => <Money amount={r.amount} currency={r.currency} /> },
          { title: t('coll.paidSince'), render: (_, r) => <Money amount={r.paidSince} currency={r.currency} /> },
          {
            title: t('coll.status'),
            render: (_, r) => (
              <Tag color={r.due ? 'orange' : promiseColour[r.status]}>
                {t(`coll.promiseStatus.${r.due ? 'due' : r.status}`)}
              </Tag>
            ),
          },
          { title: t('coll.note'), render: (_, r) => r.outcome?.reason ?? r.note ?? '' },
          ...(p.documentId ? [] : [{ title: '', render: (_: unknown, r: PaymentPromise) => doc(r.documentId) }]),
          {
            title: '',
            render: (_, r) =>
              canWrite && r.status === 'open' ? (
                <Button size="small" type="link" onClick={() => setActing({ type: 'cancel', id: r.id })}>
                  {t('coll.withdraw')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Table<Dispute>
        size="small"
        rowKey="id"
        pagination={false}
        loading={disputes.isLoading}
        dataSource={disputes.data?.items ?? []}
        locale={{ emptyText: t('coll.noDisputes') }}
        title={() => t('coll.disputes')}
        style={{ marginTop: 8 }}
        columns={[
          { title: t('coll.openedOn'), dataIndex: 'openedOn', render: (d: string) => formatDate(d, lang) },
          { title: t('coll.categoryLabel'), render: (_, r) => t(`coll.category.${r.category}`) },
          { title: t('coll.reason'), dataIndex: 'reason' },
          {
            title: t('coll.amount'),
            render: (_, r) => (r.amount ? <Money amount={r.amount} currency={r.currency} /> : t('coll.wholeItem')),
          },
          {
            title: t('coll.status'),
            render: (_, r) => (
              <Tag color={r.status === 'open' ? 'magenta' : 'green'}>{t(`coll.disputeStatus.${r.status}`)}</Tag>
            ),
          },
          { title: t('coll.resolution'), render: (_, r) => r.resolution?.text ?? '' },
          ...(p.documentId ? [] : [{ title: '', render: (_: unknown, r: Dispute) => doc(r.documentId) }]),
          {
            title: '',
            render: (_, r) =>
              canWrite && r.status === 'open' ? (
                <Button size="small" type="link" onClick={() => setActing({ type: 'resolve', id: r.id })}>
                  {t('coll.resolve')}
                </Button>
              ) : null,
          },
        ]}
      />
      <ReasonModal
        open={acting !== null}
        title={acting?.type === 'cancel' ? t('coll.withdrawTitle') : t('coll.resolveTitle')}
        okText={acting?.type === 'cancel' ? t('coll.withdraw') : t('coll.resolve')}
        busy={act.isPending}
        error={act.error}
        onOk={(text) => act.mutate(text)}
        onCancel={() => setActing(null)}
      />
    </Card>
  );
}
