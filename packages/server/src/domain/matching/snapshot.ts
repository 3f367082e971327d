import type { Executor } from '../../store/db.ts';
import { listFxRates } from '../../store/repos/fx-rates.ts';
import * as repo from '../../store/repos/matching.ts';
import { Decimal } from '@hexiao/dsl';
import { fromMinor, toMinor } from './minor.ts';
import type { MatchReceipt, MatchSnapshot, SettledReceipt } from './types.ts';
import { groupBy } from '../group-by.ts';

export type { ReceiptScope } from '../../store/repos/matching.ts';

/** `1130.0000` (the column's scale) as `1130.00` (the currency's). */
export const money = (v: string, currency: string) => {
  const m = toMinor(v, currency);
  return Number.isFinite(m) ? fromMinor(m, currency) : v;
};

const joinText = (...parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim()).join(' ') || null;

/** A receipt's text as the engine reads it: remittance, reference and description. */
export const receiptText = (r: { remittance: string | null; reference: string | null; description: string | null }) =>
  joinText(r.remittance, r.reference, r.description);

function toReceipt(r: repo.MatchReceiptRow): MatchReceipt {
  return {
    id: r.id,
    number: r.number,
    customerId: r.customer_id,
    currency: r.currency,
    amount: money(r.open_amount, r.currency),
    documentDate: r.document_date,
    valueDate: r.value_date,
    endToEndId: r.end_to_end_id,
    bankReference: r.bank_reference,
    creditorReference: r.creditor_reference,
    payerName: r.counterparty_name,
    payerAccount: r.counterparty_account,
    text: receiptText(r),
  };
}

/**
 * Rates as the engine reads them: the latest rate of the pair on or before the day, else the inverse pair's,
 * else through the base currency.
 */
export function rateTable(
  rates: { rateDate: string; fromCurrency: string; toCurrency: string; rate: string }[],
  base: string,
): (from: string, to: string, date: string) => string | null {
  const pairs = new Map<string, { date: string; rate: string }[]>();
  for (const r of rates) {
    const k = `${r.fromCurrency}|${r.toCurrency}`;
    const list = pairs.get(k) ?? [];
    list.push({ date: r.rateDate, rate: r.rate });
    pairs.set(k, list);
  }
  for (const l of pairs.values()) l.sort((a, b) => (a.date < b.date ? -1 : 1));
  const on = (from: string, to: string, date: string): Decimal | null => {
    if (from === to) return new Decimal(1);
    const direct = pairs.get(`${from}|${to}`);
    const pick = (l: { date: string; rate: string }[] | undefined) => {
      if (!l) return null;
      let found: string | null = null;
      for (const x of l) if (x.date <= date) found = x.rate;
      return found;
    };
    const d = pick(direct);
    if (d) return new Decimal(d);
    const inv = pick(pairs.get(`${to}|${from}`));
    return inv ? new Decimal(1).div(inv) : null;
  };
  return (from, to, date) => {
    const direct = on(from, to, date);
    if (direct) return direct.toDecimalPlaces(12).toFixed();
    const a = on(from, base, date);
    const b = on(to, base, date);
    return a && b ? a.div(b).toDecimalPlaces(12).toFixed() : null;
  };
}

/** Everything a run reads, in one consistent snapshot (the caller's transaction). */
export async function loadSnapshot(
  db: Executor,
  tenant: { id: string; baseCurrency: string },
  scope: repo.ReceiptScope,
  today: string,
): Promise<MatchSnapshot> {
  const snapshot = await assemble(db, tenant, {
    items: await repo.matchOpenItems(db, tenant.id),
    receipts: await repo.matchReceiptsInScope(db, tenant.id, scope),
    settled: await repo.settledReceiptsSince(db, tenant.id, addDays(today, -180)),
  });
  const rejections = (await repo.rejectedSuggestions(db, tenant.id)).filter((r) => r.documents?.length);
  const rejected = new Map(
    [...groupBy(rejections, (r) => r.receipt_id)].map(([id, rs]) => [id, rs.map((r) => r.documents!)]),
  );
  return { ...snapshot, rejected };
}

/**
 * A period of history as it stood before anyone settled it (for backtests): the period's receipts wholly open,
 * the documents they settled open again, and the duplicate guard fed with what was settled before the period.
 */
export async function loadHistorySnapshot(
  db: Executor,
  tenant: { id: string; baseCurrency: string },
  from: string,
  to: string,
): Promise<MatchSnapshot> {
  const settled = await repo.settledReceiptsSince(db, tenant.id, addDays(from, -180));
  return assemble(db, tenant, {
    items: await repo.historyOpenItems(db, tenant.id, from, to),
    receipts: await repo.historyReceipts(db, tenant.id, from, to),
    settled: settled.filter((r) => r.document_date < from),
  });
}

async function assemble(
  db: Executor,
  tenant: { id: string; baseCurrency: string },
  got: { items: repo.MatchItemRow[]; receipts: repo.MatchReceiptRow[]; settled: repo.MatchReceiptRow[] },
): Promise<MatchSnapshot> {
  const [customers, rates] = [
    await repo.matchCustomers(db, tenant.id),
    await listFxRates(db, tenant.id, { limit: 100_000 }),
  ];
  const { items, receipts, settled } = got;
  return {
    customers: customers.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      taxId: c.tax_id,
      parentId: c.parent_id,
      accounts: c.accounts ?? [],
    })),
    items: items.map((i) => ({
      id: i.id,
      customerId: i.customer_id,
      docType: i.doc_type,
      side: i.side,
      number: i.number,
      currency: i.currency,
      amount: money(i.amount, i.currency),
      open: money(i.open_amount, i.currency),
      documentDate: i.document_date,
      dueDate: i.due_date,
      orderRef: i.order_ref,
      reference: i.reference,
      custom: i.custom,
    })),
    receipts: receipts.map(toReceipt),
    settledReceipts: settled.map((r): SettledReceipt => {
      const x = toReceipt(r);
      return { ...x, amount: money(r.amount, r.currency) };
    }),
    rate: rateTable(
      rates.filter((r) => r.rateType === 'spot'),
      tenant.baseCurrency,
    ),
  };
}

export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
