import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { dec } from '../money/index.ts';
import type { AgingColumn, AgingReport } from './report.ts';
import type { CollectionPlan } from './collection-plan.ts';
import type { KpiReport, KpiRow } from './kpis.ts';

export type Lang = 'zh' | 'en';

type Value = string | number | null;
type Kind = 'text' | 'count' | 'money' | 'ratio' | 'days';

/** A report laid out once for both file formats: a line saying what it is, the header, the rows, the totals. */
interface Sheet {
  name: string;
  meta: string[];
  header: string[];
  kinds: Kind[];
  rows: Value[][];
  totals: Value[];
  /** The base currency's decimals, for the money format. */
  decimals: number;
}

const text = (l: AgingColumn['label'], lang: Lang): string =>
  typeof l === 'string' ? l : (l[lang] ?? l.en ?? l.zh ?? '');

const heads = {
  en: {
    key: 'key',
    group: 'group',
    count: 'items',
    total: 'total',
    open: 'open',
    overdue: 'overdue',
    overdueRatio: 'overdue ratio',
    sales90: 'sales, 90 days',
    dso: 'DSO (days)',
    sales365: 'sales, 365 days',
    badDebts365: 'bad debts, 365 days',
    badDebtRatio: 'bad-debt ratio',
  },
  zh: {
    key: '键',
    group: '分组',
    count: '笔数',
    total: '合计',
    open: '应收余额',
    overdue: '逾期金额',
    overdueRatio: '逾期率',
    sales90: '近 90 天销售额',
    dso: '应收周转天数',
    sales365: '近 365 天销售额',
    badDebts365: '近 365 天坏账',
    badDebtRatio: '坏账率',
  },
} as const;

const decimalsOf = (amount: string) => amount.split('.')[1]?.length ?? 0;

/** Aging and the collection plan share a layout: a column per bucket. */
function bucketSheet(r: AgingReport | CollectionPlan, lang: Lang, name: string, meta: string[]): Sheet {
  const h = heads[lang];
  return {
    name,
    meta: [`asOf ${r.asOf}`, ...meta, `amounts in ${r.baseCurrency}`],
    header: [h.key, `${h.group} (${r.groupBy})`, h.count, ...r.columns.map((c) => text(c.label, lang)), h.total],
    kinds: ['text', 'text', 'count', ...r.columns.map((): Kind => 'money'), 'money'],
    rows: r.rows.map((x) => [x.key ?? '', x.label ?? '', x.count, ...x.buckets, x.total]),
    totals: ['', h.total, r.totals.count, ...r.totals.buckets, r.totals.total],
    decimals: decimalsOf(r.totals.total),
  };
}

const agingSheet = (r: AgingReport, lang: Lang) =>
  bucketSheet(r, lang, lang === 'zh' ? '账龄' : 'Aging', [`t0 ${r.t0}${r.terms ? ` + ${r.terms}` : ''}`]);
const planSheet = (r: CollectionPlan, lang: Lang) =>
  bucketSheet(r, lang, lang === 'zh' ? '收款计划' : 'Collection plan', ['by due date']);

const kpiFields = [
  ['open', 'money'],
  ['overdue', 'money'],
  ['overdueRatio', 'ratio'],
  ['sales90', 'money'],
  ['dso', 'days'],
  ['sales365', 'money'],
  ['badDebts365', 'money'],
  ['badDebtRatio', 'ratio'],
] as const satisfies readonly (readonly [keyof Omit<KpiRow, 'key' | 'label'>, Kind])[];

function kpiSheet(r: KpiReport, lang: Lang): Sheet {
  const h = heads[lang];
  const figures = (x: Omit<KpiRow, 'key' | 'label'>) => kpiFields.map(([f]) => x[f]);
  return {
    name: lang === 'zh' ? '应收指标' : 'KPIs',
    meta: [`asOf ${r.asOf}`, `amounts in ${r.baseCurrency}`],
    header: [h.key, `${h.group} (${r.groupBy})`, ...kpiFields.map(([f]) => h[f])],
    kinds: ['text', 'text', ...kpiFields.map(([, k]) => k)],
    rows: r.rows.map((x) => [x.key ?? '', x.label ?? '', ...figures(x)]),
    totals: ['', h.total, ...figures(r.totals)],
    decimals: decimalsOf(r.totals.open),
  };
}

/** RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read Chinese labels. */
function toCsv(s: Sheet): string {
  const out = (v: Value) => (v === null ? '' : v);
  return '\ufeff' + stringify([[s.meta.join('; ')], s.header, ...s.rows.map((r) => r.map(out)), s.totals.map(out)]);
}

// a spreadsheet number is a double: amounts with more than 15 significant digits stay text, so nothing is rounded
const cell = (v: Value): Value => {
  if (v === null || typeof v === 'number' || !/^-?[0-9]+(\.[0-9]+)?$/.test(v)) return v;
  const d = dec(v);
  return d.precision(true) <= 15 ? d.toNumber() : v;
};

/** One sheet: amounts as numbers with the base currency's decimals, ratios as percentages. */
async function toXlsx(s: Sheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(s.name);
  ws.addRow(s.meta);
  ws.addRow(s.header).font = { bold: true };
  const formats: Record<Kind, string | undefined> = {
    text: undefined,
    count: '0',
    money: s.decimals ? `#,##0.${'0'.repeat(s.decimals)}` : '#,##0',
    ratio: '0.00%',
    days: '0.0',
  };
  for (const row of [...s.rows, s.totals]) {
    const added = ws.addRow(row.map((v, i) => (s.kinds[i] === 'text' ? v : cell(v))));
    added.eachCell((c, i) => {
      const f = formats[s.kinds[i - 1]!];
      if (f) c.numFmt = f;
    });
  }
  ws.lastRow!.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const agingCsv = (r: AgingReport, lang: Lang = 'en') => toCsv(agingSheet(r, lang));
export const agingXlsx = (r: AgingReport, lang: Lang = 'en') => toXlsx(agingSheet(r, lang));
export const collectionPlanCsv = (r: CollectionPlan, lang: Lang = 'en') => toCsv(planSheet(r, lang));
export const collectionPlanXlsx = (r: CollectionPlan, lang: Lang = 'en') => toXlsx(planSheet(r, lang));
export const kpiCsv = (r: KpiReport, lang: Lang = 'en') => toCsv(kpiSheet(r, lang));
export const kpiXlsx = (r: KpiReport, lang: Lang = 'en') => toXlsx(kpiSheet(r, lang));
