import {
  customerBalances,
  customerDocumentsBetween,
  customerSettlementsBetween,
} from '../../store/repos/statements.ts';
import type { ActionCtx } from '../context.ts';
import { actorScope, getCustomer } from '../customers/index.ts';
import { agingReport, type AgingReport } from '../aging/index.ts';
import type { Executor } from '../deps.ts';
import { invalid } from '../errors.ts';
import { isDate, todayIn } from '../ledger/index.ts';
import { dec, minorUnits } from '../money/index.ts';

export interface StatementLine {
  postingDate: string;
  documentDate: string;
  dueDate: string | null;
  docType: string;
  number: string;
  reference: string | null;
  /** What the line reverses, for a red document. */
  reverses: string | null;
  debit: string | null;
  credit: string | null;
  /** The running balance after this line. */
  balance: string;
}

export interface StatementSection {
  currency: string;
  opening: string;
  lines: StatementLine[];
  debits: string;
  credits: string;
  closing: string;
  /** What of the closing balance is open, by age, as of the statement's end. */
  aging: { columns: AgingReport['columns']; buckets: string[]; total: string } | null;
}

export interface Statement {
  customer: { id: string; code: string; name: string; taxId: string | null };
  tenant: { name: string; baseCurrency: string };
  from: string;
  to: string;
  sections: StatementSection[];
  settlements: {
    postingDate: string;
    kind: string;
    invoice: string;
    payment: string;
    currency: string;
    amount: string;
  }[];
}

export interface StatementInput {
  from?: string;
  to?: string;
  /** An aging-buckets key or bounds for the statement's aging (the report's default when absent). */
  buckets?: string;
}

function period(input: StatementInput, today: string): { from: string; to: string } {
  for (const k of ['from', 'to'] as const)
    if (input[k] !== undefined && !isDate(input[k]))
      throw invalid(`/query/${k}`, `must be a calendar date YYYY-MM-DD (got ${JSON.stringify(input[k])})`);
  const to = input.to ?? today;
  if (to > today) throw invalid('/query/to', `${to} is in the future (today is ${today})`);
  const from = input.from ?? `${to.slice(0, 8)}01`;
  if (from > to) throw invalid('/query/from', `${from} is after the statement's end ${to}`);
  return { from, to };
}

/**
 * A customer's statement of account for a period: per currency the opening balance (documents posted
 * before it, debits less credits), every document posted in it with a running balance, the closing balance
 * and the open items' aging at its end; the allocations made in it. A customer outside the actor's data
 * scope is not found.
 */
export async function customerStatement(
  db: Executor,
  ctx: ActionCtx,
  customerId: string,
  input: StatementInput,
): Promise<Statement> {
  const { tenant } = ctx;
  const { from, to } = period(input, todayIn(tenant.timeZone));
  const customer = await getCustomer(db, tenant.id, customerId, actorScope(ctx.actor));
  const [opening, docs, settled] = await Promise.all([
    customerBalances(db, tenant.id, customerId, from),
    customerDocumentsBetween(db, tenant.id, customerId, from, to),
    customerSettlementsBetween(db, tenant.id, customerId, from, to),
  ]);
  const aging = await agingReport(db, ctx, {
    asOf: to,
    customerId,
    groupBy: 'currency',
    ...(input.buckets !== undefined ? { buckets: input.buckets } : {}),
  });
  const currencies = [...new Set([...opening.map((o) => o.currency), ...docs.map((d) => d.currency)])].sort();
  const sections = currencies.map((currency): StatementSection => {
    const places = minorUnits(currency) ?? 2;
    const fmt = (v: ReturnType<typeof dec>) => v.toFixed(places);
    const start = dec(opening.find((o) => o.currency === currency)?.balance ?? '0');
    let balance = start;
    let debits = dec('0');
    let credits = dec('0');
    const lines = docs
      .filter((d) => d.currency === currency)
      .map((d): StatementLine => {
        const amount = dec(d.amount);
        if (d.side === 'debit') debits = debits.plus(amount);
        else credits = credits.plus(amount);
        balance = d.side === 'debit' ? balance.plus(amount) : balance.minus(amount);
        return {
          postingDate: d.postingDate,
          documentDate: d.documentDate,
          dueDate: d.dueDate,
          docType: d.docType,
          number: d.number,
          reference: d.reference,
          reverses: d.reversesNumber,
          debit: d.side === 'debit' ? fmt(amount) : null,
          credit: d.side === 'credit' ? fmt(amount) : null,
          balance: fmt(balance),
        };
      });
    const row = aging.rows.find((r) => r.key === currency);
    return {
      currency,
      opening: fmt(start),
      lines,
      debits: fmt(debits),
      credits: fmt(credits),
      closing: fmt(balance),
      aging: row
        ? { columns: aging.columns, buckets: row.amounts ?? row.buckets, total: row.amountTotal ?? row.total }
        : null,
    };
  });
  return {
    customer: { id: customer.id, code: customer.code, name: customer.name, taxId: customer.taxId ?? null },
    tenant: { name: tenant.name, baseCurrency: tenant.baseCurrency },
    from,
    to,
    sections,
    settlements: settled.map((s) => ({
      postingDate: s.postingDate,
      kind: s.kind,
      invoice: s.debitNumber,
      payment: s.creditNumber,
      currency: s.currency,
      amount: dec(s.amount)
        .times(s.sign)
        .toFixed(minorUnits(s.currency) ?? 2),
    })),
  };
}
