import { dec, ZERO, type Decimal } from '../money/index.ts';
import { rebuildOpenAmounts, type SettlementLine } from './open-items.ts';
import type { LedgerDocument, OpenItem } from './types.ts';
import type { StoredVoucher } from './stored-vouchers.ts';

export interface LedgerSnapshot {
  documents: LedgerDocument[];
  openItems: OpenItem[];
  vouchers: Pick<StoredVoucher, 'id' | 'period' | 'number' | 'voucherNo' | 'total' | 'lines'>[];
  settlements: {
    id: string;
    kind: string;
    reversesId: string | null;
    voucherId: string | null;
    lines: SettlementLine[];
  }[];
}

/**
 * Pure: the ledger's invariants over a snapshot (from the database or the in-memory model). Returns the
 * violations found: open items differ from their rebuild, a document over-allocated, a voucher that does
 * not balance, a gap in a period's voucher numbers, a reversal that does not net its original to zero.
 */
export function verifyLedger(s: LedgerSnapshot): string[] {
  const v: string[] = [];
  const lines = s.settlements.flatMap((x) => x.lines);
  const items = new Map(s.openItems.map((o) => [o.documentId, o]));
  const rebuilt = rebuildOpenAmounts(s.documents, lines);
  for (const d of s.documents) {
    const o = items.get(d.id);
    const r = rebuilt.get(d.id)!;
    if (!o) v.push(`document ${d.number} has no open item`);
    else if (!dec(o.openAmount).eq(r.open) || !dec(o.openBaseAmount).eq(r.openBase))
      v.push(
        `open item of ${d.number} is ${o.openAmount}/${o.openBaseAmount}, rebuild gives ${r.open.toFixed()}/${r.openBase.toFixed()}`,
      );
    if (r.open.isNeg() || r.open.gt(d.amount) || r.openBase.isNeg())
      v.push(`${d.number}: allocations exceed the amount (${r.open.toFixed()} open of ${d.amount})`);
  }
  const sorted = [...s.vouchers].sort((a, b) =>
    a.period === b.period ? a.number - b.number : a.period < b.period ? -1 : 1,
  );
  const last = new Map<string, number>();
  for (const x of sorted) {
    let d = ZERO;
    let c = ZERO;
    for (const l of x.lines) {
      d = d.plus(l.debit);
      c = c.plus(l.credit);
    }
    if (!d.eq(c) || !d.eq(x.total) || x.lines.length < 2)
      v.push(`voucher ${x.voucherNo} does not balance (${d.toFixed()} / ${c.toFixed()})`);
    const n = (last.get(x.period) ?? 0) + 1;
    if (x.number !== n) v.push(`voucher numbers of ${x.period} have a gap: expected ${n}, found ${x.number}`);
    last.set(x.period, x.number);
  }
  const byId = new Map(s.vouchers.map((x) => [x.id, x]));
  const net = (ids: (string | null)[]) => {
    const m = new Map<string, Decimal>();
    for (const id of ids)
      for (const l of byId.get(id ?? '')?.lines ?? [])
        m.set(l.accountCode, (m.get(l.accountCode) ?? ZERO).plus(l.debit).minus(l.credit));
    return [...m.values()].filter((x) => !x.isZero()).length;
  };
  const docById = new Map(s.documents.map((d) => [d.id, d]));
  for (const d of s.documents) {
    if (!d.reversesId) continue;
    const o = docById.get(d.reversesId);
    if (!o) v.push(`reversal ${d.number} points to a missing document`);
    else if (dec(d.amount).eq(o.amount) && net([d.voucherId, o.voucherId]))
      v.push(`reversal ${d.number} does not net ${o.number} to zero`);
  }
  const sById = new Map(s.settlements.map((x) => [x.id, x]));
  const reversed = new Set<string>();
  for (const x of s.settlements) {
    if (x.kind !== 'reversal') continue;
    const o = sById.get(x.reversesId!);
    if (!o) {
      v.push(`settlement reversal ${x.id} points to a missing settlement`);
      continue;
    }
    if (reversed.has(o.id)) v.push(`settlement ${o.id} is reversed twice`);
    reversed.add(o.id);
    if (net([x.voucherId, o.voucherId])) v.push(`settlement reversal ${x.id} does not net its original to zero`);
    const sum = (xs: SettlementLine[]) =>
      xs.reduce((a, l) => a.plus(dec(l.debitAmount).times(l.sign)).plus(dec(l.creditBaseAmount).times(l.sign)), ZERO);
    if (!sum(x.lines).plus(sum(o.lines)).isZero())
      v.push(`settlement reversal ${x.id} lines do not cancel the original's`);
  }
  return v;
}
