import fc from 'fast-check';
import { Decimal } from '@hexiao/dsl';
import { describe, expect, it } from 'vitest';
import { finishInvoice } from './finish-invoice.ts';
import type { InvoiceDraft } from './invoice-draft.ts';

const cents = (n: number) => new Decimal(n).dividedBy(100);

/** A draft whose EN 16931 totals add up, built from integer cents. */
const consistentDraft = fc
  .record({
    lines: fc.array(fc.integer({ min: -500_000, max: 2_000_000 }), { minLength: 1, maxLength: 6 }),
    allowance: fc.integer({ min: 0, max: 50_000 }),
    charge: fc.integer({ min: 0, max: 50_000 }),
    tax: fc.integer({ min: 0, max: 400_000 }),
    prepaid: fc.integer({ min: 0, max: 100_000 }),
    rounding: fc.integer({ min: -99, max: 99 }),
    typeCode: fc.constantFrom('380', '381', '384', '389'),
  })
  .map((g): InvoiceDraft => {
    const lineTotal = g.lines.reduce((a, b) => a + b, 0);
    const exclusive = lineTotal - g.allowance + g.charge;
    const inclusive = exclusive + g.tax;
    const payable = inclusive - g.prepaid + g.rounding;
    return {
      typeCode: g.typeCode,
      number: 'P-1',
      issueDate: '2025-01-01',
      currency: 'EUR',
      seller: { taxId: 'DE 123' },
      buyer: { name: 'B' },
      lines: g.lines.map((c, i) => ({ id: String(i + 1), netAmount: cents(c) })),
      allowancesCharges: [
        ...(g.allowance ? [{ charge: false, amount: cents(g.allowance) }] : []),
        ...(g.charge ? [{ charge: true, amount: cents(g.charge) }] : []),
      ],
      taxes: [{ category: 'S', taxableAmount: cents(exclusive), taxAmount: cents(g.tax) }],
      totals: {
        lineTotal: cents(lineTotal),
        taxExclusive: cents(exclusive),
        tax: cents(g.tax),
        taxInclusive: cents(inclusive),
        prepaid: cents(g.prepaid),
        rounding: cents(g.rounding),
        payable: cents(payable),
      },
      position: { index: 0 },
    };
  });

const negate = (d: InvoiceDraft): InvoiceDraft => ({
  ...d,
  lines: d.lines.map((l) => ({ ...l, netAmount: l.netAmount.negated() })),
  allowancesCharges: d.allowancesCharges.map((a) => ({ ...a, amount: a.amount.negated() })),
  taxes: d.taxes.map((t) => ({ ...t, taxableAmount: t.taxableAmount.negated(), taxAmount: t.taxAmount.negated() })),
  totals: Object.fromEntries(Object.entries(d.totals).map(([k, v]) => [k, v?.negated()])),
});

describe('finishInvoice (properties)', () => {
  it('accepts every document whose totals add up, with a non-negative payable and the right kind', () => {
    fc.assert(
      fc.property(consistentDraft, (d) => {
        const r = finishInvoice(d);
        if ('rejected' in r) throw new Error(r.rejected.reason);
        expect(new Decimal(r.totals.payable).isNegative()).toBe(false);
        const declaredCredit = d.typeCode === '381' || d.typeCode === '384';
        const negative =
          d.totals.payable!.isNegative() || (d.totals.payable!.isZero() && d.totals.taxInclusive!.isNegative());
        expect(r.documentKind).toBe(declaredCredit !== negative ? 'credit-note' : 'invoice');
        expect(r.sourceKey).toBe(`DE123|P-1|${r.documentKind}`);
      }),
    );
  });

  it('a document with every amount negated is the opposite kind with the same (normalised) amounts', () => {
    fc.assert(
      fc.property(
        consistentDraft.filter((d) => !d.totals.payable!.isZero()),
        (d) => {
          const a = finishInvoice(d);
          const b = finishInvoice(negate(d));
          if ('rejected' in a || 'rejected' in b) throw new Error('rejected');
          expect(b.documentKind).not.toBe(a.documentKind);
          expect(b.totals).toEqual(a.totals);
          expect(b.lines).toEqual(a.lines);
          expect(b.taxes).toEqual(a.taxes);
        },
      ),
    );
  });

  it('rejects a document with one line off by a cent, naming the line total', () => {
    fc.assert(
      fc.property(consistentDraft, fc.nat(), fc.constantFrom(1, -1), (d, pick, sign) => {
        const i = pick % d.lines.length;
        const lines = d.lines.map((l, k) => (k === i ? { ...l, netAmount: l.netAmount.plus(cents(sign)) } : l));
        const r = finishInvoice({ ...d, lines });
        expect('rejected' in r && r.rejected.field).toBe('totals.lineTotal');
      }),
    );
  });
});
