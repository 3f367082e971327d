import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const charts = new Map<string, { chart: echarts.ECharts; el: HTMLElement }>();
/**
 * Browser tests click a bar where it is drawn: `window.__hexiao.chartPoint(testId, seriesIndex, dataIndex)` gives
 * its centre in page pixels, and a real mouse click on the canvas takes the same path a user's does.
 */
function registerChartHook(testId: string, chart: echarts.ECharts, el: HTMLElement) {
  charts.set(testId, { chart, el });
  const w = window as unknown as { __hexiao?: Record<string, unknown> };
  w.__hexiao ??= {};
  w.__hexiao.chartPoint = (id: string, seriesIndex: number, dataIndex: number) => {
    const found = charts.get(id);
    if (!found) throw new Error(`no chart ${id}`);
    const c = found.chart;
    // the middle of the segment: the stacked series below it, plus half of its own value, on the grid's axes
    const series = (c.getOption() as { series: { stack?: string; data: (number | { value: number })[] }[] }).series;
    const value = (i: number) => {
      const v = series[i]!.data[dataIndex]!;
      return typeof v === 'number' ? v : v.value;
    };
    const own = series[seriesIndex]!;
    let below = 0;
    for (let i = 0; i < seriesIndex; i++) if (own.stack && series[i]!.stack === own.stack) below += value(i);
    const [x, y] = c.convertToPixel({ gridIndex: 0 }, [dataIndex, below + value(seriesIndex) / 2]) as number[];
    const box = found.el.getBoundingClientRect();
    return { x: box.left + x!, y: box.top + y! };
  };
  return () => void (charts.get(testId)?.chart === chart && charts.delete(testId));
}

export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  seriesName?: string;
  name?: string;
}

/** ECharts on a div: created once, options replaced on change, resized with its box, clicks reported. */
export function EChart(p: {
  option: EChartsCoreOption;
  height?: number;
  onClick?: (e: ChartClick) => void;
  testId?: string;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(p.onClick);
  click.current = p.onClick;
  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => click.current?.(e as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    const unregister = p.testId ? registerChartHook(p.testId, c, el) : undefined;
    return () => {
      unregister?.();
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
    // created once per mount: the test id never changes for a chart
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    chart.current?.setOption(p.option, { notMerge: true });
  }, [p.option]);
  return (
    <div
      ref={box}
      role="img"
      aria-label={p.label}
      data-testid={p.testId}
      style={{ width: '100%', height: p.height ?? 320 }}
    />
  );
}
