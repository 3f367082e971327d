import dayjs from 'dayjs';
import type { EChartsCoreOption } from 'echarts/core';
import type { KpiFigures } from '../../api/workbench-types.ts';

/** The last day of each of the `n` months before `today`'s month, oldest first, then `today` itself. */
export function monthEnds(today: string, n: number): string[] {
  const t = dayjs(today);
  const ends = Array.from({ length: n }, (_, i) =>
    t
      .subtract(n - i, 'month')
      .endOf('month')
      .format('YYYY-MM-DD'),
  );
  return [...ends, t.format('YYYY-MM-DD')];
}

/** DSO (days, left axis) and the overdue ratio (percent, right axis) over the given dates. */
export function trendOption(
  points: { asOf: string; figures: KpiFigures }[],
  labels: { dso: string; overdue: string },
): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [labels.dso, labels.overdue] },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.asOf) },
    yAxis: [
      { type: 'value', name: labels.dso },
      { type: 'value', name: '%', max: 100, min: 0 },
    ],
    series: [
      {
        type: 'line',
        name: labels.dso,
        data: points.map((p) => (p.figures.dso === null ? null : Number(p.figures.dso))),
      },
      {
        type: 'line',
        name: labels.overdue,
        yAxisIndex: 1,
        data: points.map((p) =>
          p.figures.overdueRatio === null ? null : Math.round(Number(p.figures.overdueRatio) * 1000) / 10,
        ),
      },
    ],
  };
}
