import { describe, expect, it } from 'vitest';
import { matchReceipts } from './engine.ts';
import { defaultRuleSet } from './default-rule-set.ts';
import { creditNote, customer, invoice, receipt, ruleSet, snapshot } from './test-fixtures.ts';
import type { MatchSnapshot } from './types.ts';

const run = (s: Partial<MatchSnapshot>) => matchReceipts(snapshot(s), ruleSet());
const one = (s: Partial<MatchSnapshot>) => run(s).decisions[0]!;
const allocs = (d: { allocations: { number: string; amount: string }[] }) =>
  d.allocations.map((a) => [a.number, a.amount]);

const acme = customer('acme');
const beta = customer('beta');

describe('matching engine: references', () => {
  it('settles an invoice named exactly in the text (1:1), with reference and amount as evidence', () => {
    const d = one({
      customers: [acme],
      items: [invoice('INV-2026-0001', 'acme', '1190.00')],
      receipts: [receipt('1190.00', { text: 'Payment INV-2026-0001 thanks' })],
    });
    expect(d.outcome).toBe('auto');
    expect(d.rule).toBe('document-reference');
    expect(allocs(d)).toEqual([['INV-2026-0001', '1190.00']]);
    expect(d.customerId).toBe('acme');
    expect(d.score).toBe(70);
    expect(d.evidence.map((e) => e.code)).toEqual(['document-number', 'party-implied', 'amount-exact']);
  });

  it('reads full-width and reformatted references', () => {
    for (const text of ['ＩＮＶ－２０２６－０００１', 'inv 2026 0001', 'INV/2026/0001', '发票INV20260001付款']) {
      const d = one({
        customers: [acme],
        items: [invoice('INV-2026-0001', 'acme', '500.00')],
        receipts: [receipt('500.00', { text })],
      });
      expect([text, d.outcome]).toEqual([text, 'auto']);
    }
  });

  it('settles several invoices of one payment (1:n), suffix shorthand and lists', () => {
    const items = ['0012', '0013', '0014', '0015'].map((n) => invoice(`INV-2024-${n}`, 'acme', '100.00'));
    const short = one({ customers: [acme], items, receipts: [receipt('200.00', { text: 'INV-2024-0012/13' })] });
    expect(short.outcome).toBe('auto');
    expect(allocs(short)).toEqual([
      ['INV-2024-0012', '100.00'],
      ['INV-2024-0013', '100.00'],
    ]);
    const list = one({
      customers: [acme],
      items,
      receipts: [receipt('300.00', { text: 'INV-2024-0012, INV-2024-0014 & INV 2024 0015' })],
    });
    expect(list.allocations.map((a) => a.number)).toEqual(['INV-2024-0012', 'INV-2024-0014', 'INV-2024-0015']);
    const range = one({
      customers: [acme],
      items,
      receipts: [receipt('400.00', { text: 'invoices INV-2024-0012-0015' })],
    });
    expect(range.allocations).toHaveLength(4);
    expect(range.outcome).toBe('auto');
  });

  it('never lets a reference bypass the amount check: a short payment without a known payer is not posted', () => {
    const d = one({
      customers: [acme],
      items: [invoice('INV-1001', 'acme', '1000.00')],
      receipts: [receipt('600.00', { text: 'INV-1001' })],
    });
    expect(d.outcome).not.toBe('auto');
  });

  it('partial payment by a known payer settles part and leaves the rest open', () => {
    const d = one({
      customers: [acme],
      items: [invoice('INV-1001', 'acme', '1000.00')],
      receipts: [receipt('600.00', { text: 'INV-1001 first instalment', payerAccount: 'DE00ACME' })],
    });
    expect(d.outcome).toBe('auto');
    expect(allocs(d)).toEqual([['INV-1001', '600.00']]);
    expect(d.reasons[0]).toMatch(/partial payment: 600.00 of 1000.00 due/);
  });

  it('two instalments of one invoice in one run both settle (n:1)', () => {
    const r = run({
      customers: [acme],
      items: [invoice('INV-1001', 'acme', '1000.00')],
      receipts: [
        receipt('400.00', { text: 'INV-1001 1/2', payerAccount: 'DE00ACME' }),
        receipt('600.00', { text: 'INV-1001 2/2', payerAccount: 'DE00ACME' }),
      ],
    });
    expect(r.decisions.map((d) => d.outcome)).toEqual(['auto', 'auto']);
  });

  it('overpayment settles the invoice and leaves the excess on the receipt', () => {
    const d = one({
      customers: [acme],
      items: [invoice('INV-1001', 'acme', '1000.00')],
      receipts: [receipt('1050.00', { text: 'INV-1001', payerAccount: 'DE00ACME' })],
    });
    expect(d.outcome).toBe('auto');
    expect(allocs(d)).toEqual([['INV-1001', '1000.00']]);
    expect(d.unapplied).toBe('50.00');
  });

  it('a bank fee within tolerance becomes a bank-fee adjustment', () => {
    const d = one({
      customers: [acme],
      items: [invoice('INV-1001', 'acme', '1000.00')],
      receipts: [receipt('995.00', { text: 'INV-1001', payerAccount: 'DE00ACME' })],
    });
    expect(d.outcome).toBe('auto');
    expect(d.adjustments).toEqual([
      { kind: 'bank-fee', amount: '5.00', currency: 'EUR', customerId: 'acme', documentId: 'doc-INV-1001' },
    ]);
    expect(d.lines).toEqual([
      {
        debit: { kind: 'document', id: 'doc-INV-1001' },
        credit: { kind: 'adjustment', index: 0 },
        amount: '5.00',
        creditAmount: '5.00',
      },
      {
        debit: { kind: 'document', id: 'doc-INV-1001' },
        credit: { kind: 'receipt' },
        amount: '995.00',
        creditAmount: '995.00',
      },
    ]);
  });

  it('an early-payment discount named in the text becomes a discount adjustment', () => {
    const d = one({
      customers: [acme],
      items: [invoice('INV-1001', 'acme', '1000.00')],
      receipts: [receipt('980.00', { text: 'INV-1001 less 2% discount', payerAccount: 'DE00ACME' })],
    });
    expect(d.outcome).toBe('auto');
    expect(d.rule).toBe('reference-with-discount');
    expect(d.adjustments.map((a) => [a.kind, a.amount])).toEqual([['discount', '20.00']]);
  });

  it('offsets a referenced credit note against the invoice', () => {
    const d = one({
      customers: [acme],
      items: [invoice('INV-1001', 'acme', '1000.00'), creditNote('CN-2001', 'acme', '200.00')],
      receipts: [receipt('800.00', { text: 'INV-1001 minus CN-2001' })],
    });
    expect(d.outcome).toBe('auto');
    expect(d.credits.map((c) => [c.number, c.amount])).toEqual([['CN-2001', '200.00']]);
    expect(d.lines.map((l) => [l.credit.kind, l.amount])).toEqual([
      ['document', '200.00'],
      ['receipt', '800.00'],
    ]);
  });

  it('reads a valid structured creditor reference', () => {
    const d = one({
      customers: [acme],
      items: [invoice('INV-1001', 'acme', '1000.00', { reference: 'RF18 5390 0754 7034' })],
      receipts: [receipt('1000.00', { creditorReference: 'RF18539007547034' })],
    });
    expect(d.outcome).toBe('auto');
    expect(d.rule).toBe('structured-reference');
  });
});

