import { useState } from 'react';
import { Card, Descriptions, Space, Switch, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { receivableApi } from '../../api/workbench.ts';
import { ErrorAlert, Money } from '../../components/common.tsx';
import { formatDate } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';
import { useSession } from '../../app/session.ts';
import { CustomerName } from './CustomerName.tsx';
import { TimelineView } from './TimelineView.tsx';
import { CollectionsCard } from '../collections/CollectionsCard.tsx';
import { RecordCollection } from '../collections/RecordCollection.tsx';

/** One receivable: what it is and owes, and everything that happened to it. */
export default function ReceivablePage(p: { id: string }) {
  const { t } = useTranslation();
  const lang = useLocale();
  const [audit, setAudit] = useState(false);
  const { perms } = useSession();
  const qc = useQueryClient();
  const doc = useQuery({ queryKey: ['receivable', p.id], queryFn: () => receivableApi.get(p.id) });
  const timeline = useQuery({ queryKey: ['timeline', p.id], queryFn: () => receivableApi.timeline(p.id) });
  const d = doc.data;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['timeline', p.id] });
    void qc.invalidateQueries({ queryKey: ['receivable', p.id] });
    void qc.invalidateQueries({ queryKey: ['promises'] });
    void qc.invalidateQueries({ queryKey: ['disputes'] });
  };
  // compared as text: money never becomes a float here
  const open = !!d?.openAmount && !d.openAmount.startsWith('-') && !/^0*(\.0*)?$/.test(d.openAmount);
  return (
    <div data-testid="receivable" data-ready={doc.isLoading || timeline.isLoading ? 'false' : 'true'}>
      <Space className="page-head" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('rcv.title', { number: d?.number ?? '' })}
        </Typography.Title>
        {d && open && d.type !== 'receipt' && perms.has('receivable.write') && (
          <RecordCollection documentId={p.id} currency={d.currency} onDone={refresh} />
        )}
      </Space>
      <ErrorAlert error={doc.error ?? timeline.error} />
      {d && (
        <Card size="small">
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('recv.customer')}>
              {d.customerId ? (
                <Link to="/customers/$id" params={{ id: d.customerId }}>
                  <CustomerName id={d.customerId} />
                </Link>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('rcv.type')}>{d.type}</Descriptions.Item>
            <Descriptions.Item label={t('rcv.status')}>{d.status ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('recv.amount')}>
              <Money amount={d.amount} currency={d.currency} />
            </Descriptions.Item>
            <Descriptions.Item label={t('recv.open')}>
              <span data-testid="open-amount">
                <Money amount={d.openAmount} currency={d.currency} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('recv.dueDate')}>{formatDate(d.dueDate, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('recv.documentDate')}>{formatDate(d.documentDate, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('rcv.orderRef')}>{d.orderRef ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('rcv.description')}>{d.description ?? '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={t('rcv.history')}
        extra={
          <Space>
            {t('rcv.showAudit')}
            <Switch size="small" checked={audit} onChange={setAudit} aria-label={t('rcv.showAudit')} />
          </Space>
        }
      >
        {timeline.data && (
          <TimelineView
            entries={timeline.data.entries}
            showAudit={audit}
            canUndo={perms.has('settlement.reverse')}
            onChange={refresh}
          />
        )}
      </Card>
      <CollectionsCard documentId={p.id} onChange={refresh} />
    </div>
  );
}
