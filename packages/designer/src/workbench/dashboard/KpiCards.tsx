import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KpiFigures } from '../../api/workbench-types.ts';
import { Money } from '../../components/common.tsx';

const percent = (ratio: string | null) => (ratio === null ? '—' : `${(Number(ratio) * 100).toFixed(1)} %`);

/** The manager's headline figures: open, overdue and its share, DSO, bad debts, the allowance held. */
export function KpiCards(p: { figures: KpiFigures; currency: string; allowance?: string | null }) {
  const { t } = useTranslation();
  const f = p.figures;
  const cards = [
    { key: 'open', title: t('dash.open'), value: <Money amount={f.open} currency={p.currency} /> },
    { key: 'overdue', title: t('dash.overdue'), value: <Money amount={f.overdue} currency={p.currency} /> },
    { key: 'overdueRatio', title: t('dash.overdueRatio'), value: percent(f.overdueRatio) },
    { key: 'dso', title: t('dash.dso'), value: f.dso === null ? '—' : t('dash.days', { n: f.dso }) },
    { key: 'badDebtRatio', title: t('dash.badDebtRatio'), value: percent(f.badDebtRatio) },
    ...(p.allowance !== undefined
      ? [{ key: 'allowance', title: t('dash.allowance'), value: <Money amount={p.allowance} currency={p.currency} /> }]
      : []),
  ];
  return (
    <Row gutter={[12, 12]}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} md={8} xl={4}>
          <Card size="small" className="kpi-card" data-testid={`kpi-${c.key}`}>
            <Statistic title={c.title} valueRender={() => c.value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
