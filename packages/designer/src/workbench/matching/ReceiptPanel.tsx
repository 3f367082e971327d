import { Alert, Card, Descriptions, Empty, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '../../api/workbench-types.ts';
import { Money } from '../../components/common.tsx';
import { formatDate } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';
import { AllocatePanel } from './AllocatePanel.tsx';
import { AssignCustomer } from './AssignCustomer.tsx';
import { SuggestionCard } from './SuggestionCard.tsx';

/** What the bank said about one receipt, then what the clerk can do with it. */
export function ReceiptPanel(p: { entry: QueueEntry | undefined; onDone: () => void; canPost: boolean }) {
  const { t } = useTranslation();
  const lang = useLocale();
  if (!p.entry) return <Empty description={t('match.pick')} />;
  const { receipt: r, decision: d } = p.entry;
  const customer = r.customer;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="receipt-panel">
      <Card size="small" title={r.number} extra={<Tag>{t(`match.status.${p.entry.status}`)}</Tag>}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('match.amount')}>
            <Money amount={r.amount} currency={r.currency} />
          </Descriptions.Item>
          <Descriptions.Item label={t('match.open')}>
            <Money amount={r.open} currency={r.currency} />
          </Descriptions.Item>
          <Descriptions.Item label={t('match.date')}>
            {formatDate(r.valueDate ?? r.documentDate, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('match.customer')}>
            {customer ? `${customer.code} ${customer.name}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('match.payer')}>
            {[r.payerName, r.payerAccount].filter(Boolean).join(' · ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('match.reference')}>{r.endToEndId ?? r.bankReference ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('match.text')} span={2}>
            {r.text ?? '—'}
          </Descriptions.Item>
        </Descriptions>
        {d && d.detail.reasons.length > 0 && p.entry.status !== 'suggested' && (
          <Alert type="info" showIcon title={t('match.why', { reasons: d.detail.reasons.join('; ') })} />
        )}
        {p.entry.recovery && (
          <Alert type="warning" showIcon title={t('match.recovery', { amount: p.entry.recovery.amount })} />
        )}
      </Card>
      {p.canPost && p.entry.status === 'suggested' && d && <SuggestionCard entry={p.entry} onDone={p.onDone} />}
      {p.canPost && !customer && <AssignCustomer receiptId={r.id} onDone={p.onDone} />}
      {p.canPost && customer && <AllocatePanel receipt={{ ...r, customer }} onDone={p.onDone} />}
    </Space>
  );
}