describe('matching engine: payer and groups', () => {
  const parent = customer('group', { name: 'Group Holding AG' });
  const sub = customer('sub', { parentId: 'group', accounts: ['DE00SUB'] });

  it('a parent pays its subsidiary’s invoice: settled for the parent, the line names the subsidiary', () => {
    const d = one({
      customers: [parent, sub],
      items: [invoice('INV-3001', 'sub', '700.00')],
      receipts: [receipt('700.00', { text: 'INV-3001', payerAccount: 'DE00GROUP' })],
    });
    expect(d.outcome).toBe('auto');
    expect(d.customerId).toBe('group');
    expect(d.allocations[0]!.customerId).toBe('sub');
  });

  it('a payer paying another customer’s invoice outside its group is only a suggestion', () => {
    const d = one({
      customers: [acme, beta],
      items: [invoice('INV-3001', 'beta', '700.00')],
      receipts: [receipt('700.00', { text: 'INV-3001', payerAccount: 'DE00ACME' })],
    });
    expect(d.outcome).toBe('suggested');
    expect(d.reasons.join()).toMatch(/payer is ACME .* but INV-3001 belongs to BETA/);
  });

  it('one open item of the exact amount for an identified payer posts; two only suggest', () => {
    const a = one({
      customers: [acme],
      items: [invoice('X-1', 'acme', '321.00')],
      receipts: [receipt('321.00', { payerAccount: 'DE00ACME' })],
    });
    expect([a.outcome, a.rule]).toEqual(['auto', 'payer-exact-amount']);
    const b = one({
      customers: [acme],
      items: [invoice('X-1', 'acme', '321.00'), invoice('X-2', 'acme', '321.00', { dueDate: '2026-03-01' })],
      receipts: [receipt('321.00', { payerAccount: 'DE00ACME' })],
    });
    expect(b.outcome).toBe('suggested');
    expect(b.reasons.join()).toMatch(/2 open items/);
  });

  it('identifies a payer by name with legal forms removed, and by CJK name', () => {
    const cn = customer('cn', { name: '上海远东贸易有限公司', accounts: [] });
    const d = one({
      customers: [acme, cn],
      items: [invoice('X-9', 'cn', '88.00')],
      receipts: [receipt('88.00', { payerName: '上海远东贸易公司' })],
    });
    expect(d.payer.method).toBe('name');
    expect(d.customerId).toBe('cn');
  });
});

