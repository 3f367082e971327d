/** The languages a statement is printed in. */
export type StatementLang = 'zh' | 'en';

/** A statement's headings and labels, shared by its HTML page and its PDF. */
export const statementWords = {
  zh: {
    title: '对账单',
    period: '期间',
    customer: '客户',
    taxId: '税号',
    currency: '币种',
    opening: '期初余额',
    closing: '期末余额',
    posted: '记账日期',
    date: '单据日期',
    due: '到期日',
    type: '类型',
    number: '单号',
    reference: '参考',
    debit: '借方',
    credit: '贷方',
    balance: '余额',
    totals: '本期合计',
    aging: '账龄（截至期末）',
    settlements: '本期核销',
    invoice: '应收单据',
    payment: '收款/冲抵单据',
    amount: '金额',
    none: '本期无发生额',
    page: '第 {n} / {of} 页',
    printed: '打印于',
  },
  en: {
    title: 'Statement of account',
    period: 'Period',
    customer: 'Customer',
    taxId: 'Tax id',
    currency: 'Currency',
    opening: 'Opening balance',
    closing: 'Closing balance',
    posted: 'Posted',
    date: 'Document date',
    due: 'Due',
    type: 'Type',
    number: 'Number',
    reference: 'Reference',
    debit: 'Debit',
    credit: 'Credit',
    balance: 'Balance',
    totals: 'Period totals',
    aging: 'Aging at the end of the period',
    settlements: 'Allocations in the period',
    invoice: 'Receivable',
    payment: 'Payment / credit',
    amount: 'Amount',
    none: 'No documents in the period',
    page: 'Page {n} of {of}',
    printed: 'Printed',
  },
} as const;

/** A label in the statement's language (a plain string stays as it is). */
export const statementLabel = (l: string | { zh?: string; en?: string }, lang: StatementLang) =>
  typeof l === 'string' ? l : (l[lang] ?? l.en ?? l.zh ?? '');
