import { invalid } from '../errors.ts';
import { dec, formatMoney, type Decimal } from '../money/index.ts';
import { openStatus } from './post-plan.ts';
import type { OpenItem, SettlementLine } from './types.ts';

export type { SettlementLine };

/**
 * Pure: the open item after relieving (`sign` 1) or restoring (`sign` -1) an amount and its base amount.
 * Never below zero, never above the document amount.
 */
export function relieve(
  item: OpenItem,
  amount: Decimal,
  base: Decimal,
  sign: 1 | -1,
  pointer: string,
  record: string,
): OpenItem {
  const open = dec(item.openAmount).minus(amount.times(sign));
  const openBase = dec(item.openBaseAmount).minus(base.times(sign));
  if (open.isNeg())
    throw invalid(
      pointer,
      `allocates ${formatMoney(amount, item.currency)} but only ${formatMoney(item.openAmount, item.currency)} is open`,
      record,
    );
  if (open.gt(item.amount) || openBase.gt(item.baseAmount) || openBase.isNeg())
    throw invalid(pointer, `would leave ${record} outside 0…${formatMoney(item.amount, item.currency)} open`, record);
  return {
    ...item,
    openAmount: open.toFixed(),
    openBaseAmount: openBase.toFixed(),
    status: openStatus(open, dec(item.amount)),
  };
}

export interface RebuildDoc {
  id: string;
  amount: string;
  baseAmount: string;
}

/** Pure: open amounts rebuilt from the documents and every settlement line ever posted. */
export function rebuildOpenAmounts(
  docs: RebuildDoc[],
  lines: Pick<
    SettlementLine,
    | 'debitDocumentId'
    | 'creditDocumentId'
    | 'sign'
    | 'debitAmount'
    | 'creditAmount'
    | 'debitBaseAmount'
    | 'creditBaseAmount'
  >[],
) {
  const out = new Map<string, { open: Decimal; openBase: Decimal }>();
  for (const d of docs) out.set(d.id, { open: dec(d.amount), openBase: dec(d.baseAmount) });
  for (const l of lines) {
    const dr = out.get(l.debitDocumentId);
    const cr = out.get(l.creditDocumentId);
    if (dr)
      out.set(l.debitDocumentId, {
        open: dr.open.minus(dec(l.debitAmount).times(l.sign)),
        openBase: dr.openBase.minus(dec(l.debitBaseAmount).times(l.sign)),
      });
    if (cr)
      out.set(l.creditDocumentId, {
        open: cr.open.minus(dec(l.creditAmount).times(l.sign)),
        openBase: cr.openBase.minus(dec(l.creditBaseAmount).times(l.sign)),
      });
  }
  return out;
}
