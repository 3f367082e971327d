import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileShape, learnShape, readShape, type CompiledShape } from './reference-shapes.ts';
import { refKey, tokenize } from './references.ts';

const compiled = (text: string, number: string): CompiledShape => {
  const c = compileShape({ text, number });
  if (typeof c === 'string') throw new Error(c);
  return c;
};

describe('reference shapes', () => {
  it('learns how a payer writes a number: year as two digits, zeros dropped, groups reordered, the word before kept', () => {
    expect(learnShape('Zahlung RE 12/24 danke', 'INV-2024-0012')).toEqual({
      text: 'RE {2} {1}',
      number: 'INV-20{1:2}-{2:4}',
    });
    expect(learnShape('我司付款 单号 0012 2024', 'INV-2024-0012')).toEqual({
      text: '单号 {2} {1}',
      number: 'INV-{1:4}-{2:4}',
    });
    expect(learnShape('payment 7 of contract', 'K-00007')).toEqual({ text: 'PAYMENT {1}', number: 'K-{1:5}' });
  });

  it('learns nothing when the text allows two readings, lacks a group, or spreads it over other digits', () => {
    expect(learnShape('RE 12/24 NR 12/24', 'INV-2024-0012')).toBeNull(); // which one?
    expect(learnShape('RE 12', 'INV-2024-0012')).toBeNull();
    expect(learnShape('RE 12 999 24', 'INV-2024-0012')).toBeNull();
    expect(learnShape('thanks', 'INV-2024-0012')).toBeNull();
  });

  it('reads the numbers a shape names in other texts, and only those', () => {
    const c = compiled('RE {2} {1}', 'INV-20{1:2}-{2:4}');
    expect(readShape(c, tokenize('re 7-25 and RE 15 26'))).toEqual(['INV-2025-0007', 'INV-2026-0015']);
    expect(readShape(c, tokenize('RE 12345 25'))).toEqual([]); // longer than the group
    expect(readShape(c, tokenize('RG 7 25'))).toEqual([]);
  });

  it('refuses shapes it cannot read, saying why', () => {
    expect(compileShape({ text: 'RE {1}', number: 'INV-{1}' })).toMatch(/width/);
    expect(compileShape({ text: 'RE {1} {2}', number: 'INV-{1:4}' })).toMatch(/same groups/);
    expect(compileShape({ text: 'RE-X {1}', number: 'INV-{1:4}' })).toMatch(/neither one word/);
    expect(compileShape({ text: 'RE {1}', number: 'INV-{1:4}-{1:2}' })).toMatch(/twice/);
  });

  it('what it learns from a text reads that text back as the number (property)', () => {
    const group = fc.integer({ min: 1, max: 9999 });
    fc.assert(
      fc.property(
        fc.constantFrom('INV', 'RG', 'AR', 'F'),
        fc.array(group, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('RE', 'NR', 'BELEG', '发票'),
        fc.constantFrom('/', ' ', '-', '.'),
        fc.boolean(),
        (prefix, values, word, sep, reversed) => {
          const groups = values.map((v) => String(v).padStart(4, '0'));
          const number = `${prefix}-${groups.join('-')}`;
          const written = values.map(String);
          const text = `paid ${word} ${(reversed ? [...written].reverse() : written).join(sep)} thanks`;
          const shape = learnShape(text, number);
          if (new Set(written).size < written.length) return; // repeated digits: two readings, rightly refused
          expect(shape).not.toBeNull();
          const c = compiled(shape!.text, shape!.number);
          expect(readShape(c, tokenize(text)).map(refKey)).toContain(refKey(number));
        },
      ),
    );
  });
});
