import { Button, Card, Col, Descriptions, Row, Space, Statistic, Tag, Typography } from 'antd';
import { FilePdfOutlined, FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { records } from '../../api/endpoints.ts';
import { customerApi, reports } from '../../api/workbench.ts';
import { ErrorAlert, Money } from '../../components/common.tsx';
import { useLocale } from '../../app/locale.ts';
import { formatDate } from '../../app/format.ts';
import { CollectionsCard } from '../collections/CollectionsCard.tsx';
import { localText } from '../../i18n/local-text.ts';

const gradeColour: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/**
 * A customer at a glance: who they are, their credit, their aging, their promises to pay and disputes, and links
 * to their open items and statement.
 */
export default function CustomerPage(p: { id: string }) {
  const { t } = useTranslation();
  const lang = useLocale();
  const customer = useQuery({
    queryKey: ['customer', p.id],
    queryFn: () => records.customer(p.id),
    staleTime: Infinity,
  });
  const credit = useQuery({ queryKey: ['credit', p.id], queryFn: () => customerApi.credit(p.id), retry: false });
  const scores = useQuery({ queryKey: ['credit-scores', p.id], queryFn: () => customerApi.scores(p.id), retry: false });
  const aging = useQuery({
    queryKey: ['aging-customer', p.id],
    queryFn: () => reports.aging({ customerId: p.id, limit: 1 }),
  });
  const c = customer.data;
  const currency = aging.data?.baseCurrency ?? 'CNY';
  return (
    <div data-testid="customer" data-ready={customer.isLoading || aging.isLoading ? 'false' : 'true'}>
      <Space className="page-head" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {c ? `${c.code} ${c.name}` : ''}
        </Typography.Title>
        {credit.data?.grade && (
          <Tag color={gradeColour[credit.data.grade] ?? 'default'}>{t('cust.grade', { grade: credit.data.grade })}</Tag>
        )}
        <Link to="/receivables" search={{ customerId: p.id }}>
          <Button>{t('cust.openItems')}</Button>
        </Link>
        <a href={customerApi.statementUrl(p.id, lang)} target="_blank" rel="noreferrer">
          <Button icon={<FileTextOutlined />}>{t('cust.statement')}</Button>
        </a>
        <a href={customerApi.statementUrl(p.id, lang, 'pdf')} data-testid="statement-pdf">
          <Button icon={<FilePdfOutlined />}>{t('cust.statementPdf')}</Button>
        </a>
      </Space>
      <ErrorAlert error={customer.error ?? aging.error} />
      {c && (
        <Card size="small">
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('cust.region')}>{c.region ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cust.salesOwner')}>{c.salesOwner ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cust.billingEmail')}>{c.billingEmail ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cust.currency')}>{c.currency ?? '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        {credit.data && (
          <Col xs={24} md={8}>
            <Card size="small" title={t('cust.credit')} data-testid="credit">
              <Statistic title={t('cust.score')} value={credit.data.score ?? '—'} />
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('cust.limit')}>
                  <Money amount={credit.data.limit ?? null} currency={currency} />
                </Descriptions.Item>
                <Descriptions.Item label={t('cust.exposure')}>
                  <Money amount={credit.data.exposure ?? null} currency={currency} />
                </Descriptions.Item>
                <Descriptions.Item label={t('dash.available')}>
                  <Money amount={credit.data.available ?? null} currency={currency} />
                </Descriptions.Item>
              </Descriptions>
              {!!scores.data?.items.length && (
                <div data-testid="score-history">
                  <Typography.Text type="secondary">{t('cust.history')}</Typography.Text>
                  <div>
                    {scores.data.items.map((s) => (
                      <Tag key={s.asOf} color={gradeColour[s.grade] ?? 'default'} title={s.asOf}>
                        {formatDate(s.asOf, lang)} {s.grade} {s.score}
                      </Tag>
                    ))}
                  </div>
                </div>
              )}
            </Card>
          </Col>
        )}
        {aging.data && (
          <Col xs={24} md={16}>
            <Card size="small" title={t('cust.aging', { date: aging.data.asOf })} data-testid="customer-aging">
              <Descriptions size="small" column={2} bordered>
                {aging.data.columns.map((col, i) => (
                  <Descriptions.Item key={col.id} label={localText(col.label, lang)}>
                    <Money amount={aging.data.totals.buckets[i]} currency={currency} />
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label={t('cust.total')}>
                  <Money amount={aging.data.totals.total} currency={currency} />
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
        )}
      </Row>
      <CollectionsCard customerId={p.id} />
    </div>
  );
}
