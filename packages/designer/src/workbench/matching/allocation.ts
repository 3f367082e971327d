import { Decimal } from '@hexiao/dsl/money';

/** One open receivable the clerk may allocate to, and what the clerk typed for it (a decimal string, maybe empty). */
export interface AllocationRow {
  id: string;
  open: string;
  amount: string;
}

export interface AllocationState {
  allocated: string;
  remaining: string;
  /** Per row id: why its amount cannot be posted. */
  errors: Record<string, 'format' | 'overOpen'>;
  overReceipt: boolean;
  postable: boolean;
}

const amountPattern = /^(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

/** The running total, the receipt's remainder and what blocks posting; exact decimals, never floats. */
export function allocationState(receiptOpen: string, rows: readonly AllocationRow[], places = 2): AllocationState {
  const errors: AllocationState['errors'] = {};
  let allocated = new Decimal(0);
  let lines = 0;
  for (const r of rows) {
    const text = r.amount.trim();
    if (text === '') continue;
    if (!amountPattern.test(text) || new Decimal(text).decimalPlaces() > places) {
      errors[r.id] = 'format';
      continue;
    }
    const a = new Decimal(text);
    if (a.isZero()) continue;
    if (a.greaterThan(r.open)) errors[r.id] = 'overOpen';
    allocated = allocated.plus(a);
    lines++;
  }
  const remaining = new Decimal(receiptOpen).minus(allocated);
  const overReceipt = remaining.isNegative();
  return {
    allocated: allocated.toFixed(places),
    remaining: remaining.toFixed(places),
    errors,
    overReceipt,
    postable: lines > 0 && !overReceipt && Object.keys(errors).length === 0,
  };
}

/** Fills the rows in their order (oldest due first, as the queue lists them) until the receipt is used up. */
export function fillInOrder(receiptOpen: string, rows: readonly AllocationRow[], places = 2): AllocationRow[] {
  let left = new Decimal(receiptOpen);
  return rows.map((r) => {
    const take = Decimal.max(0, Decimal.min(left, r.open)).toDecimalPlaces(places, Decimal.ROUND_DOWN);
    left = left.minus(take);
    return { ...r, amount: take.isZero() ? '' : take.toFixed(places) };
  });
}
