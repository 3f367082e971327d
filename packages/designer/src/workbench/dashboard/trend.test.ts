import { describe, expect, it } from 'vitest';
import { monthEnds, trendOption } from './trend.ts';

describe('the KPI trend', () => {
  it('reads the KPIs at the last six month ends and today', () => {
    expect(monthEnds('2026-03-15', 3)).toEqual(['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-15']);
  });
  it('plots DSO in days and the overdue ratio in percent, with gaps where there is no figure', () => {
    const figures = (dso: string | null, overdueRatio: string | null) => ({
      open: '0',
      overdue: '0',
      overdueRatio,
      sales90: '0',
      dso,
      sales365: '0',
      badDebts365: '0',
      badDebtRatio: null,
    });
    const o = trendOption(
      [
        { asOf: '2026-01-31', figures: figures('45.5', '0.1234') },
        { asOf: '2026-02-28', figures: figures(null, null) },
      ],
      { dso: 'DSO', overdue: 'Overdue' },
    ) as { series: { data: (number | null)[] }[] };
    expect(o.series[0]!.data).toEqual([45.5, null]);
    expect(o.series[1]!.data).toEqual([12.3, null]);
  });
});
