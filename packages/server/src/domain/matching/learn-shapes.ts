import type { HandSettledTextRow } from '../../store/repos/matching.ts';
import { compileShape, learnShape, readShape, type ReferenceShape } from './reference-shapes.ts';
import { digitKeysIn, digitsKey, documentKeysIn, refKey, tokenize, type Token } from './references.ts';
import { receiptText } from './snapshot.ts';

export interface ShapeProposal extends ReferenceShape {
  kind: 'reference-shape';
  settlements: number;
  /** Up to three receipts' texts with the number each was settled against. */
  examples: { text: string; number: string }[];
}

/**
 * Reference shapes learned from settlements by hand: for each receipt whose text names a document it was settled
 * against in a way the engine does not read (neither as written nor by its digits), the shape of that text
 * (`learnShape`). A shape seen on at least `min` receipts is proposed when, over every receipt of the period, it
 * never reads the number of a document settled against another receipt instead; one that does is skipped with
 * the reason. A shape needs a word or two digit groups, so a lone number is never read as a document.
 */
export function learnShapes(
  rows: readonly HandSettledTextRow[],
  min: number,
  known: readonly ReferenceShape[],
): { proposals: ShapeProposal[]; skipped: { shape: ReferenceShape; reason: string }[] } {
  const receipts = new Map<string, { text: string; tokens: Token[]; numbers: string[] }>();
  for (const r of rows) {
    const text = [r.creditor_reference, receiptText(r)].filter(Boolean).join(' ');
    const e = receipts.get(r.receipt_id) ?? { text, tokens: tokenize(text), numbers: [] };
    e.numbers.push(r.number);
    receipts.set(r.receipt_id, e);
  }
  const settledKeys = new Map<string, Set<string>>(); // document key → the receipts settled against it
  for (const [id, e] of receipts)
    for (const n of e.numbers) settledKeys.set(refKey(n), (settledKeys.get(refKey(n)) ?? new Set()).add(id));

  const seen = new Map<
    string,
    { shape: ReferenceShape; receipts: Set<string>; examples: { text: string; number: string }[] }
  >();
  const knownKeys = new Set(known.map(shapeKey));
  for (const [id, e] of receipts) {
    if (e.tokens.length === 0) continue;
    for (const number of e.numbers) {
      const key = refKey(number);
      if (documentKeysIn(e.tokens, (k) => k === key).length > 0) continue;
      const digits = digitsKey(number);
      if (digits && digitKeysIn(e.tokens).includes(digits)) continue;
      const shape = learnShape(e.text, number);
      if (!shape || knownKeys.has(shapeKey(shape))) continue;
      const s = seen.get(shapeKey(shape)) ?? { shape, receipts: new Set(), examples: [] };
      if (!s.receipts.has(id) && s.examples.length < 3) s.examples.push({ text: e.text, number });
      s.receipts.add(id);
      seen.set(shapeKey(shape), s);
    }
  }

  const proposals: ShapeProposal[] = [];
  const skipped: { shape: ReferenceShape; reason: string }[] = [];
  for (const s of [...seen.values()].sort(
    (a, b) => b.receipts.size - a.receipts.size || cmp(shapeKey(a.shape), shapeKey(b.shape)),
  )) {
    if (s.receipts.size < min) continue;
    const compiled = compileShape(s.shape);
    if (typeof compiled === 'string') continue;
    if (!compiled.text.some((p) => 'word' in p) && compiled.widths.size < 2) {
      skipped.push({ shape: s.shape, reason: 'a lone number without a word before it would read too much' });
      continue;
    }
    const wrong = [...receipts].find(([id, e]) =>
      readShape(compiled, e.tokens).some((n) => {
        const others = settledKeys.get(refKey(n));
        return others !== undefined && !others.has(id);
      }),
    );
    if (wrong) {
      skipped.push({
        shape: s.shape,
        reason: `reads "${wrong[1].text}" as a document settled against another receipt`,
      });
      continue;
    }
    proposals.push({ kind: 'reference-shape', ...s.shape, settlements: s.receipts.size, examples: s.examples });
  }
  return { proposals, skipped };
}

const shapeKey = (s: ReferenceShape) => `${s.text}\u0000${s.number}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
