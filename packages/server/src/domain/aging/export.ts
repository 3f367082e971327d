import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { dec } from '../money/index.ts';
import type { AgingColumn, AgingReport } from './report.ts';

export type Lang = 'zh' | 'en';

const text = (l: AgingColumn['label'], lang: Lang): string =>
  typeof l === 'string' ? l : (l[lang] ?? l.en ?? l.zh ?? '');

const heads = {
  en: { key: 'key', group: 'group', count: 'items', total: 'total' },
  zh: { key: '键', group: '分组', count: '笔数', total: '合计' },
} as const;

function table(r: AgingReport, lang: Lang): { header: string[]; rows: (string | number)[][]; totals: string[] } {
  const h = heads[lang];
  const header = [h.key, `${h.group} (${r.groupBy})`, h.count, ...r.columns.map((c) => text(c.label, lang)), h.total];
  const rows = r.rows.map((x) => [x.key ?? '', x.label ?? '', x.count, ...x.buckets, x.total]);
  return { header, rows, totals: ['', h.total, String(r.totals.count), ...r.totals.buckets, r.totals.total] };
}

/** The report as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read Chinese labels). */
export function agingCsv(r: AgingReport, lang: Lang = 'en'): string {
  const t = table(r, lang);
  const meta = [`asOf ${r.asOf}`, `t0 ${r.t0}${r.terms ? ` + ${r.terms}` : ''}`, `amounts in ${r.baseCurrency}`];
  return '\ufeff' + stringify([[meta.join('; ')], t.header, ...t.rows, t.totals]);
}

// a spreadsheet number is a double: amounts with more than 15 significant digits stay text, so nothing is rounded
const cell = (v: string | number): string | number => {
  if (typeof v === 'number' || !/^-?[0-9]+(\.[0-9]+)?$/.test(v)) return v;
  const d = dec(v);
  return d.precision(true) <= 15 ? d.toNumber() : v;
};

/** The report as an XLSX workbook: one sheet, amounts as numbers with the base currency's decimals. */
export async function agingXlsx(r: AgingReport, lang: Lang = 'en'): Promise<Buffer> {
  const t = table(r, lang);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'zh' ? '账龄' : 'Aging');
  ws.addRow([`asOf ${r.asOf}`, `t0 ${r.t0}${r.terms ? ` + ${r.terms}` : ''}`, `${r.baseCurrency}`]);
  ws.addRow(t.header).font = { bold: true };
  const decimals = r.totals.total.split('.')[1]?.length ?? 0;
  const fmt = decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  for (const row of [...t.rows, t.totals]) {
    const added = ws.addRow(row.map((v, i) => (i < 2 ? v : cell(v))));
    added.eachCell((c, i) => {
      if (i > 3) c.numFmt = fmt;
    });
  }
  ws.lastRow!.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
