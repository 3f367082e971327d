import { describe, expect, it } from 'vitest';
import { defaultRuleSet, matchReceipts } from '../domain/matching/index.ts';
import { greedyBaseline } from './match-baseline.ts';
import { generateLedger, mix } from './match-data.ts';
import { quality } from './match.ts';

// The benchmark's data and its scoring, on a small ledger: figures of quality, not of speed.
describe('bench match: generator, baseline and scoring', () => {
  const ledger = generateLedger(3000);

  it('generates the mix it declares, each receipt with its truth', () => {
    expect(ledger.snapshot.receipts).toHaveLength(3000);
    expect(ledger.snapshot.items.length).toBeGreaterThanOrEqual(3000);
    const kinds = new Set([...ledger.truth.values()].map((t) => t.kind));
    expect([...kinds].sort()).toEqual(Object.keys(mix).sort());
    expect(Object.values(mix).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 9);
    for (const r of ledger.snapshot.receipts) expect(ledger.truth.has(r.id)).toBe(true);
  });

  it('scores a decision right only when it settles exactly the true invoices', () => {
    const [a, b] = [...ledger.truth.entries()].filter(([, t]) => t.documents.length === 1);
    const q = quality(ledger, [
      { receiptId: a![0], documents: a![1].documents },
      { receiptId: b![0], documents: a![1].documents },
    ]);
    expect(q).toMatchObject({ auto: 2, autoCorrect: 1, precision: 50 });
  });

  it('the engine settles automatically without a wrong settlement; the greedy baseline does not', () => {
    const result = matchReceipts(ledger.snapshot, { key: 'default', version: 1, document: defaultRuleSet });
    const hexiao = quality(
      ledger,
      result.decisions
        .filter((d) => d.outcome === 'auto')
        .map((d) => ({ receiptId: d.receiptId, documents: d.allocations.map((x) => x.documentId) })),
    );
    const baseline = quality(ledger, greedyBaseline(ledger.snapshot));
    expect(hexiao.precision).toBeGreaterThanOrEqual(99.9);
    expect(hexiao.autoShare).toBeGreaterThanOrEqual(95);
    expect(baseline.precision).toBeLessThan(95);
    expect(baseline.wrongByKind['several-invoices']).toBeGreaterThan(0);
    // duplicates are held for a person, never settled twice
    const held = result.decisions.filter((d) => d.outcome === 'held').map((d) => ledger.truth.get(d.receiptId)!.kind);
    expect(held.length).toBeGreaterThan(0);
    expect(new Set(held)).toEqual(new Set(['duplicate']));
  });
});
