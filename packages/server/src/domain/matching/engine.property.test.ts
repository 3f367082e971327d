import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchReceipts } from './engine.ts';
import { fromMinor, toMinor } from './minor.ts';
import { customer, invoice, ruleSet } from './test-fixtures.ts';
import type { MatchItem, MatchReceipt, MatchSnapshot } from './types.ts';

/** Random books: a few customers (one a subsidiary), invoices, and receipts that name some of them, or not. */
const books = fc
  .record({
    invoices: fc.array(
      fc.record({ customer: fc.nat(3), cents: fc.integer({ min: 100, max: 500_000 }), round: fc.boolean() }),
      { minLength: 1, maxLength: 25 },
    ),
    receipts: fc.array(
      fc.record({
        refs: fc.array(fc.nat(30), { maxLength: 3 }),
        payer: fc.option(fc.nat(3), { nil: null }),
        kind: fc.constantFrom('exact', 'partial', 'over', 'fee', 'random'),
        cents: fc.integer({ min: 100, max: 500_000 }),
        text: fc.constantFrom('', 'thanks', 'INV', 'payment'),
      }),
      { minLength: 1, maxLength: 25 },
    ),
  })
  .map(({ invoices, receipts }): MatchSnapshot => {
    const customers = [0, 1, 2, 3].map((i) => customer(`c${i}`, i === 3 ? { parentId: 'c0' } : {}));
    const items: MatchItem[] = invoices.map((v, i) =>
      invoice(
        `INV-${String(i).padStart(4, '0')}`,
        `c${v.customer}`,
        fromMinor(v.round ? v.cents * 100 : v.cents, 'EUR'),
        {
          dueDate: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
        },
      ),
    );
    const rs: MatchReceipt[] = receipts.map((r, i) => {
      const named = r.refs.map((k) => items[k % items.length]!);
      const due = named.reduce((s, it) => s + toMinor(it.open, 'EUR'), 0);
      const cents =
        r.kind === 'exact' && due > 0
          ? due
          : r.kind === 'partial' && due > 1
            ? Math.floor(due / 2)
            : r.kind === 'over' && due > 0
              ? due + 1000
              : r.kind === 'fee' && due > 500
                ? due - 300
                : r.cents;
      return {
        id: `r-${String(i).padStart(3, '0')}`,
        number: `RCT-${i}`,
        customerId: null,
        currency: 'EUR',
        amount: fromMinor(cents, 'EUR'),
        documentDate: '2026-02-01',
        valueDate: '2026-02-01',
        endToEndId: null,
        bankReference: null,
        creditorReference: null,
        payerName: null,
        payerAccount: r.payer === null ? null : `DE00C${r.payer}`,
        text: `${r.text} ${named.map((n) => n.number).join(', ')}`.trim(),
      };
    });
    return { customers, items, receipts: rs };
  });

const posted = (s: MatchSnapshot) => {
  const r = matchReceipts(s, ruleSet());
  return { r, auto: r.decisions.filter((d) => d.outcome === 'auto') };
};

describe('matching engine properties', () => {
  it('never allocates more of a document than is open, and every decision adds up', () => {
    fc.assert(
      fc.property(books, (s) => {
        const { r, auto } = posted(s);
        const used = new Map<string, number>();
        for (const d of auto)
          for (const a of d.allocations)
            used.set(a.documentId, (used.get(a.documentId) ?? 0) + toMinor(a.amount, a.currency));
        for (const it of s.items) expect(used.get(it.id) ?? 0).toBeLessThanOrEqual(toMinor(it.open, it.currency));
        for (const d of r.decisions) {
          const receipt = s.receipts.find((x) => x.id === d.receiptId)!;
          const fromReceipt = d.lines
            .filter((l) => l.credit.kind === 'receipt')
            .reduce((t, l) => t + toMinor(l.creditAmount, 'EUR'), 0);
          if (d.outcome === 'auto' || d.outcome === 'suggested')
            expect(fromReceipt + toMinor(d.unapplied, 'EUR')).toBe(toMinor(receipt.amount, 'EUR'));
          // the lines settle exactly what the allocations say, per document
          for (const a of d.allocations) {
            const onDoc = d.lines.filter((l) => l.debit.kind === 'document' && l.debit.id === a.documentId);
            expect(onDoc.reduce((t, l) => t + toMinor(l.amount, 'EUR'), 0)).toBe(toMinor(a.amount, 'EUR'));
          }
          // an automatic settlement only for documents of the payer's group
          if (d.outcome === 'auto')
            for (const a of d.allocations)
              expect(a.customerId === d.customerId || (a.customerId === 'c3' && d.customerId === 'c0')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order in which receipts arrive', () => {
    fc.assert(
      fc.property(books, fc.nat(), (s, seed) => {
        const shuffled = [...s.receipts];
        let x = seed || 1;
        for (let i = shuffled.length - 1; i > 0; i--) {
          x = (x * 1103515245 + 12345) % 2147483648;
          const j = x % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const a = new Map(posted(s).r.decisions.map((d) => [d.receiptId, d]));
        const b = new Map(posted({ ...s, receipts: shuffled }).r.decisions.map((d) => [d.receiptId, d]));
        for (const [id, d] of a) expect(b.get(id)).toEqual(d);
      }),
      { numRuns: 200 },
    );
  });
});
