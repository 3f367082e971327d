import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Dropdown, Row, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { reports } from '../../api/workbench.ts';
import { definitions } from '../../api/endpoints.ts';
import { localText } from '../../i18n/local-text.ts';
import type { BucketReport, LocalText } from '../../api/workbench-types.ts';
import { EChart, type ChartClick } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/common.tsx';
import { useLocale } from '../../app/locale.ts';
import { useSession } from '../../app/session.ts';
import { bucketTotalsOption, provisionOption, stackedBucketsOption } from './chart-options.ts';
import { dueRange, type DrillFilter } from './drill.ts';
import { KpiCards } from './KpiCards.tsx';
import { monthEnds, trendOption } from './trend.ts';
import { agingBasis } from './aging-basis.ts';
import { RiskyCustomers } from './RiskyCustomers.tsx';

const groupings = ['customer', 'customerGroup', 'salesOwner', 'region'] as const;
const topGroups = 12;

/** The risk cockpit: KPIs, aging by bucket, the collection forecast, provisions, risky customers; bars drill down. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const lang = useLocale();
  const navigate = useNavigate();
  const { me, perms } = useSession();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [groupBy, setGroupBy] = useState<(typeof groupings)[number]>('customer');
  const [region, setRegion] = useState<string>();
  const [salesOwner, setSalesOwner] = useState<string>();
  const [itemCurrency, setItemCurrency] = useState<string>();
  const filter = { region, salesOwner, ...(itemCurrency ? { currency: itemCurrency } : {}) };
  const [ladder, setLadder] = useState<string>();
  const [t0, setT0] = useState<string>();
  const q = { asOf, groupBy, ...filter };
  const agingQuery = { ...q, ...(ladder ? { buckets: ladder } : {}), ...(t0 ? { t0 } : {}) };
  const ladders = useQuery({
    queryKey: ['definitions', 'aging-buckets'],
    queryFn: () => definitions.list('aging-buckets'),
    enabled: perms.has('definition.read'),
  });
  const kpis = useQuery({
    queryKey: ['kpis', asOf, filter],
    queryFn: () => reports.kpis({ asOf, ...filter, limit: 1 }),
  });
  const aging = useQuery({
    queryKey: ['aging', agingQuery],
    queryFn: () => reports.aging({ ...agingQuery, limit: topGroups }),
  });
  const plan = useQuery({
    queryKey: ['collection-plan', asOf, filter],
    queryFn: () => reports.collectionPlan({ asOf, ...filter, limit: 1 }),
  });
  const regions = useQuery({
    queryKey: ['aging-groups', 'region'],
    queryFn: () => reports.aging({ groupBy: 'region', limit: 200 }),
  });
  const currencies = useQuery({
    queryKey: ['aging-groups', 'currency'],
    queryFn: () => reports.aging({ groupBy: 'currency', limit: 200 }),
  });
  const owners = useQuery({
    queryKey: ['aging-groups', 'salesOwner'],
    queryFn: () => reports.aging({ groupBy: 'salesOwner', limit: 200 }),
  });
  const today = kpis.data?.asOf;
  const trendDates = useMemo(() => (today ? monthEnds(today, 6) : []), [today]);
  const trend = useQueries({
    queries: trendDates.map((d) => ({
      queryKey: ['kpis', d, filter],
      queryFn: () => reports.kpis({ asOf: d, ...filter, limit: 1 }),
    })),
  });
  const trendChart = useMemo(
    () =>
      trend.length && trend.every((x) => x.data)
        ? trendOption(
            trend.map((x) => ({ asOf: x.data!.asOf, figures: x.data!.totals })),
            { dso: t('dash.dso'), overdue: t('dash.overdueRatio') },
          )
        : null,
    // the queries' data, not the array identity, decide
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [trend.map((x) => x.dataUpdatedAt).join(), t],
  );
  const risky = useQuery({ queryKey: ['risky'], queryFn: () => reports.risky(10) });
  const provisions = useQuery({
    queryKey: ['provisions'],
    queryFn: reports.provisions,
    enabled: perms.has('provision.read'),
    retry: false,
  });
  const currency = kpis.data?.baseCurrency ?? me?.tenant.baseCurrency ?? 'CNY';

  const drill = (r: BucketReport, columnIndex: number, rowIndex?: number) => {
    const column = r.columns[columnIndex];
    if (!column) return;
    // a bucket is a due-date range only when aging counts from the due date; otherwise the list is not cut by it
    const byDue = r.t0 === undefined || r.t0 === 'dueDate';
    const drillTo: DrillFilter = {
      asOf: r.asOf,
      ...(byDue ? dueRange(r.asOf, column) : {}),
      ...(region ? { region } : {}),
      ...(salesOwner ? { salesOwner } : {}),
      ...(itemCurrency ? { currency: itemCurrency } : {}),
    };
    const key = rowIndex === undefined ? undefined : (r.rows[rowIndex]?.key ?? undefined);
    if (key !== undefined) {
      if (r.groupBy === 'customer') drillTo.customerId = key;
      if (r.groupBy === 'region') drillTo.region = key;
      if (r.groupBy === 'salesOwner') drillTo.salesOwner = key;
    }
    void navigate({
      to: '/receivables',
      search: { ...drillTo, ...(byDue ? { bucket: localText(column.label, lang) ?? column.id } : {}) },
    });
  };
  const agingStacked = useMemo(() => (aging.data ? stackedBucketsOption(aging.data, lang) : null), [aging.data, lang]);
  const agingTotals = useMemo(() => (aging.data ? bucketTotalsOption(aging.data, lang) : null), [aging.data, lang]);
  const planTotals = useMemo(
    () => (plan.data ? bucketTotalsOption(plan.data, lang, 'plain') : null),
    [plan.data, lang],
  );
  const provisionChart = useMemo(
    () =>
      provisions.data?.breakdown.run
        ? provisionOption(provisions.data, lang, { open: t('dash.openBase'), required: t('dash.required') })
        : null,
    [provisions.data, lang, t],
  );
  const ready = !kpis.isLoading && !aging.isLoading && !plan.isLoading;
  const exportUrl = (report: 'aging' | 'kpis' | 'collection-plan', format: 'csv' | 'xlsx') =>
    reports.fileUrl(`/reports/${report}`, {
      ...q,
      ...(report === 'aging' ? {} : { groupBy: 'customer' }),
      format,
      lang,
    });
  const exports = (['aging', 'kpis', 'collection-plan'] as const).flatMap((r) =>
    (['xlsx', 'csv'] as const).map((f) => ({
      key: `${r}.${f}`,
      label: (
        <a href={exportUrl(r, f)} download>
          {t(`dash.export.${r}`)} ({f === 'xlsx' ? 'Excel' : 'CSV'})
        </a>
      ),
    })),
  );
  const groupOptions = (r: typeof regions.data) => (r?.rows ?? []).map((x) => ({ value: x.key, label: x.label }));

  return (
    <div data-ready={ready ? 'true' : 'false'} data-testid="dashboard">
      <Space className="page-head" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dash.title')}
        </Typography.Title>
        <DatePicker
          aria-label={t('dash.asOf')}
          allowClear
          placeholder={t('dash.today')}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
        />
        <Select
          aria-label={t('dash.groupBy')}
          data-testid="group-by"
          value={groupBy}
          style={{ width: 180 }}
          onChange={setGroupBy}
          options={groupings.map((g) => ({ value: g, label: t(`dash.by.${g}`) }))}
        />
        <Select
          aria-label={t('dash.region')}
          data-testid="filter-region"
          allowClear
          placeholder={t('dash.allRegions')}
          style={{ width: 150 }}
          value={region}
          onChange={setRegion}
          options={groupOptions(regions.data)}
        />
        <Select
          aria-label={t('dash.salesOwner')}
          data-testid="filter-owner"
          allowClear
          showSearch
          placeholder={t('dash.allOwners')}
          style={{ width: 220 }}
          value={salesOwner}
          onChange={setSalesOwner}
          options={groupOptions(owners.data)}
        />
        <Select
          aria-label={t('dash.currency')}
          data-testid="filter-currency"
          allowClear
          placeholder={t('dash.allCurrencies')}
          style={{ width: 150 }}
          value={itemCurrency}
          onChange={setItemCurrency}
          options={(currencies.data?.rows ?? []).map((x) => ({ value: x.key, label: x.key }))}
        />
        {ladders.data && (
          <Select
            aria-label={t('dash.ladder')}
            data-testid="pick-ladder"
            allowClear
            placeholder={t('dash.defaultLadder')}
            style={{ width: 230 }}
            value={ladder}
            onChange={setLadder}
            options={ladders.data.items
              .filter((d) => d.status === 'published')
              .map((d) => ({
                value: d.key,
                label: localText((d.document as { title?: LocalText | string }).title, lang) ?? d.key,
              }))}
          />
        )}
        <Select
          aria-label={t('dash.t0')}
          data-testid="pick-t0"
          allowClear
          placeholder={t('dash.t0Default')}
          style={{ width: 230 }}
          value={t0}
          onChange={setT0}
          // the dates every document has, then the custom dates the tenant's receivables keep (shipment, …)
          options={(aging.data?.t0Choices ?? []).map((c) => ({
            value: c.value,
            label: c.title ?? t(`dash.t0s.${c.value}`),
          }))}
        />
        <Dropdown menu={{ items: exports }} trigger={['click']}>
          <Button icon={<DownloadOutlined />} data-testid="export">
            {t('dash.exportXlsx')}
          </Button>
        </Dropdown>
      </Space>
      {[kpis, aging, plan, risky].map((x, i) => (x.error ? <ErrorAlert key={i} error={x.error} /> : null))}
      {kpis.data && (
        <KpiCards
          figures={kpis.data.totals}
          currency={currency}
          {...(provisions.data ? { allowance: provisions.data.ledgerBalance } : {})}
        />
      )}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t('dash.agingTotals')}
            extra={aging.data && t('dash.asOfDate', { date: aging.data.asOf })}
          >
            {agingTotals && (
              <EChart
                label={t('dash.agingTotals')}
                testId="chart-aging-totals"
                option={agingTotals}
                onClick={(e: ChartClick) => drill(aging.data!, e.dataIndex)}
              />
            )}
            {aging.data && (
              <Typography.Text type="secondary" data-testid="aging-basis">
                {agingBasis(aging.data, t, (v) =>
                  v.startsWith('custom.')
                    ? (aging.data!.t0Choices?.find((c) => c.value === v)?.title ?? v.slice(7))
                    : t(`dash.t0s.${v}`),
                )}
              </Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('dash.agingByGroup', { group: t(`dash.by.${groupBy}`) })}>
            {agingStacked && (
              <EChart
                label={t('dash.agingByGroup', { group: t(`dash.by.${groupBy}`) })}
                testId="chart-aging"
                option={agingStacked}
                onClick={(e: ChartClick) => drill(aging.data!, e.seriesIndex, e.dataIndex)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('dash.collection')}>
            {planTotals && (
              <EChart
                label={t('dash.collection')}
                testId="chart-collection"
                option={planTotals}
                onClick={(e: ChartClick) => drill(plan.data!, e.dataIndex)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('dash.risky')}>
            <RiskyCustomers items={risky.data?.items ?? []} currency={currency} loading={risky.isLoading} />
          </Card>
        </Col>
        {trendChart && (
          <Col xs={24}>
            <Card size="small" title={t('dash.trend')}>
              <EChart label={t('dash.trend')} testId="chart-trend" option={trendChart} height={240} />
            </Card>
          </Col>
        )}
        {provisionChart && (
          <Col xs={24}>
            <Card
              size="small"
              title={t('dash.provisions')}
              extra={provisions.data?.breakdown.run && t('dash.asOfDate', { date: provisions.data.breakdown.run.asOf })}
            >
              <EChart label={t('dash.provisions')} testId="chart-provisions" option={provisionChart} height={260} />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
