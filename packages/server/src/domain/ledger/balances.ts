import * as repo from '../../store/repos/balances.ts';
import { findCustomer, type RowScope } from '../../store/repos/customers.ts';
import type { Executor } from '../../store/db.ts';
import type { TenantCtx } from '../context.ts';
import { HexiaoError } from '../errors.ts';
import { dec, ZERO } from '../money/index.ts';
import { money } from './views.ts';

export interface BalanceLine {
  currency: string;
  receivables: string;
  unappliedCredits: string;
  net: string;
  netBase: string;
  openItems: number;
}

/**
 * A customer's balance at the end of `asOf` (today when absent): open receivables (debit items) and unapplied
 * credits (receipts, credit notes, prepayments not yet settled) per currency, their net, and the net in base.
 */
export async function customerBalance(
  db: Executor,
  tenant: TenantCtx,
  customerId: string,
  opts: { asOf?: string; scope?: RowScope },
) {
  const c = await findCustomer(db, tenant.id, customerId, false, opts.scope);
  if (!c) throw new HexiaoError('not_found', `customer ${customerId} does not exist`);
  const rows = await repo.customerOpenTotals(db, tenant.id, customerId, opts.asOf);
  const byCurrency = new Map<string, BalanceLine>();
  let netBase = ZERO;
  for (const r of rows) {
    const line = byCurrency.get(r.currency) ?? {
      currency: r.currency,
      receivables: '0',
      unappliedCredits: '0',
      net: '0',
      netBase: '0',
      openItems: 0,
    };
    const signed = r.side === 'debit' ? dec(r.openBase) : dec(r.openBase).neg();
    if (r.side === 'debit') line.receivables = dec(line.receivables).plus(r.open).toFixed();
    else line.unappliedCredits = dec(line.unappliedCredits).plus(r.open).toFixed();
    line.net = dec(line.receivables).minus(line.unappliedCredits).toFixed();
    line.netBase = dec(line.netBase).plus(signed).toFixed();
    line.openItems += r.count;
    netBase = netBase.plus(signed);
    byCurrency.set(r.currency, line);
  }
  const base = tenant.baseCurrency;
  return {
    customerId,
    asOf: opts.asOf ?? null,
    baseCurrency: base,
    currencies: [...byCurrency.values()].map((l) => ({
      ...l,
      receivables: money(l.receivables, l.currency)!,
      unappliedCredits: money(l.unappliedCredits, l.currency)!,
      net: money(l.net, l.currency)!,
      netBase: money(l.netBase, base)!,
    })),
    netBase: money(netBase.toFixed(), base)!,
  };
}

const lastDayOf = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * The trial balance of the accounts the vouchers touch for one period (base currency): opening balance,
 * the period's debits and credits, closing balance; and for each clearing account the open items' base amounts at
 * the period's end beside it, with the difference (zero when the sub-ledger reconciles).
 */
export async function trialBalance(db: Executor, tenant: TenantCtx, period: string) {
  const base = tenant.baseCurrency;
  const rows = await repo.accountMovements(db, tenant.id, period);
  const open = new Map(
    (await repo.openBaseByClearingAccount(db, tenant.id, lastDayOf(period))).map((r) => [r.accountCode, r.openBase]),
  );
  let debit = ZERO;
  let credit = ZERO;
  const accounts = rows.map((r) => {
    const opening = dec(r.openingDebit).minus(r.openingCredit);
    const closing = opening.plus(r.debit).minus(r.credit);
    debit = debit.plus(r.debit);
    credit = credit.plus(r.credit);
    const items = open.get(r.accountCode);
    return {
      accountCode: r.accountCode,
      accountName: r.accountName,
      opening: money(opening.toFixed(), base)!,
      debit: money(r.debit, base)!,
      credit: money(r.credit, base)!,
      closing: money(closing.toFixed(), base)!,
      ...(items === undefined
        ? {}
        : {
            openItems: money(items, base)!,
            difference: money(closing.minus(items).toFixed(), base)!,
          }),
    };
  });
  return {
    period,
    asOf: lastDayOf(period),
    baseCurrency: base,
    accounts,
    totals: { debit: money(debit.toFixed(), base)!, credit: money(credit.toFixed(), base)! },
    balanced: debit.eq(credit),
    reconciled: accounts.every((a) => a.difference === undefined || dec(a.difference).isZero()),
  };
}

/** Open items at the end of `asOf` with filters and keyset paging; `next` is the cursor of the following page. */
export async function listOpenItemsAsOf(
  db: Executor,
  tenant: TenantCtx,
  f: Omit<repo.OpenItemsAsOfFilter, 'after'> & { cursor?: string },
) {
  let after: repo.OpenItemsAsOfFilter['after'];
  if (f.cursor !== undefined) {
    const m = /^(\d{4}-\d{2}-\d{2}|-)~([0-9a-f-]{36})$/.exec(f.cursor);
    if (!m) throw new HexiaoError('invalid_data', 'cursor is not one this API gave', { pointer: '/cursor' });
    after = { dueDate: m[1] === '-' ? null : m[1]!, documentId: m[2]! };
  }
  const rows = await repo.listOpenItemsAsOf(db, tenant.id, { ...f, after });
  const last = rows.at(-1);
  return {
    asOf: f.asOf ?? null,
    items: rows.map((o) => ({
      documentId: o.documentId,
      type: o.docType,
      number: o.number,
      customerId: o.customerId,
      customer: o.customerId ? { code: o.customerCode ?? '', name: o.customerName ?? '' } : null,
      side: o.side,
      currency: o.currency,
      amount: money(o.amount, o.currency),
      openAmount: money(o.openAmount, o.currency),
      openBaseAmount: money(o.openBaseAmount, tenant.baseCurrency),
      dueDate: o.dueDate,
      documentDate: o.documentDate,
      postingDate: o.postingDate,
      status: dec(o.openAmount).isZero() ? 'settled' : dec(o.openAmount).eq(o.amount) ? 'open' : 'partial',
    })),
    next: rows.length === f.limit && last ? `${last.dueDate ?? '-'}~${last.documentId}` : null,
  };
}
