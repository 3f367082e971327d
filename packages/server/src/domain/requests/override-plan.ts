import { HexiaoError } from '../errors.ts';
import { Decimal, ZERO } from '../money/index.ts';

export interface OverrideItem {
  documentId: string;
  open: Decimal;
  dueDate: string | null;
  number: string;
}

export interface OverrideLine {
  debitDocumentId: string;
  creditDocumentId: string;
  amount: string;
}

/** What the receipt leaves uncovered of the items: the part an override's adjustment absorbs. */
export const uncovered = (receiptOpen: Decimal, items: readonly Pick<OverrideItem, 'open'>[]) =>
  items.reduce((s, i) => s.plus(i.open), ZERO).minus(receiptOpen);

/** Oldest due first (undated last), then by number: the order an override settles its items in. */
export const byDue = (a: OverrideItem, b: OverrideItem) =>
  (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') || a.number.localeCompare(b.number);

/**
 * The settlement lines of an override: every item settled in full, the receipt's open amount spent first
 * on the oldest due, the adjustment covering the rest. The two credits must add up to the items exactly.
 */
export function overrideLines(
  receipt: { documentId: string; open: Decimal },
  items: readonly OverrideItem[],
  adjustment: { documentId: string; amount: Decimal },
): OverrideLine[] {
  if (!uncovered(receipt.open, items).eq(adjustment.amount))
    throw new HexiaoError(
      'unexpected_state',
      `the receipt (${receipt.open.toFixed()}) and the adjustment (${adjustment.amount.toFixed()}) do not add up to the items`,
    );
  const credits = [
    { id: receipt.documentId, left: receipt.open },
    { id: adjustment.documentId, left: adjustment.amount },
  ];
  const lines: OverrideLine[] = [];
  for (const item of [...items].sort(byDue)) {
    let need = item.open;
    for (const c of credits) {
      if (need.lte(0)) break;
      const take = Decimal.min(need, c.left);
      if (take.lte(0)) continue;
      lines.push({ debitDocumentId: item.documentId, creditDocumentId: c.id, amount: take.toFixed() });
      c.left = c.left.minus(take);
      need = need.minus(take);
    }
  }
  return lines;
}
