import type { EChartsCoreOption } from 'echarts/core';
import type { BucketReport, ProvisionReport } from '../../api/workbench-types.ts';
import type { Locale } from '../../app/format.ts';
import { formatMoney } from '../../app/format.ts';
import { localText } from '../../i18n/local-text.ts';

/** Bucket colours from calm to alarming: not due is green, the oldest debt dark red. */
const ramp = ['#52c41a', '#fadb14', '#faad14', '#fa8c16', '#fa541c', '#f5222d', '#a8071a', '#5c0011'];
export const bucketColour = (i: number, n: number) => ramp[Math.round((i * (ramp.length - 1)) / Math.max(1, n - 1))]!;

/** A group's label on an axis: the customer code when the label starts with one, else the label cut short. */
export const shortLabel = (label: string) => {
  const code = /^(\S+)\s/.exec(label)?.[1];
  return code && /\d/.test(code) ? code : label.length > 14 ? `${label.slice(0, 13)}…` : label;
};

/** Stacked bars: one bar per group (as the report orders them), one segment per bucket; amounts stay exact in the tooltip. */
export function stackedBucketsOption(r: BucketReport, lang: Locale): EChartsCoreOption {
  const n = r.columns.length;
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesIndex: number; dataIndex: number }) => {
        const row = r.rows[p.dataIndex]!;
        const col = r.columns[p.seriesIndex]!;
        return `${row.label}<br/>${localText(col.label, lang)}: ${formatMoney(row.buckets[p.seriesIndex], r.baseCurrency, lang)}`;
      },
    },
    legend: { top: 0, data: r.columns.map((c) => localText(c.label, lang)) },
    grid: { left: 8, right: 16, bottom: 8, top: 56, containLabel: true },
    xAxis: {
      type: 'category',
      data: r.rows.map((row) => shortLabel(row.label ?? '')),
      axisLabel: { interval: 0, rotate: 30 },
    },
    yAxis: { type: 'value' },
    series: r.columns.map((c, i) => ({
      type: 'bar',
      name: localText(c.label, lang),
      stack: 'total',
      itemStyle: { color: bucketColour(i, n) },
      data: r.rows.map((row) => Number(row.buckets[i])),
    })),
  };
}

/** One bar per bucket over the report's totals (the collection plan's expected receipts, the aging of everything). */
export function bucketTotalsOption(
  r: BucketReport,
  lang: Locale,
  colours: 'ramp' | 'plain' = 'ramp',
): EChartsCoreOption {
  const n = r.columns.length;
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) =>
        `${localText(r.columns[p.dataIndex]!.label, lang)}: ${formatMoney(r.totals.buckets[p.dataIndex], r.baseCurrency, lang)}`,
    },
    grid: { left: 8, right: 16, bottom: 8, top: 16, containLabel: true },
    xAxis: {
      type: 'category',
      data: r.columns.map((c) => localText(c.label, lang)),
      axisLabel: { interval: 0, rotate: 20 },
    },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        data: r.totals.buckets.map((v, i) => ({
          value: Number(v),
          itemStyle: { color: colours === 'ramp' ? bucketColour(i, n) : '#1677ff' },
        })),
      },
    ],
  };
}

/** The latest provisioning run's cells: what is open and what is required per stage and bucket. */
export function provisionOption(r: ProvisionReport, lang: Locale, labels: { open: string; required: string }) {
  const cells = r.breakdown.cells;
  const name = (c: (typeof cells)[number]) => (c.bucket ? c.bucket : c.stage);
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [labels.open, labels.required] },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: cells.map(name) },
    yAxis: { type: 'value' },
    series: [
      { type: 'bar', name: labels.open, data: cells.map((c) => Number(c.openBase)), itemStyle: { color: '#91caff' } },
      {
        type: 'bar',
        name: labels.required,
        data: cells.map((c) => Number(c.required)),
        itemStyle: { color: '#cf1322' },
        tooltip: { valueFormatter: (v: number) => formatMoney(String(v), r.currency, lang) },
      },
    ],
  } satisfies EChartsCoreOption;
}
