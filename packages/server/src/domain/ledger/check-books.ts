import type { Executor } from '../../store/db.ts';
import { allDocuments } from '../../store/repos/documents.ts';
import { allOpenItems } from '../../store/repos/open-items.ts';
import { allSettlementLines, listSettlements } from '../../store/repos/settlements.ts';
import { listVouchers } from '../../store/repos/vouchers.ts';
import { dec, ZERO } from '../money/index.ts';
import { rebuildOpenAmounts } from './open-items.ts';

export interface BooksReport {
  ok: boolean;
  documents: number;
  vouchers: number;
  settlements: number;
  violations: string[];
}

/**
 * Reads a tenant's whole ledger and checks its invariants: open items equal their rebuild from the
 * postings, no document is over-allocated, every voucher balances, voucher numbers are gapless per period,
 * and every reversal nets its original to zero account by account.
 */
export async function checkBooks(db: Executor, tenantId: string): Promise<BooksReport> {
  const v: string[] = [];
  const docs = await allDocuments(db, tenantId);
  const lines = await allSettlementLines(db, tenantId);
  const items = new Map((await allOpenItems(db, tenantId)).map((o) => [o.documentId, o]));
  const rebuilt = rebuildOpenAmounts(docs, lines);
  for (const d of docs) {
    const o = items.get(d.id);
    const r = rebuilt.get(d.id)!;
    if (!o) v.push(`document ${d.number} has no open item`);
    else if (!dec(o.openAmount).eq(r.open) || !dec(o.openBaseAmount).eq(r.openBase))
      v.push(`open item of ${d.number} is ${o.openAmount}/${o.openBaseAmount}, rebuild gives ${r.open.toFixed()}/${r.openBase.toFixed()}`);
    if (r.open.isNeg() || r.open.gt(d.amount)) v.push(`${d.number}: allocations exceed the amount (${r.open.toFixed()} open of ${d.amount})`);
  }
  const vouchers = [];
  for (let page = await listVouchers(db, tenantId, { limit: 1000 }); page.length; ) {
    vouchers.push(...page);
    const last = page[page.length - 1]!;
    page = page.length < 1000 ? [] : await listVouchers(db, tenantId, { limit: 1000, after: { period: last.period, number: last.number } });
  }
  const byId = new Map(vouchers.map((x) => [x.id, x]));
  const expected = new Map<string, number>();
  for (const x of vouchers) {
    let d = ZERO;
    let c = ZERO;
    for (const l of x.lines) {
      d = d.plus(l.debit);
      c = c.plus(l.credit);
    }
    if (!d.eq(c) || !d.eq(x.total) || x.lines.length < 2) v.push(`voucher ${x.voucherNo} does not balance (${d.toFixed()} / ${c.toFixed()})`);
    const n = (expected.get(x.period) ?? 0) + 1;
    if (x.number !== n) v.push(`voucher numbers of ${x.period} have a gap: expected ${n}, found ${x.number}`);
    expected.set(x.period, x.number);
  }
  const net = (ids: (string | null)[]) => {
    const m = new Map<string, ReturnType<typeof dec>>();
    for (const id of ids) for (const l of byId.get(id ?? '')?.lines ?? []) m.set(l.accountCode, (m.get(l.accountCode) ?? ZERO).plus(l.debit).minus(l.credit));
    return [...m.entries()].filter(([, x]) => !x.isZero());
  };
  const docById = new Map(docs.map((d) => [d.id, d]));
  for (const d of docs) {
    if (!d.reversesId) continue;
    const o = docById.get(d.reversesId)!;
    if (dec(d.amount).eq(o.amount) && o.docType !== 'estimate' && net([d.voucherId, o.voucherId]).length) v.push(`reversal ${d.number} does not net ${o.number} to zero`);
  }
  const settlements = await listSettlements(db, tenantId, { limit: 1_000_000 });
  const sById = new Map(settlements.map((s) => [s.id, s]));
  for (const s of settlements) {
    if (s.kind !== 'reversal') continue;
    const o = sById.get(s.reversesId!)!;
    if (net([s.voucherId, o.voucherId]).length) v.push(`settlement reversal ${s.id} does not net its original to zero`);
    const sum = (xs: typeof s.lines) => xs.reduce((a, l) => a.plus(dec(l.debitAmount).times(l.sign)), ZERO);
    if (!sum(s.lines).plus(sum(o.lines)).isZero()) v.push(`settlement reversal ${s.id} lines do not cancel the original's`);
  }
  return { ok: v.length === 0, documents: docs.length, vouchers: vouchers.length, settlements: settlements.length, violations: v };
}
