import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { dec } from '../money/index.ts';
import type { ProvisionReport } from './report.ts';

export type Lang = 'zh' | 'en';

const labels = {
  en: {
    customer: 'customer',
    all: 'all customers',
    opening: 'opening',
    topUp: 'top-up',
    released: 'release',
    writtenOff: 'write-off',
    recovered: 'recovery',
    other: 'other',
    closing: 'closing',
    stage: 'stage',
    bucket: 'bucket',
    items: 'items',
    openBase: 'open',
    required: 'required allowance',
    sales: 'credit sales',
    netLoss: 'net bad-debt loss',
    ratio: 'bad-debt ratio',
    movement: 'Allowance movement',
    breakdown: 'By stage and bucket',
  },
  zh: {
    customer: '客户',
    all: '全部客户',
    opening: '期初',
    topUp: '计提',
    released: '转回',
    writtenOff: '核销',
    recovered: '收回',
    other: '其他',
    closing: '期末',
    stage: '阶段',
    bucket: '账龄段',
    items: '笔数',
    openBase: '余额',
    required: '应计提坏账准备',
    sales: '赊销收入',
    netLoss: '坏账净损失',
    ratio: '坏账率',
    movement: '坏账准备变动',
    breakdown: '按阶段和账龄段',
  },
} as const;

const columns = ['opening', 'topUp', 'released', 'writtenOff', 'recovered', 'other', 'closing'] as const;

function sections(r: ProvisionReport, lang: Lang) {
  const l = labels[lang];
  const movementHead = [l.customer, ...columns.map((c) => l[c])];
  const movementRows = [
    ...(r.byCustomer ?? []).map((x) => [x.customerId ?? '', ...columns.map((c) => x[c])]),
    [l.all, ...columns.map((c) => r.movement[c])],
  ];
  const breakdownHead = [l.stage, l.bucket, l.items, l.openBase, l.required];
  const breakdownRows = r.breakdown.cells.map((c) => [c.stage ?? '', c.bucket ?? '', c.items, c.openBase, c.required]);
  const lossHead = [l.sales, l.writtenOff, l.recovered, l.netLoss, l.ratio];
  const b = r.badDebt;
  const lossRow = [b.creditSales, b.writtenOff, b.recovered, b.netLoss, b.ratio ?? ''];
  return { movementHead, movementRows, breakdownHead, breakdownRows, lossHead, lossRow };
}

const meta = (r: ProvisionReport) =>
  `${r.from} .. ${r.to}; ${r.account.code} ${r.account.name}; amounts in ${r.currency}; ledger ${r.ledgerBalance}${r.reconciles ? '' : ' (does not reconcile)'}`;

/** The report as CSV (UTF-8 with a byte-order mark so spreadsheet programs read Chinese labels). */
export function provisionReportCsv(r: ProvisionReport, lang: Lang = 'en'): string {
  const s = sections(r, lang);
  return (
    '\ufeff' +
    stringify([
      [meta(r)],
      s.movementHead,
      ...s.movementRows,
      [],
      s.breakdownHead,
      ...s.breakdownRows,
      [],
      s.lossHead,
      s.lossRow,
    ])
  );
}

// a spreadsheet number is a double: amounts with more than 15 significant digits stay text, so nothing is rounded
const cell = (v: string | number): string | number => {
  if (typeof v === 'number' || !/^-?[0-9]+(\.[0-9]+)?$/.test(v)) return v;
  const d = dec(v);
  return d.precision(true) <= 15 ? d.toNumber() : v;
};

/** The report as an XLSX workbook: the movement, the breakdown and the loss ratio, one sheet each. */
export async function provisionReportXlsx(r: ProvisionReport, lang: Lang = 'en'): Promise<Buffer> {
  const s = sections(r, lang);
  const l = labels[lang];
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, head: (string | number)[], body: (string | number)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([meta(r)]);
    ws.addRow(head).font = { bold: true };
    for (const row of body) ws.addRow(row.map((v, i) => (i === 0 ? v : cell(v))));
  };
  sheet(l.movement, s.movementHead, s.movementRows);
  sheet(l.breakdown, s.breakdownHead, s.breakdownRows);
  sheet(l.ratio, s.lossHead, [s.lossRow]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
