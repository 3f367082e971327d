import { describe, expect, it } from 'vitest';
import type { BucketReport } from '../../api/workbench-types.ts';
import { bucketTotalsOption, shortLabel, stackedBucketsOption } from './chart-options.ts';

const report: BucketReport = {
  asOf: '2026-12-06',
  baseCurrency: 'CNY',
  groupBy: 'customer',
  columns: [
    { id: 'not-due', label: { en: 'Not due', zh: '未到期' }, from: null, to: 0 },
    { id: '1-30', label: { en: '1–30 days', zh: '1–30 天' }, from: 1, to: 30 },
  ],
  totals: { count: 3, buckets: ['100.10', '0.05'], total: '100.15' },
  groups: 2,
  rows: [
    { key: 'a', label: 'C00099 宁波安达医疗器械有限公司', count: 2, buckets: ['100.00', '0.05'], total: '100.05' },
    { key: 'b', label: 'East China', count: 1, buckets: ['0.10', '0.00'], total: '0.10' },
  ],
  page: 1,
  limit: 10,
};

describe('aging charts', () => {
  it('stack one segment per bucket on one bar per group, in the report order', () => {
    const o = stackedBucketsOption(report, 'zh') as { series: { name: string; data: number[]; stack: string }[] };
    expect(o.series.map((s) => s.name)).toEqual(['未到期', '1–30 天']);
    expect(o.series.every((s) => s.stack === 'total')).toBe(true);
    expect(o.series[0]!.data).toEqual([100, 0.1]);
    expect(o.series[1]!.data).toEqual([0.05, 0]);
  });
  it('show the exact amount of a segment in the tooltip, not the float the bar is drawn from', () => {
    const o = stackedBucketsOption(report, 'en') as { tooltip: { formatter: (p: object) => string } };
    expect(o.tooltip.formatter({ seriesIndex: 1, dataIndex: 0 })).toContain('0.05');
    expect(o.tooltip.formatter({ seriesIndex: 0, dataIndex: 1 })).toMatch(/East China<br\/>Not due: CN¥0\.10/);
  });
  it('draw the totals as one bar per bucket', () => {
    const o = bucketTotalsOption(report, 'en') as {
      series: { data: { value: number }[] }[];
      xAxis: { data: string[] };
    };
    expect(o.xAxis.data).toEqual(['Not due', '1–30 days']);
    expect(o.series[0]!.data.map((d) => d.value)).toEqual([100.1, 0.05]);
  });
  it('label a customer by its code and cut other long labels', () => {
    expect(shortLabel('C00099 宁波安达医疗器械有限公司')).toBe('C00099');
    expect(shortLabel('East China')).toBe('East China');
    expect(shortLabel('A very long sales owner name here')).toBe('A very long s…');
  });
});