describe('matching engine: subsets', () => {
  it('one set of open items that adds up posts (1:n without references)', () => {
    const d = one({
      customers: [acme],
      items: [invoice('S-1', 'acme', '100.00'), invoice('S-2', 'acme', '250.00'), invoice('S-3', 'acme', '400.00')],
      receipts: [receipt('650.00', { payerAccount: 'DE00ACME' })],
    });
    expect([d.outcome, d.rule]).toEqual(['auto', 'payer-open-items-subset']);
    expect(d.allocations.map((a) => a.number).sort()).toEqual(['S-2', 'S-3']);
  });

  it('two subsets that fit only suggest, with the reason', () => {
    const d = one({
      customers: [acme],
      items: ['100.00', '200.00', '300.00', '400.00'].map((a, i) => invoice(`S-${i}`, 'acme', a)),
      receipts: [receipt('500.00', { payerAccount: 'DE00ACME' })],
    });
    expect(d.outcome).toBe('suggested');
    expect(d.reasons).toContain('two subsets fit');
  });
});

describe('matching engine: guards and unmatched', () => {
  it('holds a payment that repeats one already settled', () => {
    const d = matchReceipts(
      snapshot({
        customers: [acme],
        items: [invoice('INV-2', 'acme', '100.00')],
        receipts: [receipt('100.00', { text: 'INV-1', payerAccount: 'DE00ACME', customerId: 'acme' })],
        settledReceipts: [
          {
            id: 'old',
            number: 'RCT-OLD',
            customerId: 'acme',
            payerAccount: 'DE00ACME',
            currency: 'EUR',
            amount: '100.00',
            text: 'INV-1',
          },
        ],
      }),
      ruleSet(),
    ).decisions[0]!;
    expect(d.outcome).toBe('held');
    expect(d.duplicateOf).toBe('old');
  });

  it('holds the second of two identical payments in one run', () => {
    const r = run({
      customers: [acme],
      items: [invoice('INV-1', 'acme', '100.00'), invoice('INV-9', 'acme', '100.00')],
      receipts: [
        receipt('100.00', { text: 'INV-1', payerAccount: 'DE00ACME' }),
        receipt('100.00', { text: 'INV-1', payerAccount: 'DE00ACME', valueDate: '2026-02-03' }),
      ],
    });
    expect(r.decisions.map((d) => d.outcome)).toEqual(['auto', 'held']);
    expect(r.counts).toMatchObject({ auto: 1, held: 1 });
  });

  it('two receipts claiming the whole of one invoice both become suggestions', () => {
    const r = run({
      customers: [acme],
      items: [invoice('INV-1', 'acme', '100.00')],
      receipts: [receipt('100.00', { text: 'INV-1' }), receipt('100.00', { text: 'paid INV 1' })],
    });
    expect(r.decisions.map((d) => d.outcome)).toEqual(['suggested', 'suggested']);
  });

  it("reads a number as a document's only when it matches the rule's pattern for that kind", () => {
    const items = [invoice('2026-0002', 'acme', '50.00')];
    const receipts = [receipt('50.00', { text: 'Payment 2026-0002' })];
    expect(one({ customers: [acme], items, receipts }).rule).toBe('document-reference');
    const strict = {
      ...defaultRuleSet,
      rules: defaultRuleSet.rules.map((r) =>
        r.stage === 'document-reference' ? { ...r, patterns: { invoice: '^INV-' } } : r,
      ),
    };
    const d = matchReceipts(snapshot({ customers: [acme], items, receipts }), ruleSet(strict)).decisions[0]!;
    expect(d.rule).not.toBe('document-reference');
    expect(d.rule).not.toBe('reference-with-discount');
  });

  it('never proposes again what a person rejected for that receipt; other receipts are not affected', () => {
    const items = [invoice('INV-2026-0001', 'acme', '100.00'), invoice('INV-2026-0002', 'acme', '100.00')];
    const r = receipt('100.00', { customerId: 'acme' });
    const before = one({ customers: [acme], items, receipts: [r] });
    expect(before.outcome).toBe('suggested');
    const first = before.allocations.map((a) => a.documentId);
    const after = one({ customers: [acme], items, receipts: [r], rejected: new Map([[r.id, [first]]]) });
    expect(after.allocations.map((a) => a.documentId)).not.toEqual(first);
    expect(after.candidates.map((c) => c.failed)).toContain('a person rejected this settlement for this receipt');
    const other = one({ customers: [acme], items, receipts: [r], rejected: new Map([['rct-other', [first]]]) });
    expect(other.allocations.map((a) => a.documentId)).toEqual(first);
  });

  it('an unmatched receipt lists its candidates with the gate each failed', () => {
    const rs = structuredClone(defaultRuleSet);
    rs.rules = rs.rules.filter((r) => r.name !== 'payer-oldest-first');
    const d = matchReceipts(
      snapshot({
        customers: [acme],
        items: [invoice('INV-1001', 'acme', '1000.00')],
        receipts: [receipt('985.00', { text: 'INV-1001', payerAccount: 'DE00ACME' })],
      }),
      {
        key: 't',
        version: 1,
        document: {
          ...rs,
          rules: rs.rules.map((r) => (r.stage === 'document-reference' ? { ...r, partial: false } : r)),
        },
      },
    ).decisions[0]!;
    expect(d.outcome).toBe('unmatched');
    expect(d.candidates[0]).toMatchObject({
      receivables: ['INV-1001'],
      failed: 'amount differs by 15.00, tolerance 10.00',
    });
    const anon = one({ customers: [acme], items: [invoice('INV-7', 'acme', '77.00')], receipts: [receipt('77.00')] });
    expect(anon.outcome).toBe('unmatched');
    expect(anon.candidates[0]).toMatchObject({ receivables: ['INV-7'], failed: 'payer not identified' });
  });

  it('a receipt in another currency converts at the day’s rate', () => {
    const d = matchReceipts(
      snapshot({
        customers: [acme],
        items: [invoice('INV-USD', 'acme', '1000.00')],
        receipts: [receipt('7150.00', { currency: 'CNY', text: 'INV-USD', payerAccount: 'DE00ACME' })],
        rate: (from, to) => (from === 'CNY' && to === 'EUR' ? '0.14' : null),
      }),
      ruleSet(),
    ).decisions[0]!;
    expect(d.outcome).toBe('auto');
    expect(d.allocations[0]).toMatchObject({ amount: '1000.00', currency: 'EUR', receiptAmount: '7150.00' });
    expect(d.lines).toEqual([
      {
        debit: { kind: 'document', id: 'doc-INV-USD' },
        credit: { kind: 'receipt' },
        amount: '1000.00',
        creditAmount: '7150.00',
      },
    ]);
  });
});
