import { writeFileSync } from 'node:fs';
import type { Command } from '../command.ts';
import { cliContext, openRuntime } from '../runtime.ts';
import { agingCsv, agingReport, agingXlsx, type AgingReport } from '../../domain/aging/index.ts';
import { isHexiaoError } from '../../domain/errors.ts';

const label = (l: AgingReport['columns'][number]['label']) => (typeof l === 'string' ? l : (l.en ?? l.zh ?? ''));

function human(r: AgingReport): string {
  const head = ['group', 'items', ...r.columns.map((c) => label(c.label)), 'total'];
  const body = [
    ...r.rows.map((x) => [x.label ?? '(none)', String(x.count), ...x.buckets, x.total]),
    ['total', String(r.totals.count), ...r.totals.buckets, r.totals.total],
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((v, i) => (i < 1 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  const more = r.groups > r.rows.length ? [`… ${r.groups - r.rows.length} more groups (--limit, --page)`] : [];
  return [
    `aging as of ${r.asOf} by ${r.groupBy}, T0 ${r.t0}${r.terms ? ` + ${r.terms}` : ''}, amounts in ${r.baseCurrency}` +
      (r.definition ? ` (${r.definition.key} v${r.definition.version})` : ''),
    line(head),
    ...body.map(line),
    ...more,
  ].join('\n');
}

export const agingCommand: Command = {
  name: 'aging',
  summary: 'The aging report as of a date: open receivables by days past T0, per group; prints it or writes CSV/XLSX',
  usage:
    'hexiao aging [--as-of YYYY-MM-DD] [--buckets key|0,30,60,90] [--t0 dueDate|documentDate|custom.<field>] [--terms net30|eom30|inst30/60/90] [--group-by customer|region|…] [--limit N] [--page N] [--out file.csv|file.xlsx] [--lang zh|en] [--tenant slug] [--json]',
  options: {
    'as-of': { type: 'string' },
    buckets: { type: 'string' },
    t0: { type: 'string' },
    terms: { type: 'string' },
    'group-by': { type: 'string' },
    limit: { type: 'string' },
    page: { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string' },
    tenant: { type: 'string' },
  },
  async run(args, out) {
    const v = args.values as Record<string, string | undefined>;
    const int = (name: string, max: number) => {
      if (v[name] === undefined) return undefined;
      const n = Number(v[name]);
      if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be an integer from 1 to ${max}`);
      return n;
    };
    const file = v.out;
    if (file !== undefined && !/\.(csv|xlsx)$/i.test(file)) throw new Error('--out must name a .csv or .xlsx file');
    if (v.lang !== undefined && v.lang !== 'zh' && v.lang !== 'en') throw new Error('--lang must be zh or en');
    const rt = await openRuntime('aging');
    try {
      const ctx = await cliContext(rt, v.tenant);
      const report = await agingReport(rt.deps.db, ctx, {
        ...(v['as-of'] !== undefined ? { asOf: v['as-of'] } : {}),
        ...(v.buckets !== undefined ? { buckets: v.buckets } : {}),
        ...(v.t0 !== undefined ? { t0: v.t0 } : {}),
        ...(v.terms !== undefined ? { terms: v.terms } : {}),
        ...(v['group-by'] !== undefined ? { groupBy: v['group-by'] } : {}),
        limit: file ? 100_000 : (int('limit', 100_000) ?? 50),
        page: file ? 1 : (int('page', 999_999) ?? 1),
      }).catch((e: unknown) => {
        // the report names its inputs as query parameters; here they are options
        if (isHexiaoError(e)) throw new Error(e.message.replace(/\/query\/(\w+)/g, (_, n: string) => `--${n}`));
        throw e;
      });
      if (file) {
        const lang = (v.lang ?? 'en') as 'zh' | 'en';
        writeFileSync(file, /\.csv$/i.test(file) ? agingCsv(report, lang) : await agingXlsx(report, lang));
        out.info(`wrote ${file}: ${report.groups} groups, total ${report.totals.total} ${report.baseCurrency}`);
      }
      out.result(report, human);
      return 0;
    } finally {
      await rt.close();
    }
  },
};
