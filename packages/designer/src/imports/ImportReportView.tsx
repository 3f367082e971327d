import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../api/types.ts';
import { Money } from '../components/common.tsx';

/** An import report: counts, totals per currency (credits and debits, read and created), rejected rows by position. */
export function ImportReportView(p: { report: ImportReport }) {
  const { t } = useTranslation();
  const r = p.report;
  const totals = Object.entries(r.totals).map(([currency, v]) => ({ currency, ...v }));
  return (
    <div data-testid="import-report">
      <Row gutter={16}>
        {(['read', 'created', 'duplicates', 'rejected'] as const).map((k) => (
          <Col key={k} span={6}>
            <Card size="small">
              <Statistic title={t(`imports.${k}`)} value={r[k]} data-testid={`count-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('imports.totals')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="currency"
        pagination={false}
        dataSource={totals}
        data-testid="totals"
        columns={[
          { title: t('imports.currency'), dataIndex: 'currency' },
          { title: `${t('imports.read')} · ${t('imports.count')}`, render: (_, x) => x.read.count, align: 'right' },
          {
            title: `${t('imports.read')} · ${t('imports.credits')}`,
            render: (_, x) => <Money amount={x.read.credits} currency={x.currency} />,
            align: 'right',
          },
          {
            title: `${t('imports.read')} · ${t('imports.debits')}`,
            render: (_, x) => <Money amount={x.read.debits} currency={x.currency} />,
            align: 'right',
          },
          {
            title: `${t('imports.created')} · ${t('imports.credits')}`,
            render: (_, x) => <Money amount={x.created.credits} currency={x.currency} />,
            align: 'right',
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('imports.rejections')}
      </Typography.Title>
      {r.rejections.length === 0 ? (
        <Typography.Text type="secondary">{t('imports.noRejections')}</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey={(x) => `${x.file}:${x.position.index}:${x.position.line ?? ''}:${x.reason}`}
          dataSource={r.rejections}
          data-testid="rejections"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: t('imports.position'),
              render: (_, x) =>
                x.position.line !== undefined
                  ? t('imports.line', { n: x.position.line })
                  : (x.position.xpath ?? t('imports.record', { n: x.position.index + 1 })),
            },
            { title: t('imports.field'), dataIndex: 'field' },
            { title: t('imports.reason'), dataIndex: 'reason' },
          ]}
        />
      )}
      {r.rejectionsOmitted > 0 && (
        <Typography.Text type="secondary">{t('imports.omitted', { n: r.rejectionsOmitted })}</Typography.Text>
      )}
      {r.warnings.length > 0 && (
        <Alert
          type="warning"
          title={t('imports.warnings')}
          description={
            <ul>
              {r.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
          style={{ marginTop: 12 }}
        />
      )}
    </div>
  );
}
