import { smallOpenItems } from '../../store/repos/period-end.ts';
import type { ActionCtx } from '../context.ts';
import { invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { isDate, postWriteOff, todayIn, type LedgerDeps } from '../ledger/index.ts';
import { dec, isAmountText, isCurrency, minorUnits, ZERO, type Decimal } from '../money/index.ts';

export interface SmallBalancesInput {
  /** Per currency, the largest open amount cleared, e.g. `{ "CNY": "1.00", "USD": "0.20" }`. */
  thresholds: Record<string, string>;
  postingDate?: string;
  customerId?: string;
  reason?: string;
  /** Lists what would be cleared, posting nothing. */
  dryRun?: boolean;
}

export interface SmallBalancesResult {
  dryRun: boolean;
  postingDate: string;
  items: {
    documentId: string;
    number: string;
    side: string;
    currency: string;
    amount: string;
    writeOff: string | null;
  }[];
  totals: { currency: string; items: number; amount: string }[];
  /** More items qualified than one clearing takes (1,000): run it again. */
  more: boolean;
}

const maxItems = 1000;

function thresholdsOf(t: unknown): { currency: string; upTo: string }[] {
  if (t === null || typeof t !== 'object' || Array.isArray(t))
    throw invalid('/thresholds', 'must be an object of currency → largest amount, e.g. {"CNY": "1.00"}');
  const entries = Object.entries(t as Record<string, unknown>);
  if (entries.length === 0 || entries.length > 50) throw invalid('/thresholds', 'must name 1 to 50 currencies');
  return entries.map(([currency, v]) => {
    const at = `/thresholds/${currency}`;
    if (!isCurrency(currency))
      throw invalid(at, `${JSON.stringify(currency).slice(0, 40)} is not an ISO 4217 currency`);
    if (typeof v !== 'string' || !isAmountText(v) || dec(v).lte(0))
      throw invalid(at, 'must be an amount greater than zero, such as "1.00"');
    if (dec(v).decimalPlaces() > (minorUnits(currency) ?? 2))
      throw invalid(at, `has more decimals than ${currency} allows (${minorUnits(currency)})`);
    if (dec(v).gt(1000)) throw invalid(at, 'is not a small balance: at most 1,000 per currency');
    return { currency, upTo: dec(v).toFixed() };
  });
}

/**
 * Period-end small-balance clearing (ENGINES.md §3.5): every open receivable or customer credit whose open amount
 * is above zero and at most its currency's threshold is written off as a small balance — one write-off document
 * each, settled against it, with its voucher and audit entry (postWriteOff) — in one transaction. A dry run lists
 * the same items and posts nothing. Unidentified cash is never cleared to income.
 */
export async function clearSmallBalances(
  deps: LedgerDeps,
  ctx: ActionCtx,
  input: SmallBalancesInput,
): Promise<SmallBalancesResult> {
  const thresholds = thresholdsOf(input.thresholds);
  const postingDate = input.postingDate ?? todayIn(ctx.tenant.timeZone);
  if (!isDate(postingDate)) throw invalid('/postingDate', 'must be a date YYYY-MM-DD');
  const found = await smallOpenItems(deps.db, ctx.tenant.id, thresholds, {
    postingDate,
    ...(input.customerId ? { customerId: input.customerId } : {}),
    limit: maxItems + 1,
  });
  const items = found.slice(0, maxItems);
  const totals = new Map<string, { items: number; amount: Decimal }>();
  for (const i of items) {
    const t = totals.get(i.currency) ?? { items: 0, amount: ZERO };
    totals.set(i.currency, { items: t.items + 1, amount: t.amount.plus(i.openAmount) });
  }
  const written = new Map<string, string>();
  if (!input.dryRun && items.length > 0) {
    const posted = await postWriteOff(deps, ctx, {
      kind: 'small-balance',
      items: items.map((i) => ({ documentId: i.documentId })),
      reason:
        input.reason ??
        `period-end small-balance clearing up to ${thresholds.map((t) => `${t.upTo} ${t.currency}`).join(', ')}`,
      postingDate,
      number: `SB-${postingDate.replace(/-/g, '')}-${newId().slice(-6).toUpperCase()}`,
    });
    for (const p of posted.items) written.set(p.document.relatedId!, p.document.number);
  }
  return {
    dryRun: !!input.dryRun,
    postingDate,
    items: items.map((i) => ({
      documentId: i.documentId,
      number: i.number,
      side: i.side,
      currency: i.currency,
      amount: dec(i.openAmount).toFixed(),
      writeOff: written.get(i.documentId) ?? null,
    })),
    totals: [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => ({ currency, items: t.items, amount: t.amount.toFixed() })),
    more: found.length > maxItems,
  };
}
