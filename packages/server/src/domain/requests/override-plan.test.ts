import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, ZERO } from '../money/index.ts';
import { overrideLines, uncovered, type OverrideItem } from './override-plan.ts';

const cents = (n: number) => dec(String(n)).div(100);

const itemsArb = fc.array(
  fc.record({
    open: fc.integer({ min: 1, max: 10_000_000 }),
    due: fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
  }),
  { minLength: 1, maxLength: 12 },
);

const toItems = (xs: { open: number; due: number | null }[]): OverrideItem[] =>
  xs.map((x, k) => ({
    documentId: `item-${k}`,
    open: cents(x.open),
    dueDate: x.due === null ? null : `2026-01-${String(x.due).padStart(2, '0')}`,
    number: `INV-${String(k).padStart(3, '0')}`,
  }));

describe('overrideLines', () => {
  it('settles every item in full; the receipt and the adjustment are spent exactly; the receipt goes to the oldest due first', () => {
    fc.assert(
      fc.property(itemsArb, fc.integer({ min: 1, max: 120_000_000 }), (xs, paid) => {
        const items = toItems(xs);
        const receiptOpen = cents(paid);
        const difference = uncovered(receiptOpen, items);
        fc.pre(receiptOpen.gt(0) && difference.gt(0));
        const lines = overrideLines({ documentId: 'receipt', open: receiptOpen }, items, {
          documentId: 'adj',
          amount: difference,
        });
        for (const i of items) {
          const got = lines.filter((l) => l.debitDocumentId === i.documentId).reduce((s, l) => s.plus(l.amount), ZERO);
          expect(got.toFixed()).toBe(i.open.toFixed());
        }
        const spent = (id: string) =>
          lines.filter((l) => l.creditDocumentId === id).reduce((s, l) => s.plus(l.amount), ZERO);
        expect(spent('receipt').toFixed()).toBe(receiptOpen.toFixed());
        expect(spent('adj').toFixed()).toBe(difference.toFixed());
        expect(lines.every((l) => dec(l.amount).gt(0))).toBe(true);
        // no item due later takes the receipt while an older one is left to the adjustment
        const due = (id: string) => items.find((i) => i.documentId === id)!.dueDate ?? '9999-12-31';
        const lastReceipt = lines.filter((l) => l.creditDocumentId === 'receipt').at(-1)!;
        for (const l of lines.filter((x) => x.creditDocumentId === 'adj'))
          expect(due(l.debitDocumentId) >= due(lastReceipt.debitDocumentId)).toBe(true);
      }),
    );
  });

  it('worked example: 6,000 due in January and 4,000 in February, a receipt of 9,850 and a 150 discount', () => {
    const items = toItems([
      { open: 400_000, due: 28 },
      { open: 600_000, due: 1 },
    ]);
    const lines = overrideLines({ documentId: 'receipt', open: dec('9850') }, items, {
      documentId: 'adj',
      amount: dec('150'),
    });
    expect(lines.map((l) => [l.debitDocumentId, l.creditDocumentId, l.amount])).toEqual([
      ['item-1', 'receipt', '6000'],
      ['item-0', 'receipt', '3850'],
      ['item-0', 'adj', '150'],
    ]);
  });

  it('refuses credits that do not add up to the items', () => {
    const items = toItems([{ open: 10_000, due: 1 }]);
    expect(() =>
      overrideLines({ documentId: 'receipt', open: dec('90') }, items, { documentId: 'adj', amount: dec('9.99') }),
    ).toThrow(/do not add up/);
  });
});
